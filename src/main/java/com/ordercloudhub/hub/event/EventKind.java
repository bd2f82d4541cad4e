package com.ordercloudhub.hub.event;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How OrderCloud called the hub. */
public enum EventKind {
  /** A pre-hook: OrderCloud waits for {@code {"proceed":…}} before it writes. */
  PRE,
  /** A post-hook: OrderCloud has written; the hub records and delivers. */
  POST,
  /** A Message Sender "Custom URL" call: one per recipient. */
  MESSAGE,
  /**
   * A sync message through a Delivery Configuration (OrderSync, EntitySync, ProductSync): the
   * entity's state as OrderCloud sent it; the hub records and delivers.
   */
  SYNC;

  // asked several times per call (the row, the key, the logs, the counter): lower-cased once
  private final String code = name().toLowerCase(Locale.ROOT);

  /** The lower-case name used in the store, the API and the logs. */
  @JsonValue
  public String code() {
    return code;
  }

  public static Optional<EventKind> fromCode(String code) {
    return Arrays.stream(values()).filter(k -> k.code().equalsIgnoreCase(code)).findFirst();
  }
}
