package com.ordercloudhub.hub.destination.ordercloud;

/**
 * The OrderCloud API failed in a way that may pass (unreachable, 5xx, 408, 429): the delivery is
 * retried. A 4xx that will not pass is raised as a permanent delivery failure instead.
 */
public class OrderCloudApiException extends RuntimeException {

  private final int status;

  public OrderCloudApiException(String message, int status, Throwable cause) {
    super(message, cause);
    this.status = status;
  }

  /** The HTTP status, or 0 when no answer came. */
  public int status() {
    return status;
  }
}
