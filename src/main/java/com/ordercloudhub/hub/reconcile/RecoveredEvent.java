package com.ordercloudhub.hub.reconcile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ordercloudhub.hub.event.EventKind;
import com.ordercloudhub.hub.event.ReceivedEvent;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;

/**
 * The post-hook OrderCloud would have sent for an order action, built from the API's order: the
 * webhook's payload shape (Route as the real trigger route, RouteParams, Verb, Date, Response.Body
 * = the order), without what only a real call has (LogID, UserToken, ConfigData), so destinations
 * read it as they read a webhook.
 */
final class RecoveredEvent {

  private RecoveredEvent() {}

  /** The event, not yet classified (the catalogue gives its type, as for a webhook). */
  static ReceivedEvent of(
      ObjectMapper mapper, String direction, JsonNode order, OrderEvents.Expected expected) {
    ObjectNode payload = payload(mapper, direction, order, expected);
    byte[] body;
    try {
      body = mapper.writeValueAsBytes(payload);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("An order read from OrderCloud could not be written", e);
    }
    return new ReceivedEvent(
        EventKind.POST,
        null,
        expected.action().route(),
        "POST",
        null,
        null,
        null,
        null,
        OrderEvents.instant(expected.date()).map(at -> at.atOffset(ZoneOffset.UTC)).orElse(null),
        ReceivedEvent.sha256Hex(body),
        body.length,
        payload);
  }

  static ObjectNode payload(
      ObjectMapper mapper, String direction, JsonNode order, OrderEvents.Expected expected) {
    ObjectNode root = mapper.createObjectNode();
    root.put("Route", expected.action().route());
    ObjectNode params = root.putObject("RouteParams");
    params.put("direction", direction);
    params.put("orderID", order.path("ID").asText());
    root.putObject("QueryParams");
    root.put("Verb", "POST");
    root.put("Date", expected.date());
    ObjectNode request = root.putObject("Request");
    request.putNull("Body");
    request.putNull("Headers");
    ObjectNode response = root.putObject("Response");
    response.set("Body", order.deepCopy());
    response.putNull("Headers");
    return root;
  }

  /**
   * The dedupe key of the recovered event: one per order and event type, whichever hub or pass
   * recovers it. Hashes a text no webhook's or message's key hashes (they start otherwise).
   */
  static String dedupeKey(String eventType, String orderId) {
    return ReceivedEvent.sha256Hex(
        ("reconciled\n" + eventType + "\n" + orderId).getBytes(StandardCharsets.UTF_8));
  }
}
