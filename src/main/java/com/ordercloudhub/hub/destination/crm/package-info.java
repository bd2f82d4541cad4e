/**
 * The CRM destination, Salesforce: its settings (credentials present or why not, external-ID field,
 * stages per event type) and the records its routes upsert through camel-salesforce, an order's
 * three in one Composite request.
 */
package com.ordercloudhub.hub.destination.crm;
