package com.ordercloudhub.hub.delivery;

import com.ordercloudhub.hub.event.EventKind;
import java.time.OffsetDateTime;

/**
 * A stored event as the dispatcher needs it.
 *
 * @param payloadJson the stored (redacted) payload
 * @param routedAt when its legs were planned, or null when they must be (re)planned
 * @param businessKey what it is about ({@code order:SO-1}), or null: its legs are not ordered
 */
public record DispatchEvent(
    String id,
    EventKind kind,
    String eventType,
    String payloadJson,
    OffsetDateTime receivedAt,
    OffsetDateTime occurredAt,
    OffsetDateTime routedAt,
    String businessKey) {

  /** A stored event without a business key. */
  public DispatchEvent(
      String id,
      EventKind kind,
      String eventType,
      String payloadJson,
      OffsetDateTime receivedAt,
      OffsetDateTime occurredAt,
      OffsetDateTime routedAt) {
    this(id, kind, eventType, payloadJson, receivedAt, occurredAt, routedAt, null);
  }

  /** Where the event stands in its key's order: OrderCloud's {@code Date}, else its arrival. */
  public OffsetDateTime orderedAt() {
    return occurredAt != null ? occurredAt : receivedAt;
  }

  @Override
  public String toString() {
    return "DispatchEvent[" + id + " " + eventType + "]";
  }
}
