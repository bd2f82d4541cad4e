package com.ordercloudhub.hub.destination.fake;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.Exchange;

/**
 * The system behind the fake destination: takes what the route sends, or fails the way the
 * payload's {@code Outcome} says ({@code refuse}: its own permanent error, {@code busy}: its own
 * transient one).
 */
public class FakeSystem {

  static class Refused extends RuntimeException {
    Refused(String message) {
      super(message);
    }
  }

  static class Busy extends RuntimeException {
    Busy(String message) {
      super(message);
    }
  }

  final List<JsonNode> received = new CopyOnWriteArrayList<>();

  public void receive(Exchange exchange) {
    JsonNode body = exchange.getMessage().getBody(JsonNode.class);
    String outcome = body.path("Response").path("Body").path("Outcome").asText("");
    String order = orderId(exchange);
    switch (outcome) {
      case "refuse" -> throw new Refused(order);
      case "busy" -> throw new Busy(order);
      default -> received.add(body);
    }
  }

  static String orderId(Exchange exchange) {
    JsonNode body = exchange.getMessage().getBody(JsonNode.class);
    return body == null ? null : body.path("Response").path("Body").path("ID").asText(null);
  }
}
