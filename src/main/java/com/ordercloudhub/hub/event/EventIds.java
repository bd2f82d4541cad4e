package com.ordercloudhub.hub.event;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;

/**
 * Time-ordered UUIDs (RFC 9562 version 7): ids sort by creation time, which keeps the primary-key
 * index append-only and makes "newest first" cheap.
 */
public final class EventIds {

  // one generator per thread: a shared SecureRandom is one lock that every call to intake waits on
  private static final ThreadLocal<SecureRandom> RANDOM =
      ThreadLocal.withInitial(EventIds::newRandom);

  private EventIds() {}

  public static String next(Clock clock) {
    long millis = clock.millis();
    SecureRandom random = RANDOM.get();
    long randA = random.nextInt(1 << 12);
    long msb = (millis << 16) | (0x7L << 12) | randA;
    long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(msb, lsb).toString();
  }

  private static SecureRandom newRandom() {
    try {
      return SecureRandom.getInstance("DRBG");
    } catch (NoSuchAlgorithmException e) {
      return new SecureRandom();
    }
  }
}
