package com.ordercloudhub.hub.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.ordercloudhub.hub.event.ExactJson;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultExchange;
import org.springframework.stereotype.Component;

/**
 * Builds the exchange an event travels in through routing and destination routes: the stored
 * payload as a JSON tree, and the event's facts as {@code hub*} headers routes can use.
 */
@Component
public class DeliveryExchanges {

  public static final String EVENT_ID = "hubEventId";
  public static final String EVENT_TYPE = "hubEventType";
  public static final String EVENT_KIND = "hubEventKind";
  public static final String EVENT_DATE = "hubEventDate";
  public static final String DESTINATION = "hubDestination";
  public static final String IDEMPOTENCY_KEY = "hubIdempotencyKey";
  public static final String ATTEMPT = "hubAttempt";

  /** Exchange property a destination sets to note how it delivered ("sent without line items"). */
  public static final String LEG_NOTE = "hubLegNote";

  /**
   * Exchange property: the leg is delivered for real, so its destination may open the event's
   * sealed secrets (a reset code for its email). Only a leg's exchange carries it, and {@link
   * DryRun#flag} takes it away: an exchange made anywhere else, or a dry run's, opens nothing.
   */
  public static final String OPENS_SEALED = "hubOpensSealed";

  private final CamelContext camel;
  private final ObjectReader exact;

  /**
   * The payload of each event being delivered, parsed once: its routing and each of its legs get a
   * copy of the same tree (a copy costs a fraction of a parse). Held while the event is (weakly
   * referenced keys), so it goes with the delivery.
   */
  private final Map<DispatchEvent, JsonNode> parsed =
      Collections.synchronizedMap(new WeakHashMap<>());

  /** Payloads parsed, for tests. */
  private final AtomicLong parses = new AtomicLong();

  public DeliveryExchanges(CamelContext camel, ObjectMapper mapper) {
    this.camel = camel;
    // numbers as stored, exactly (a double would turn 1234567890123.4567 into …4568)
    this.exact = ExactJson.reader(mapper);
  }

  public Exchange forEvent(DispatchEvent event) {
    Exchange exchange = new DefaultExchange(camel);
    exchange.getMessage().setBody(payload(event));
    exchange.getMessage().setHeader(EVENT_ID, event.id());
    exchange.getMessage().setHeader(EVENT_TYPE, event.eventType());
    exchange.getMessage().setHeader(EVENT_KIND, event.kind().code());
    exchange
        .getMessage()
        .setHeader(
            EVENT_DATE,
            (event.occurredAt() != null ? event.occurredAt() : event.receivedAt()).toString());
    return exchange;
  }

  public Exchange forLeg(DispatchEvent event, DeliveryLeg leg, int attempt) {
    Exchange exchange = forEvent(event);
    exchange.getMessage().setHeader(DESTINATION, leg.destination());
    exchange.getMessage().setHeader(IDEMPOTENCY_KEY, leg.idempotencyKey());
    exchange.getMessage().setHeader(ATTEMPT, attempt);
    exchange.setProperty(OPENS_SEALED, true);
    return exchange;
  }

  /** A tree of its own for each exchange: a route may change its body in place. */
  private JsonNode payload(DispatchEvent event) {
    JsonNode tree = parsed.get(event);
    if (tree == null) {
      try {
        tree = exact.readValue(event.payloadJson());
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("Stored payload of " + event.id() + " is unreadable", e);
      }
      parses.incrementAndGet();
      parsed.put(event, tree);
    }
    return tree.deepCopy();
  }

  /** How many stored payloads were parsed so far. */
  long parses() {
    return parses.get();
  }
}
