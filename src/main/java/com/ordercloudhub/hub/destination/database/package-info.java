/**
 * The database destination: the reporting rows and columns ({@code oc_order} and its kind) that its
 * route writes with named SQL parameters.
 */
package com.ordercloudhub.hub.destination.database;
