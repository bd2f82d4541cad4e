package com.ordercloudhub.hub.inbound;

import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * A webhook's {@code Date}, read as {@link OffsetDateTime#parse} reads it (ISO-8601 with offset),
 * without the formatter's cost for the one shape OrderCloud sends: {@code
 * 2025-03-14T16:02:11.4471234+00:00} (seconds, 1 to 9 fractional digits or none, {@code Z} or
 * {@code ±HH:MM}). Any other text, and any value out of range, goes to {@link
 * OffsetDateTime#parse}, so what is accepted and what it means stay exactly that parser's.
 */
final class OcDate {

  private static final int[] SCALE = {
    1, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1
  };

  private OcDate() {}

  /**
   * @throws DateTimeParseException as {@link OffsetDateTime#parse} does
   */
  static OffsetDateTime parse(CharSequence text) {
    OffsetDateTime fast = common(text);
    return fast != null ? fast : OffsetDateTime.parse(text);
  }

  /** The common shape read directly, or null for anything else (the formatter decides). */
  static OffsetDateTime common(CharSequence t) {
    int n = t.length();
    // yyyy-MM-ddTHH:mm:ss = 19 characters, then the fraction and the offset
    if (n < 20
        || t.charAt(4) != '-'
        || t.charAt(7) != '-'
        || t.charAt(10) != 'T'
        || t.charAt(13) != ':'
        || t.charAt(16) != ':') {
      return null;
    }
    int year = digits(t, 0, 4);
    int month = digits(t, 5, 2);
    int day = digits(t, 8, 2);
    int hour = digits(t, 11, 2);
    int minute = digits(t, 14, 2);
    int second = digits(t, 17, 2);
    if ((year | month | day | hour | minute | second) < 0) {
      return null;
    }
    int i = 19;
    int nano = 0;
    if (t.charAt(i) == '.') {
      int start = ++i;
      while (i < n && i - start < 10 && isDigit(t.charAt(i))) {
        i++;
      }
      int count = i - start;
      if (count < 1 || count > 9) {
        return null; // "12:00:00." and ten digits are the formatter's to judge
      }
      nano = digits(t, start, count) * SCALE[count];
    }
    int offsetSeconds;
    if (i == n - 1 && t.charAt(i) == 'Z') {
      offsetSeconds = 0;
    } else if (i == n - 6 && (t.charAt(i) == '+' || t.charAt(i) == '-') && t.charAt(i + 3) == ':') {
      int hours = digits(t, i + 1, 2);
      int minutes = digits(t, i + 4, 2);
      if ((hours | minutes) < 0 || hours > 18 || minutes > 59) {
        return null;
      }
      offsetSeconds = (hours * 3600 + minutes * 60) * (t.charAt(i) == '-' ? -1 : 1);
    } else {
      return null;
    }
    try {
      return OffsetDateTime.of(
          year, month, day, hour, minute, second, nano, ZoneOffset.ofTotalSeconds(offsetSeconds));
    } catch (DateTimeException e) {
      return null; // such as 2025-02-30 or 24:00: the formatter words the refusal
    }
  }

  private static int digits(CharSequence t, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      char c = t.charAt(i);
      if (!isDigit(c)) {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
