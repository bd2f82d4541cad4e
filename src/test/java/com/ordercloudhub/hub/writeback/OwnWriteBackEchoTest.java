package com.ordercloudhub.hub.writeback;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ordercloudhub.hub.delivery.DispatchEvent;
import com.ordercloudhub.hub.event.EventKind;
import com.ordercloudhub.hub.support.Fixtures;
import com.ordercloudhub.hub.support.Webhooks;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The post-hook of the hub's own PATCH is recognised exactly: the order route, PATCH, and a request
 * body of xp.&lt;key&gt; alone; anything more is somebody else's change and is routed.
 */
class OwnWriteBackEchoTest {

  static final WritebackProperties SETTINGS =
      new WritebackProperties(
          true, "Integration", List.of(), "OrderAdmin", "", List.of(Duration.ofSeconds(1)));
  final OwnWriteBackEcho echo = new OwnWriteBackEcho(Fixtures.mapper(), SETTINGS);

  static ObjectNode body(String json) {
    return (ObjectNode) Fixtures.json(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  static DispatchEvent event(EventKind kind, JsonNode payload) {
    OffsetDateTime now = OffsetDateTime.now();
    return new DispatchEvent("ev-1", kind, "order.updated", payload.toString(), now, now, null);
  }

  static ObjectNode patch(String route, String verb, JsonNode requestBody) {
    return Webhooks.webhook(
        route, verb, Map.of("direction", "Incoming", "orderID", "SO-1"), requestBody, body("{}"));
  }

  static final String OWN =
      "{\"xp\":{\"Integration\":{\"Status\":\"Synced\",\"Destinations\":{},\"UpdatedAt\":\"x\"}}}";

  @Test
  void theHubsOwnPatchGoesNowhere() {
    assertThat(
            echo.exempt(
                event(EventKind.POST, patch(OwnWriteBackEcho.ORDER_ROUTE, "PATCH", body(OWN)))))
        .hasValueSatisfying(reason -> assertThat(reason).contains("the hub's own write-back"));
    // names in another case, as the door accepts them
    assertThat(
            OwnWriteBackEcho.isOwnWriteBack(
                body(
                    "{\"route\":\"V1/Orders/{direction}/{orderID}\",\"verb\":\"patch\","
                        + "\"request\":{\"body\":{\"XP\":{\"Integration\":1}}}}"),
                "Integration"))
        .isTrue();
    // a concrete path, as the catalogue also accepts
    assertThat(
            echo.exempt(
                event(EventKind.POST, patch("v1/orders/Incoming/SO-1", "PATCH", body(OWN)))))
        .isPresent();
  }

  @Test
  void anyOtherChangeIsRouted() {
    List<JsonNode> others =
        List.of(
            patch(
                OwnWriteBackEcho.ORDER_ROUTE,
                "PATCH",
                body("{\"xp\":{\"Integration\":{},\"a\":1}}")),
            patch(
                OwnWriteBackEcho.ORDER_ROUTE,
                "PATCH",
                body("{\"xp\":{\"Integration\":{}},\"Comments\":\"x\"}")),
            patch(
                OwnWriteBackEcho.ORDER_ROUTE,
                "PATCH",
                body("{\"xp\":{\"Other\":{},\"b\":\"Integration\"}}")),
            patch(OwnWriteBackEcho.ORDER_ROUTE, "PUT", body(OWN)),
            patch("v1/orders/{direction}/{orderID}/lineitems/{lineItemID}", "PATCH", body(OWN)),
            patch("v1/cart", "PATCH", body(OWN)),
            patch(OwnWriteBackEcho.ORDER_ROUTE, "PATCH", body("{\"Integration\":{}}")));
    for (JsonNode payload : others) {
      assertThat(echo.exempt(event(EventKind.POST, payload))).as(payload.toString()).isEmpty();
    }
    // a pre-hook is decided, never delivered: not this filter's business
    assertThat(
            echo.exempt(
                event(EventKind.PRE, patch(OwnWriteBackEcho.ORDER_ROUTE, "PATCH", body(OWN)))))
        .isEmpty();
  }

  @Test
  void anotherKeyIsTheHubsWhenConfigured() {
    OwnWriteBackEcho sync =
        new OwnWriteBackEcho(
            Fixtures.mapper(),
            new WritebackProperties(true, "HubSync", List.of(), "OrderAdmin", "", List.of()));
    assertThat(
            sync.exempt(
                event(EventKind.POST, patch(OwnWriteBackEcho.ORDER_ROUTE, "PATCH", body(OWN)))))
        .isEmpty();
    assertThat(
            sync.exempt(
                event(
                    EventKind.POST,
                    patch(
                        OwnWriteBackEcho.ORDER_ROUTE, "PATCH", body("{\"xp\":{\"HubSync\":{}}}")))))
        .isPresent();
  }
}
