package com.ordercloudhub.hub.event;

/**
 * A stored event with its redacted payload.
 *
 * @param payloadJson the payload as stored: no {@code UserToken}, secrets as {@code [redacted]}
 * @param hasSealedSecrets whether encrypted secrets are kept for a later step
 */
public record StoredEvent(EventSummary summary, String payloadJson, boolean hasSealedSecrets) {}
