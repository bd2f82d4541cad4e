package com.ordercloudhub.hub.destination.ordercloud;

import java.time.Duration;
import java.util.Optional;

/**
 * OrderCloud answered 429 Too Many Requests: the caller waits (as long as {@code Retry-After} says,
 * when it says) and asks again.
 */
public class OrderCloudThrottledException extends OrderCloudApiException {

  private final transient Duration retryAfter;

  public OrderCloudThrottledException(String message, Duration retryAfter) {
    super(message, 429, null);
    this.retryAfter = retryAfter;
  }

  /** How long OrderCloud asked to wait, when it said. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
