package com.ordercloudhub.hub.delivery;

import com.ordercloudhub.hub.event.EventKind;
import java.time.OffsetDateTime;

/**
 * A stored event as the dispatcher needs it.
 *
 * @param payloadJson the stored (redacted) payload
 * @param routedAt when its legs were planned, or null when they must be (re)planned
 */
public record DispatchEvent(
    String id,
    EventKind kind,
    String eventType,
    String payloadJson,
    OffsetDateTime receivedAt,
    OffsetDateTime occurredAt,
    OffsetDateTime routedAt) {

  @Override
  public String toString() {
    return "DispatchEvent[" + id + " " + eventType + "]";
  }
}
