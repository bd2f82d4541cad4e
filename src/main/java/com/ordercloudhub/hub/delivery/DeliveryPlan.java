package com.ordercloudhub.hub.delivery;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * Turns an event route's sends into a plan. Event routes ({@code routes/events/}) say where an
 * event goes with plain {@code to: direct:<destination>-deliver-event}; the {@code event-routing}
 * route configuration intercepts each such send and calls {@link #add}, so routing decides and the
 * ledger delivers, one leg per destination, with retries.
 */
@Component("deliveryPlan")
public class DeliveryPlan {

  /** Exchange property holding the destinations chosen so far. */
  static final String PROPERTY = "hubPlannedDestinations";

  private static final Pattern DESTINATION_ENDPOINT =
      Pattern.compile("^direct:(?://)?([a-z0-9]+(?:-[a-z0-9]+)*)-deliver-event(?:\\?.*)?$");

  /** The route a destination's legs are delivered through. */
  public static String endpointOf(String destination) {
    return "direct:" + destination + "-deliver-event";
  }

  /** The destination an endpoint URI delivers to, or null when it is not a destination. */
  static String destinationOf(String endpointUri) {
    if (endpointUri == null) {
      return null;
    }
    Matcher m = DESTINATION_ENDPOINT.matcher(endpointUri);
    return m.matches() ? m.group(1) : null;
  }

  /** A fresh, thread-safe collector (multicast branches may run in parallel). */
  static List<String> newPlan() {
    return new CopyOnWriteArrayList<>();
  }

  /** Called for each intercepted send: records the destination, the send itself is skipped. */
  @SuppressWarnings("unchecked")
  public void add(Exchange exchange) {
    String endpoint = exchange.getProperty(Exchange.INTERCEPTED_ENDPOINT, String.class);
    String destination = destinationOf(endpoint);
    List<String> plan = exchange.getProperty(PROPERTY, List.class);
    if (destination == null || plan == null) {
      throw new IllegalStateException(
          "Event routing sent to " + endpoint + ", which is not a destination route");
    }
    if (!plan.contains(destination)) {
      plan.add(destination);
    }
  }
}
