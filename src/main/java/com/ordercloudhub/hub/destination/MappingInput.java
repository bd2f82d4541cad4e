package com.ordercloudhub.hub.destination;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ordercloudhub.hub.delivery.DeliveryExchanges;
import com.ordercloudhub.hub.delivery.Destination;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * What a destination's JSONata mappings read: the OrderCloud payload as sent, plus a {@code hub}
 * object with what the hub adds: the event's id and type, the idempotency key, the destination's
 * settings for this event ({@link Destination#mappingSettings}, e.g. the CRM's external-ID field
 * and Opportunity stage) and, when a destination reads them, the order's line items. OrderCloud's
 * own properties are PascalCase, so {@code hub} never collides with them.
 */
@Component("mappingInput")
public class MappingInput {

  private final ObjectMapper mapper;
  private final Map<String, Destination> destinations;

  public MappingInput(ObjectMapper mapper, List<Destination> destinations) {
    this.mapper = mapper;
    this.destinations =
        destinations.stream().collect(Collectors.toMap(Destination::name, Function.identity()));
  }

  /** Adds {@code hub} to the body (a copy: the event payload itself stays as stored). */
  public JsonNode prepare(Exchange exchange) {
    JsonNode body = exchange.getMessage().getBody(JsonNode.class);
    ObjectNode input =
        body != null && body.isObject()
            ? ((ObjectNode) body).deepCopy()
            : mapper.createObjectNode();
    String type = exchange.getMessage().getHeader(DeliveryExchanges.EVENT_TYPE, String.class);
    String destination =
        exchange.getMessage().getHeader(DeliveryExchanges.DESTINATION, String.class);
    ObjectNode hub = input.putObject("hub");
    hub.put("eventId", exchange.getMessage().getHeader(DeliveryExchanges.EVENT_ID, String.class));
    hub.put("eventType", type);
    hub.put(
        "idempotencyKey",
        exchange.getMessage().getHeader(DeliveryExchanges.IDEMPOTENCY_KEY, String.class));
    Destination own = destination == null ? null : destinations.get(destination);
    hub.set("settings", mapper.valueToTree(own == null ? Map.of() : own.mappingSettings(type)));
    return input;
  }
}
