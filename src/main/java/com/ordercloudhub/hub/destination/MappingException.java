package com.ordercloudhub.hub.destination;

import com.ordercloudhub.hub.delivery.PermanentDeliveryException;

/**
 * A mapping that fails on this payload, or does not parse: the leg is dead at once (a retry would
 * fail the same way), and the message names the file.
 */
public class MappingException extends PermanentDeliveryException {

  MappingException(String message, Throwable cause) {
    super(message, cause);
  }
}
