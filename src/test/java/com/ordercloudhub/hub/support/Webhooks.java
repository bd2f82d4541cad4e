package com.ordercloudhub.hub.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

/** OrderCloud post-hook bodies for destination tests, each with a fresh LogID. */
public final class Webhooks {

  private Webhooks() {}

  /** The shared order-submit post-hook for another order ID. */
  public static ObjectNode orderSubmitted(String orderId) {
    ObjectNode root = Payloads.node(Fixtures.POST_ORDER_SUBMIT);
    root.put("LogID", UUID.randomUUID().toString());
    ((ObjectNode) root.get("RouteParams")).put("orderID", orderId);
    ((ObjectNode) root.at("/Response/Body")).put("ID", orderId);
    return root;
  }

  /** A cancel post-hook ({@code POST v1/orders/Outgoing/{orderID}/cancel}) of the shared order. */
  public static ObjectNode orderCanceled(String orderId) {
    ObjectNode order = (ObjectNode) orderSubmitted(orderId).at("/Response/Body").deepCopy();
    order.put("Status", "Canceled").put("DateCanceled", "2025-03-15T08:30:00+00:00");
    return webhook(
        "v1/orders/{direction}/{orderID}/cancel",
        "POST",
        Map.of("direction", "Outgoing", "orderID", orderId),
        null,
        order);
  }

  /** A buyer user replaced ({@code PUT v1/buyers/{buyerID}/users/{userID}}). */
  public static ObjectNode buyerUserUpdated(String buyerId, String userId, String email) {
    ObjectNode user = Fixtures.mapper().createObjectNode();
    user.put("ID", userId)
        .put("Username", "u-" + userId)
        .put("FirstName", "Jo")
        .put("LastName", "Doe")
        .put("Email", email)
        .put("Phone", "612-555-0199")
        .put("Active", true);
    return webhook(
        "v1/buyers/{buyerID}/users/{userID}",
        "PUT",
        Map.of("buyerID", buyerId, "userID", userId),
        user,
        user);
  }

  public static ObjectNode webhook(
      String route,
      String verb,
      Map<String, String> routeParams,
      JsonNode requestBody,
      JsonNode responseBody) {
    ObjectNode root = Fixtures.mapper().createObjectNode();
    root.put("Route", route).put("Verb", verb).put("LogID", UUID.randomUUID().toString());
    root.put("Date", OffsetDateTime.now(ZoneOffset.UTC).toString());
    routeParams.forEach(root.putObject("RouteParams")::put);
    root.putObject("QueryParams");
    root.putObject("Request").set("Body", requestBody);
    root.putObject("Response").set("Body", responseBody);
    root.put("UserToken", Fixtures.USER_TOKEN_PREFIX + ".x.y");
    return root;
  }
}
