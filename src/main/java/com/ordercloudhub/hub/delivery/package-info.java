/**
 * Delivery of stored events: each event's routing route plans its legs ({@link EventPlanner}), the
 * dispatcher claims due events from the shared queue and attempts each leg through its
 * destination's route, and the ledger records every attempt, retry and dead leg. A destination
 * plugs in through this package's SPI and its {@code direct:<name>-deliver-event} route; this
 * package never names one. Also the dry-run flag ({@link DryRun}) that exchanges carry when nothing
 * may leave the hub.
 */
package com.ordercloudhub.hub.delivery;
