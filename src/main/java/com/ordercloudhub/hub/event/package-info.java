/**
 * The event store: what OrderCloud sent, once verified and parsed ({@link ReceivedEvent}),
 * classified by the event catalogue into an event type and kind, redacted of secrets, deduplicated
 * and committed in groups ({@link EventStore}, {@link GroupCommit}); the sealed secrets a
 * destination may need later ({@link SecretBox}); and the queries the ops pages read. It knows
 * nothing of delivery.
 */
package com.ordercloudhub.hub.event;
