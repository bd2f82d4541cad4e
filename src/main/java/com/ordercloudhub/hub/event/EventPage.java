package com.ordercloudhub.hub.event;

import java.util.List;

/**
 * One page of the event list.
 *
 * @param hasMore whether a next page exists
 */
public record EventPage(List<EventSummary> items, boolean hasMore) {}
