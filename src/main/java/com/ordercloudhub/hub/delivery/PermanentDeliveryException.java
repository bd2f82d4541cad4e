package com.ordercloudhub.hub.delivery;

/**
 * A delivery that can never succeed as it is (a rejected record, a mapping that fails on this
 * payload, a missing destination route): the leg is dead at once and waits for a replay after the
 * fix. Destination routes and beans throw it; the dispatcher does not retry it.
 */
public class PermanentDeliveryException extends RuntimeException {

  public PermanentDeliveryException(String message) {
    super(message);
  }

  public PermanentDeliveryException(String message, Throwable cause) {
    super(message, cause);
  }
}
