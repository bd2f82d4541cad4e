/**
 * Change impact ({@code POST /api/impact}, {@code /ops/impact}, {@code ./mvnw -Pimpact}): stored
 * events are dry-run twice, with today's configuration and with a proposed one (mapping and
 * template files laid over a copy of the working tree), and the two dry runs compared per
 * destination. The proposed configuration runs in an inert hub of its own (no web server,
 * dispatcher, reload, reconciliation, write-back, Kafka intake, schedules or JMX; a read-only
 * database; a dry-run guard that refuses every exchange it did not flag), so nothing is sent or
 * stored.
 */
package com.ordercloudhub.hub.impact;
