package com.ordercloudhub.hub.inbound;

/**
 * An inbound call refused with a documented status. The routes turn it into a JSON answer {@code
 * {"status","error","message"}}; nothing is stored for a refused call.
 */
public class InboundRejection extends RuntimeException {

  private final int status;
  private final String error;
  private final String field;

  InboundRejection(int status, String error, String message, String field) {
    super(message, null, false, false);
    this.status = status;
    this.error = error;
    this.field = field;
  }

  static InboundRejection unauthorized(String error, String message) {
    return new InboundRejection(401, error, message, null);
  }

  static InboundRejection badRequest(String error, String message) {
    return new InboundRejection(400, error, message, null);
  }

  static InboundRejection badField(String field, String message) {
    return new InboundRejection(400, "invalid_envelope", message, field);
  }

  /** The same property twice in one object (exactly, or in another case); field: its path. */
  static InboundRejection duplicate(String path, String message) {
    return new InboundRejection(400, "duplicate_property", message, path);
  }

  /** A field whose text cannot be kept as sent (NUL in an identity, unpaired surrogate). */
  static InboundRejection invalidField(String path, String message) {
    return new InboundRejection(400, "invalid_field", message, path);
  }

  public int status() {
    return status;
  }

  public String error() {
    return error;
  }

  /** The envelope property at fault, or null. */
  public String field() {
    return field;
  }
}
