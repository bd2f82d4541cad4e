package com.ordercloudhub.hub.prehook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ordercloudhub.hub.event.EventKind;
import com.ordercloudhub.hub.event.ReceivedEvent;
import com.ordercloudhub.hub.support.Fixtures;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Hand-built pre-hook events and settings for the checks' unit tests. */
final class PreHookEvents {

  private PreHookEvents() {}

  /** A pre-hook as the inbound route hands it to the checks: parsed and classified. */
  static ReceivedEvent event(String eventType, String route, String verb, ObjectNode payload) {
    payload.put("Route", route).put("Verb", verb);
    payload.putIfAbsent("LogID", payload.textNode("unit-" + System.nanoTime()));
    return new ReceivedEvent(
        EventKind.PRE,
        eventType,
        route,
        verb,
        payload.get("LogID").asText(),
        null,
        null,
        null,
        null,
        "sha",
        1,
        payload);
  }

  /** address.saved with this request body (a PUT unless told). */
  static ReceivedEvent addressSaved(String verb, JsonNode address) {
    ObjectNode payload = Fixtures.mapper().createObjectNode();
    payload.putObject("RouteParams").put("buyerID", "ACME").put("addressID", "addr-1");
    payload.putObject("Request").set("Body", address);
    return event("address.saved", "v1/buyers/{buyerID}/addresses/{addressID}", verb, payload);
  }

  /** order.submitted of an order (its ConfigData as given, may be null). */
  static ReceivedEvent orderSubmitted(JsonNode configData) {
    ObjectNode payload = Fixtures.mapper().createObjectNode();
    payload.putObject("RouteParams").put("direction", "Outgoing").put("orderID", "SO-1");
    payload.putObject("Request").putNull("Body");
    payload.put("UserToken", Fixtures.USER_TOKEN_PREFIX + ".unit.test");
    if (configData != null) {
      payload.set("ConfigData", configData);
    }
    return event("order.submitted", "v1/orders/{direction}/{orderID}/submit", "POST", payload);
  }

  /** user.created for a buyer's new user with this e-mail (null: none). */
  static ReceivedEvent userCreated(String buyerId, String email) {
    ObjectNode payload = Fixtures.mapper().createObjectNode();
    ObjectNode user = payload.putObject("Request").putObject("Body");
    user.put("ID", "u-1").put("Username", "jo").put("Email", email);
    String route = "v1/me/register";
    if (buyerId != null) {
      payload.putObject("RouteParams").put("buyerID", buyerId);
      route = "v1/buyers/{buyerID}/users";
    }
    return event("user.created", route, "POST", payload);
  }

  static PreHookProperties properties() {
    return properties(orderRules(null, null, List.of()), Map.of());
  }

  static PreHookProperties.OrderSubmitted orderRules(
      String maxTotal, String minTotal, List<String> requiredXp) {
    return new PreHookProperties.OrderSubmitted(
        maxTotal == null ? null : new BigDecimal(maxTotal),
        minTotal == null ? null : new BigDecimal(minTotal),
        requiredXp,
        false);
  }

  static PreHookProperties properties(
      PreHookProperties.OrderSubmitted orders, Map<String, List<String>> allowedDomains) {
    return new PreHookProperties(
        200,
        200,
        Duration.ofSeconds(3),
        Duration.ofMillis(250),
        PreHookProperties.Policy.FAIL_OPEN,
        Map.of(
            "order-submitted",
            new PreHookProperties.EventSettings(null, PreHookProperties.Policy.FAIL_CLOSED),
            "address-saved",
            new PreHookProperties.EventSettings(Duration.ofMillis(1500), null)),
        new PreHookProperties.Address(null, Duration.ofSeconds(2)),
        orders,
        new PreHookProperties.UserCreated(allowedDomains));
  }

  static ObjectNode json(String text) {
    return (ObjectNode) Fixtures.json(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
