package com.ordercloudhub.hub.event;

import java.time.OffsetDateTime;

/**
 * A page of the event list, newest first.
 *
 * @param type exact event type, or a prefix ending in {@code *} ({@code order.*})
 * @param kind pre, post or message; null for all
 * @param since received at or after
 * @param until received before
 * @param legStatus only events with a delivery leg in this status (pending, delivered, …), or null
 * @param destination only events with a leg to this destination, or null
 * @param page zero-based page number
 * @param size events per page
 */
public record EventQuery(
    String type,
    EventKind kind,
    OffsetDateTime since,
    OffsetDateTime until,
    String legStatus,
    String destination,
    int page,
    int size) {

  public EventQuery(
      String type, EventKind kind, OffsetDateTime since, OffsetDateTime until, int page, int size) {
    this(type, kind, since, until, null, null, page, size);
  }
}
