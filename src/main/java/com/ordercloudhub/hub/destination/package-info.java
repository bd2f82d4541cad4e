/**
 * The destination systems, one sub-package each ({@code crm} for Salesforce, {@code erp} for REST
 * ERPs, {@code database} for the reporting tables, {@code email} for SMTP, {@code ordercloud} for
 * the OrderCloud API the others read from), and what they share: the input their JSONata mappings
 * read ({@link MappingInput}).
 */
package com.ordercloudhub.hub.destination;
