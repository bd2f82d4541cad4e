/**
 * The OrderCloud API client the hub's own reads go through (an order's line items, an order read
 * with the caller's UserToken), with its OAuth client credentials.
 */
package com.ordercloudhub.hub.destination.ordercloud;
