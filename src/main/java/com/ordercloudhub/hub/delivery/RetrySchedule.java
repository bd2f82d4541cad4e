package com.ordercloudhub.hub.delivery;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Delays between attempts: after the n-th failed attempt, wait the n-th delay; after the last one
 * the leg is dead.
 */
record RetrySchedule(List<Duration> delays) {

  public RetrySchedule {
    delays = List.copyOf(delays);
  }

  /**
   * @param failedAttempts attempts made so far, all failed (1 after the first failure)
   * @return the wait before the next attempt, or empty when the schedule is exhausted
   */
  public Optional<Duration> delayAfter(int failedAttempts) {
    if (failedAttempts < 1 || failedAttempts > delays.size()) {
      return Optional.empty();
    }
    return Optional.of(delays.get(failedAttempts - 1));
  }

  /** How many attempts a leg gets in all. */
  public int maxAttempts() {
    return delays.size() + 1;
  }
}
