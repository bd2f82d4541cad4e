/**
 * Reconciliation with the OrderCloud API: OrderCloud never re-sends a post-hook, so at start and
 * every interval the hub lists the orders changed since its watermark and stores, as a new event of
 * origin {@code reconciled}, each order event their state says happened but that no webhook brought
 * ({@link com.ordercloudhub.hub.reconcile.Reconciler}). One hub reconciles at a time (a lease row);
 * the watermark moves only after a full pass.
 */
package com.ordercloudhub.hub.reconcile;
