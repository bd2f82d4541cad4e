/**
 * Dry runs ({@code POST /api/simulate}): an OrderCloud call or a stored event goes through the real
 * routing, destination and pre-hook routes on flagged exchanges, while the guard records every call
 * that would leave the hub instead of making it and describes it as the other system would have
 * received it. Nothing is stored.
 */
package com.ordercloudhub.hub.dryrun;
