package com.ordercloudhub.hub.event;

import java.time.OffsetDateTime;

/**
 * One stored event as the operations API lists it (no payload). {@code origin} is {@value
 * EventOrigin#WEBHOOK} for a call OrderCloud made, {@value EventOrigin#RECONCILED} for one the
 * reconciler recovered from the OrderCloud API.
 */
public record EventSummary(
    String id,
    EventKind kind,
    String eventType,
    String route,
    String verb,
    String logId,
    String messageType,
    String ocLogId,
    String recipient,
    int bodyBytes,
    OffsetDateTime occurredAt,
    OffsetDateTime receivedAt,
    int duplicates,
    OffsetDateTime lastDuplicateAt,
    String origin) {}
