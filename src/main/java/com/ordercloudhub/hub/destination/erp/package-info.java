/**
 * The ERP destination over REST: its settings and authentication, the requests its route sends
 * (sales orders with their line items, cancellations, customers), and the ERP order check a pre-
 * hook may ask.
 */
package com.ordercloudhub.hub.destination.erp;
