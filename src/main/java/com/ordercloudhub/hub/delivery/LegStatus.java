package com.ordercloudhub.hub.delivery;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Where a delivery leg stands. */
public enum LegStatus {
  /** Planned, not attempted yet (or re-queued by a replay). */
  PENDING,
  /** The destination accepted it. Never sent again unless a replay forces it. */
  DELIVERED,
  /** Failed, another attempt is scheduled. */
  RETRYING,
  /** Failed permanently or ran out of attempts; waits for a replay. */
  DEAD,
  /** The destination is not configured; the reason is kept. */
  SKIPPED,
  /**
   * Waits behind a dead leg of its business key and destination (the note names it); released when
   * that leg is replayed or delivered, or by an operator.
   */
  HELD;

  @JsonValue
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<LegStatus> fromCode(String code) {
    return Arrays.stream(values()).filter(s -> s.code().equalsIgnoreCase(code)).findFirst();
  }
}
