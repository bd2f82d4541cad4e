package com.ordercloudhub.hub.delivery;

import java.util.Optional;

/**
 * An event that must go nowhere, whatever its routing route says: the {@code order.updated}
 * post-hook OrderCloud sends for the hub's own write-back, which delivered again would start a
 * loop. Asked before the routing route runs (so no route can deliver it by accident, on a replay
 * neither), for every event the dispatcher or a dry run plans: keep it cheap.
 */
public interface DeliveryExemption {

  /** Why the event is planned with no legs, or empty when it is routed as usual. */
  Optional<String> exempt(DispatchEvent event);
}
