package com.ordercloudhub.hub.delivery;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Asks an event's routing route which destinations it goes to. The route for {@code
 * order.submitted} is {@code event-order-submitted} (routes/events/order-submitted.camel.yaml); an
 * event type without one goes through {@code event-catch-all}. An event a {@link DeliveryExemption}
 * claims goes nowhere, before any route is asked.
 */
@Component
public class EventPlanner {

  private static final Logger log = LoggerFactory.getLogger(EventPlanner.class);

  static final String CATCH_ALL = "event-catch-all";

  private final CamelContext camel;
  private final ProducerTemplate producer;
  private final DeliveryExchanges exchanges;
  private final Map<String, Destination> byName;
  private final RoutesLock routes;
  private final ObjectProvider<DeliveryExemption> exemptions;

  public EventPlanner(
      CamelContext camel,
      ProducerTemplate producer,
      DeliveryExchanges exchanges,
      List<Destination> destinations,
      RoutesLock routes,
      ObjectProvider<DeliveryExemption> exemptions) {
    this.camel = camel;
    this.exemptions = exemptions;
    this.routes = routes;
    this.producer = producer;
    this.exchanges = exchanges;
    this.byName = destinations.stream().collect(Collectors.toMap(Destination::name, d -> d));
  }

  /** The route id that decides an event type's destinations. */
  public static String routeIdFor(String eventType) {
    return "event-" + eventType.replace('.', '-');
  }

  /** The route that will decide this event type: its own, or the catch-all. */
  public String routeFor(String eventType) {
    String own = routeIdFor(eventType);
    return camel.getRoute(own) != null ? own : CATCH_ALL;
  }

  /**
   * Runs the event's routing route and returns the legs it asks for, each with the reason it must
   * be skipped (destination not configured), if any.
   */
  public List<DeliveryLedger.PlannedLeg> plan(DispatchEvent event) {
    return plan(event, exchange -> {});
  }

  /**
   * {@link #plan(DispatchEvent)}, with the routing exchange prepared first (a dry run flags it).
   */
  public List<DeliveryLedger.PlannedLeg> plan(DispatchEvent event, Consumer<Exchange> prepare) {
    Optional<String> exempt = exemption(event);
    if (exempt.isPresent()) {
      log.info("Event {} ({}) goes nowhere: {}", event.id(), event.eventType(), exempt.get());
      return List.of();
    }
    // never while live reload replaces routes: the event's own route could be missing for a moment
    return routes.whileStable(() -> planNow(event, prepare));
  }

  /** Why the event must go nowhere, if a {@link DeliveryExemption} says so. */
  public Optional<String> exemption(DispatchEvent event) {
    for (DeliveryExemption exemption : exemptions) {
      Optional<String> reason = exemption.exempt(event);
      if (reason.isPresent()) {
        return reason;
      }
    }
    return Optional.empty();
  }

  private List<DeliveryLedger.PlannedLeg> planNow(DispatchEvent event, Consumer<Exchange> prepare) {
    String route = routeFor(event.eventType());
    Exchange exchange = exchanges.forEvent(event);
    prepare.accept(exchange);
    List<String> destinations = DeliveryPlan.newPlan();
    exchange.setProperty(DeliveryPlan.PROPERTY, destinations);
    Exchange done = producer.send("direct:" + route, exchange);
    if (done.getException() != null) {
      throw new IllegalStateException(
          "Routing route " + route + " failed for " + event.eventType(), done.getException());
    }
    return destinations.stream()
        .map(
            d ->
                new DeliveryLedger.PlannedLeg(
                    d, byName.containsKey(d) ? byName.get(d).missing().orElse(null) : null))
        .toList();
  }
}
