package com.ordercloudhub.hub.event;

import java.time.OffsetDateTime;

/** One stored event as the operations API lists it (no payload). */
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
    OffsetDateTime lastDuplicateAt) {}
