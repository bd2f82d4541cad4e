package com.ordercloudhub.hub.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ordercloudhub.hub.support.Fixtures;
import com.ordercloudhub.hub.support.HubClient;
import com.ordercloudhub.hub.support.Legs;
import com.ordercloudhub.hub.support.Payloads;
import com.ordercloudhub.hub.support.Webhooks;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Search by what people know and an order's and a user's whole story, through the real intake and
 * routes: each finder (order, shipment, return, user ID, e-mail, LogID, event ID) answers the match
 * and where it leads, the order's page and API hold its events in time order (post-hooks, the
 * pre-hook with its decision, the message), each destination's state, and "replay everything
 * failed" re-queues the order's dead legs. Run on H2 and PostgreSQL: the SQL is new.
 */
abstract class SearchContract {

  static final String POST = "/webhooks/ordercloud/post";

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  HubClient hub;
  Legs legs;

  String orderId;
  String userId;
  String email;
  String shipmentId;
  String returnId;
  String submitted;
  String shipped;
  String returned;
  String message;
  String preHook;
  String userEvent;
  String submitLogId;
  ObjectNode submitBody;

  @BeforeEach
  void anOrderWithItsStory() {
    hub = new HubClient(port);
    legs = new Legs(jdbc);
    String unique = UUID.randomUUID().toString().substring(0, 8);
    orderId = "SO-Search-" + unique;
    userId = "buyer-" + unique;
    email = "Jane." + unique + "@Acme.example";
    shipmentId = "SH-" + unique;
    returnId = "RMA-" + unique;

    ObjectNode pre = Payloads.node(Fixtures.PRE_ORDER_SUBMIT);
    pre.put("LogID", UUID.randomUUID().toString());
    ((ObjectNode) pre.get("RouteParams")).put("orderID", orderId);
    assertThat(hub.signed("/webhooks/ordercloud/pre", Payloads.bytes(pre)).statusCode())
        .isEqualTo(200);
    // recorded off the answer's path
    preHook =
        await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () ->
                    jdbc.queryForList(
                        "SELECT id FROM hub_event WHERE log_id = ?",
                        String.class,
                        pre.get("LogID").asText()),
                ids -> ids.size() == 1)
            .get(0);

    ObjectNode submit = Webhooks.orderSubmitted(orderId);
    ObjectNode body = (ObjectNode) submit.at("/Response/Body");
    body.put("FromUserID", userId);
    ((ObjectNode) body.get("FromUser")).put("ID", userId).put("Email", email);
    submitLogId = submit.get("LogID").asText();
    submitBody = submit;
    submitted = store(POST, submit);

    shipped =
        store(
            POST,
            Webhooks.webhook(
                "v1/shipments/{shipmentID}/items",
                "POST",
                Map.of("shipmentID", shipmentId),
                Fixtures.mapper()
                    .createObjectNode()
                    .put("OrderID", orderId)
                    .put("LineItemID", "LI-001")
                    .put("QuantityShipped", 1),
                Fixtures.mapper().createObjectNode().put("OrderID", orderId)));
    returned =
        store(
            POST,
            Webhooks.webhook(
                "v1/orderreturns/{returnID}/submit",
                "POST",
                Map.of("returnID", returnId),
                null,
                Fixtures.mapper().createObjectNode().put("ID", returnId).put("OrderID", orderId)));

    ObjectNode notice = Payloads.node(Fixtures.MESSAGE_ORDER_SUBMITTED);
    notice.put("OcLogIdHeader", UUID.randomUUID().toString());
    ((ObjectNode) notice.at("/EventBody/Order")).put("ID", orderId);
    ((ObjectNode) notice.get("Recipient")).put("ID", userId).put("Email", email);
    message = store("/webhooks/ordercloud/messages/ordersubmitted", notice);

