package com.ordercloudhub.hub.event;

/**
 * The answer to a stored post-hook or message: {@code {"eventId","eventType","duplicate"}}.
 *
 * @param duplicate true when OrderCloud had sent the same call before; the ids are the first one's
 */
public record EventReceipt(String eventId, String eventType, boolean duplicate) {}
