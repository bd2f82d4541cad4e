/**
 * The destination systems, one sub-package each ({@code crm} for Salesforce, {@code erp} for REST
 * ERPs, {@code database} for the reporting tables, {@code email} for SMTP, {@code ordercloud} for
 * the OrderCloud API the others read from), and what they share: the input their JSONata mappings
 * read ({@link MappingInput}) and the {@code mapping:} endpoint that evaluates them, each file
 * parsed once per content ({@link MappingComponent}, {@link Mappings}).
 */
package com.ordercloudhub.hub.destination;