    userEvent = store(POST, Webhooks.buyerUserUpdated("ACME", userId, email));
  }

  private String store(String path, ObjectNode body) {
    HttpResponse<String> answer = hub.signed(path, Payloads.bytes(body));
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
    return json(answer).get("eventId").asText();
  }

  static JsonNode json(HttpResponse<String> response) {
    return Fixtures.json(response.body().getBytes(StandardCharsets.UTF_8));
  }

  JsonNode search(String q) {
    HttpResponse<String> answer =
        hub.opsGet("/api/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    return json(answer).get("matches");
  }

  static List<String> found(JsonNode matches) {
    List<String> found = new ArrayList<>();
    matches.forEach(m -> found.add(m.get("match").asText() + " " + m.get("link").asText()));
    return found;
  }

  @Test
  void theFieldsAreStoredWithEachEventInTheSameBatch() {
    assertThat(
            jdbc.queryForList(
                "SELECT name || '=' || field_value FROM hub_event_field WHERE event_id = ? ORDER BY name",
                String.class,
                submitted))
        .containsExactly(
            "buyer=ACME", "email=" + email, "order=" + orderId, "total=172.8", "user=" + userId);
    assertThat(
            jdbc.queryForObject(
                "SELECT value_key FROM hub_event_field WHERE event_id = ? AND name = 'email'",
                String.class,
                submitted))
        .isEqualTo(email.toLowerCase(Locale.ROOT));
    // shown, not searched
    assertThat(
            jdbc.queryForObject(
                "SELECT COUNT(*) FROM hub_event_field WHERE event_id = ? AND name = 'buyer'"
                    + " AND value_key IS NULL",
                Integer.class,
                submitted))
        .isEqualTo(1);

    // OrderCloud sends it again: a duplicate, no second set of fields
    HttpResponse<String> again = hub.signed(POST, Payloads.bytes(submitBody));
    assertThat(json(again).get("eventId").asText()).isEqualTo(submitted);
    assertThat(
            jdbc.queryForObject(
                "SELECT COUNT(*) FROM hub_event_field WHERE value_key = ? AND name = 'order'",
                Integer.class,
                orderId.toLowerCase(Locale.ROOT)))
        .isEqualTo(5); // pre-hook, submit, shipment, return, message
  }

  @Test
  void eachFinderLeadsWhereAnOperatorExpects() {
    // an order ID in any case: the order's page, with every event that carries it
    JsonNode byOrder = search(orderId.toLowerCase(Locale.ROOT));
    assertThat(found(byOrder)).containsExactly("order /ops/orders/" + orderId);
    assertThat(byOrder.get(0).get("events").asInt()).isEqualTo(5); // pre, submit, ship, return, msg
    assertThat(byOrder.get(0).get("api").asText()).isEqualTo("/api/orders/" + orderId);

    assertThat(found(search(shipmentId))).containsExactly("shipment /ops/orders/" + orderId);
    assertThat(found(search(" " + returnId.toUpperCase(Locale.ROOT) + " ")))
        .containsExactly("return /ops/orders/" + orderId);
    assertThat(found(search(userId))).containsExactly("user /ops/users/" + userId);
    assertThat(found(search(email.toUpperCase(Locale.ROOT))))
        .containsExactly("email /ops/users/" + userId);
    assertThat(found(search(submitLogId))).containsExactly("log-id /ops/events/" + submitted);
    String ocLogId =
        jdbc.queryForObject("SELECT oc_log_id FROM hub_event WHERE id = ?", String.class, message);
    assertThat(found(search(ocLogId))).containsExactly("log-id /ops/events/" + message);
    assertThat(found(search(submitted))).containsExactly("event-id /ops/events/" + submitted);
    assertThat(search("nothing-" + UUID.randomUUID())).isEmpty();
  }

  @Test
  void anEmptyOrLongSearchIsRefused() {
    for (String q : List.of("", "%20%20", "x".repeat(201))) {
      HttpResponse<String> answer = hub.opsGet("/api/search?q=" + q);
      assertThat(answer.statusCode()).as(q).isEqualTo(400);
      assertThat(json(answer).get("error").asText()).isEqualTo("invalid_parameter");
    }
    assertThat(hub.opsGet("/api/search").statusCode()).isEqualTo(400);
    assertThat(hub.get("/api/search?q=" + orderId).statusCode()).isEqualTo(401);
    assertThat(hub.opsGet("/ops/search?q=").statusCode()).isEqualTo(400);
  }

  @Test
  void theOrdersStoryHasItsEventsInTimeOrderWithDecisionsAndLegs() {
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                jdbc.queryForObject(
                        "SELECT COUNT(*) FROM hub_prehook_decision WHERE event_id = ?",
                        Integer.class,
                        preHook)
                    == 1);
    // every leg of the order settled (the shipment's, the return's and the message's too)
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                jdbc.queryForObject(
                        "SELECT COUNT(*) FROM hub_delivery_leg WHERE business_key = ?"
                            + " AND status IN ('pending', 'retrying')",
                        Integer.class,
                        "order:" + orderId)
                    == 0);

    JsonNode story = json(hub.opsGet("/api/orders/" + orderId));

    List<String> events = new ArrayList<>();
    story.get("events").forEach(e -> events.add(e.get("id").asText()));
    assertThat(events).containsExactly(preHook, submitted, shipped, returned, message);
    assertThat(story.at("/events/0/kind").asText()).isEqualTo("pre");
    boolean proceed =
        jdbc.queryForObject(
            "SELECT proceed FROM hub_prehook_decision WHERE event_id = ?", Boolean.class, preHook);
    assertThat(story.at("/events/0/decisions/0/proceed").asBoolean()).isEqualTo(proceed);
    assertThat(story.at("/events/0/decisions")).hasSize(1);
    assertThat(story.at("/events/1/fields/total").asText()).isEqualTo("172.8");
    assertThat(story.at("/events/1/legs").findValuesAsText("destination")).contains("database");
    assertThat(story.get("more").asBoolean()).isFalse();
    JsonNode database = null;
    for (JsonNode d : story.get("destinations")) {
      if (d.get("destination").asText().equals("database")) {
        database = d;
      }
    }
    assertThat(database).isNotNull();
    assertThat(database.get("status").asText()).isEqualTo("delivered");

    HttpResponse<String> page = hub.opsGet("/ops/orders/" + orderId);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body())
        .contains(
            "data-event-id=\"" + preHook + "\"",
            "data-event-id=\"" + message + "\"",
            proceed ? "pre-hook: proceed" : "pre-hook: <span class=\"error\">blocked</span>",
            "data-destination=\"database\" data-status=\"delivered\"",
            "<time datetime=\"",
            "<script src=\"/ops/assets/time.js\" defer></script>",
            "action=\"/ops/search\"");
    // the user's story: the events that name the user
    JsonNode user = json(hub.opsGet("/api/users/" + userId));
    List<String> userEvents = new ArrayList<>();
    user.get("events").forEach(e -> userEvents.add(e.get("id").asText()));
    assertThat(userEvents).containsExactly(submitted, message, userEvent);
    assertThat(hub.opsGet("/ops/users/" + userId).body()).contains("data-event-id=\"" + userEvent);
  }

  @Test
  void anUnknownOrderOrUserIsA404WithAClearMessage() {
    HttpResponse<String> api = hub.opsGet("/api/orders/SO-unknown-" + UUID.randomUUID());
    assertThat(api.statusCode()).isEqualTo(404);
    assertThat(json(api).get("message").asText()).startsWith("No event is about order SO-unknown-");
    assertThat(hub.opsGet("/api/users/nobody-" + UUID.randomUUID()).statusCode()).isEqualTo(404);
    HttpResponse<String> page = hub.opsGet("/ops/orders/SO-unknown");
    assertThat(page.statusCode()).isEqualTo(404);
    assertThat(page.body()).contains("No event is about order <code>SO-unknown</code>");
    // an order ID differs from another by its case: the page takes it exactly
    assertThat(hub.opsGet("/api/orders/" + orderId.toLowerCase(Locale.ROOT)).statusCode())
        .isEqualTo(404);
  }

  @Test
  void theEventListShowsTheOrderBuyerAndTotalBesideTheType() {
    HttpResponse<String> page = hub.opsGet("/ops/events?type=order.submitted");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body())
        .contains(
            "<a class=\"business-key\" href=\"/ops/orders/" + orderId + "\">" + orderId + "</a>",
            "<span class=\"muted total\">172.8</span>");
  }

  @Test
  void replayEverythingFailedReQueuesTheOrdersDeadLegs() {
    legs.awaitStatus(submitted, "database", "delivered");
    // the database refused them (as a dead leg is left by a permanent failure)
    jdbc.update(
        "UPDATE hub_delivery_leg SET status = 'dead', last_error = 'HTTP 422 refused'"
            + " WHERE event_id = ? AND destination = 'database'",
        submitted);
    JsonNode story = json(hub.opsGet("/api/orders/" + orderId));
    assertThat(story.get("deadLegs").asInt()).isEqualTo(1);
    assertThat(hub.opsGet("/ops/orders/" + orderId).body())
        .contains("HTTP 422 refused", "id=\"replay-failed\"");

    HttpResponse<String> replayed =
        hub.opsPost("/api/orders/" + orderId + "/replay-failed", new byte[0]);

    assertThat(replayed.statusCode()).as(replayed.body()).isEqualTo(202);
    assertThat(json(replayed).get("requeued").asInt()).isEqualTo(1);
    legs.awaitStatus(submitted, "database", "delivered");
    assertThat(json(hub.opsGet("/api/orders/" + orderId)).get("deadLegs").asInt()).isZero();
    assertThat(
            hub.opsPost("/api/orders/SO-none-" + UUID.randomUUID() + "/replay-failed", new byte[0])
                .statusCode())
        .isEqualTo(404);
  }
}
