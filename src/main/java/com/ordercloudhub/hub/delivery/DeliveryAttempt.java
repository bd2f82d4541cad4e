package com.ordercloudhub.hub.delivery;

import java.time.OffsetDateTime;

/**
 * One try at delivering a leg.
 *
 * @param outcome delivered, retry or dead
 */
public record DeliveryAttempt(
    int attempt,
    OffsetDateTime startedAt,
    int durationMs,
    String outcome,
    String error,
    String instance) {}
