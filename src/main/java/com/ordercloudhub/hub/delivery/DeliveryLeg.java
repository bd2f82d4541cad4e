package com.ordercloudhub.hub.delivery;

import java.time.OffsetDateTime;

/**
 * One (event, destination) pair in the delivery ledger.
 *
 * @param status pending, delivered, retrying, dead or skipped
 * @param attempts attempts since the leg was (re)queued
 * @param lastError the last failure, or why the leg was skipped
 * @param idempotencyKey {@code <eventId>:<destination>}, sent with every attempt
 * @param note how a delivered leg was delivered, when worth knowing, or null
 * @param reference what the destination answered that names its record (the ERP's order number),
 *     captured by {@link LegReferences}, or null
 */
public record DeliveryLeg(
    String id,
    String eventId,
    String destination,
    LegStatus status,
    int attempts,
    OffsetDateTime nextAttemptAt,
    String lastError,
    String idempotencyKey,
    OffsetDateTime createdAt,
    OffsetDateTime updatedAt,
    OffsetDateTime deliveredAt,
    String note,
    String reference) {

  /** A leg without a reference. */
  public DeliveryLeg(
      String id,
      String eventId,
      String destination,
      LegStatus status,
      int attempts,
      OffsetDateTime nextAttemptAt,
      String lastError,
      String idempotencyKey,
      OffsetDateTime createdAt,
      OffsetDateTime updatedAt,
      OffsetDateTime deliveredAt,
      String note) {
    this(
        id,
        eventId,
        destination,
        status,
        attempts,
        nextAttemptAt,
        lastError,
        idempotencyKey,
        createdAt,
        updatedAt,
        deliveredAt,
        note,
        null);
  }
}
