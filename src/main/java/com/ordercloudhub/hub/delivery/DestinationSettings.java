package com.ordercloudhub.hub.delivery;

import java.util.Optional;

/**
 * A destination that needs configuration (credentials, a URL) says whether it has it. Without it,
 * the destination's legs are {@code skipped} with the reason, never errors. A destination with no
 * such bean is always usable (the database).
 */
public interface DestinationSettings {

  /** The destination's name, as in {@code direct:<name>-deliver-event}. */
  String destination();

  /** Why the destination cannot be used now, e.g. "ERP_BASE_URL is not set"; empty when it can. */
  Optional<String> missing();
}
