package com.ordercloudhub.hub.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.ordercloudhub.hub.event.EventIds;
import com.ordercloudhub.hub.support.Fixtures;
import com.ordercloudhub.hub.support.HubClient;
import com.ordercloudhub.hub.support.Legs;
import com.ordercloudhub.hub.support.Payloads;
import com.ordercloudhub.hub.support.TestDestination;
import com.ordercloudhub.hub.support.Webhooks;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Legs of one order go to a destination in event order, on each database (H2 and PostgreSQL
 * subclasses): the ERP (WireMock) failing one order's sales order holds back that order's cancel,
 * never another order's; a dead leg holds the later ones ({@code held}) until it is replayed or an
 * operator releases them; a destination with {@code ordering: none} sends regardless.
 */
abstract class OrderingContract {

  static final String POST = "/webhooks/ordercloud/post";

  /** The ERP, shared by the subclasses' contexts; every test uses order IDs of its own. */
  static final WireMockServer erp = erp();

  /** The test destination, {@code ordering: none} here; events of one key fail or pass by key. */
  static final TestDestination destination = TestDestination.concurrent(4);

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  HubClient hub;
  Legs legs;

  static WireMockServer erp() {
    WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    server.start();
    server.stubFor(
        post(urlEqualTo("/api/sales-orders"))
            .atPriority(10)
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"salesOrderNumber\":\"4500012345\"}")));
    server.stubFor(
        post(urlPathMatching("/api/sales-orders/[^/]+/cancel"))
            .atPriority(10)
            .willReturn(okJson("{\"status\":\"canceled\"}")));
    Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
    return server;
  }

  @DynamicPropertySource
  static void systems(DynamicPropertyRegistry registry) {
    registry.add("ERP_BASE_URL", () -> "http://127.0.0.1:" + erp.port() + "/api/");
    registry.add("ERP_AUTH", () -> "none");
    // long enough that a 503 keeps the leg retrying (not dead) for the whole test
    registry.add(
        "hub.delivery.destinations.erp.retry-schedule",
        () ->
            "300ms,600ms,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s");
    registry.add("hub.test.destination-url", destination::url);
    // the test event keyed by an order of its own, and its destination out of ordering
    registry.add("hub.events.business-keys.test[0]", () -> "order:/Response/Body/OrderID");
    registry.add("hub.delivery.destinations.test-http.ordering", () -> "none");
  }

  @BeforeEach
  void connect() {
    hub = new HubClient(port);
    legs = new Legs(jdbc);
    destination.answer(TestDestination.ACCEPT);
  }

  String store(ObjectNode webhook) {
    HttpResponse<String> answer = hub.signed(POST, Payloads.bytes(webhook));
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
    return json(answer).get("eventId").asText();
  }

  static JsonNode json(HttpResponse<String> response) {
    return Fixtures.json(response.body().getBytes(StandardCharsets.UTF_8));
  }

  String legId(String eventId, String destination) {
    await().atMost(Duration.ofSeconds(20)).until(() -> !legs.of(eventId, destination).isEmpty());
    return jdbc.queryForObject(
        "SELECT id FROM hub_delivery_leg WHERE event_id = ? AND destination = ?",
        String.class,
        eventId,
        destination);
  }

  int attempts(String eventId, String destination) {
    return jdbc.queryForObject(
        "SELECT COUNT(*) FROM hub_delivery_attempt a JOIN hub_delivery_leg l ON l.id = a.leg_id"
            + " WHERE l.event_id = ? AND l.destination = ?",
        Integer.class,
        eventId,
        destination);
  }

  /** The ERP fails this order's sales order with {@code status} until the stub is removed. */
  static StubMapping salesOrderFails(String orderId, int status) {
    return erp.stubFor(
        post(urlEqualTo("/api/sales-orders"))
            .withRequestBody(matchingJsonPath("$.orderId", equalTo(orderId)))
            .atPriority(1)
            .willReturn(aResponse().withStatus(status)));
  }

  /** What the ERP received about one order, oldest first: "sales-order 503", "cancel 200", … */
  static List<String> erpCallsFor(String orderId) {
    List<ServeEvent> newestFirst = erp.getAllServeEvents();
    List<String> calls = new ArrayList<>();
    for (int i = newestFirst.size() - 1; i >= 0; i--) {
      ServeEvent call = newestFirst.get(i);
      String url = call.getRequest().getUrl();
      int status = call.getResponse().getStatus();
      if (url.equals("/api/sales-orders/" + orderId + "/cancel")) {
        calls.add("cancel " + status);
      } else if (url.equals("/api/sales-orders")
          && Fixtures.json(call.getRequest().getBody()).path("orderId").asText().equals(orderId)) {
        calls.add("sales-order " + status);
      }
    }
    return calls;
  }

  HttpResponse<String> opsPost(String path) {
    return hub.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Authorization", HubClient.basic(HubClient.OPS_USER, HubClient.OPS_PASSWORD))
            .POST(HttpRequest.BodyPublishers.noBody())
            .build());
  }

  // --- an order's cancel waits for its sales order -------------------------------------------

  @Test
  void aCancelWaitsForItsSalesOrderWhileAnotherOrdersLegsFlow() {
    String x = "SO-X-" + UUID.randomUUID();
    String y = "SO-Y-" + UUID.randomUUID();
    StubMapping failing = salesOrderFails(x, 503);

    String xSubmitted = store(Webhooks.orderSubmitted(x));
    String xCanceled = store(Webhooks.orderCanceled(x));
    String ySubmitted = store(Webhooks.orderSubmitted(y));
    String yCanceled = store(Webhooks.orderCanceled(y));

    // Y's sales order and cancel reach the ERP, in order, while X's sales order keeps failing
    legs.awaitStatus(yCanceled, "erp", "delivered");
    assertThat(legs.status(ySubmitted, "erp")).isEqualTo("delivered");
    assertThat(erpCallsFor(y)).containsExactly("sales-order 201", "cancel 200");
    await().atMost(Duration.ofSeconds(20)).until(() -> attempts(xSubmitted, "erp") >= 3);
    assertThat(legs.status(xSubmitted, "erp")).isEqualTo("retrying");
    // X's cancel was never attempted: it waits behind the retrying sales order
    assertThat(erpCallsFor(x)).isNotEmpty().allMatch(call -> call.equals("sales-order 503"));
    assertThat(legs.of(xCanceled, "erp"))
        .containsEntry("status", "pending")
        .containsEntry("attempts", 0)
        .containsEntry(
            "note",
            "waiting behind retrying leg " + legId(xSubmitted, "erp") + " of event " + xSubmitted);
    // its other destinations do not wait for the ERP
    legs.awaitStatus(xCanceled, "database", "delivered");

    erp.removeStub(failing);

    legs.awaitStatus(xCanceled, "erp", "delivered");
    List<String> calls = erpCallsFor(x);
    assertThat(calls).endsWith("sales-order 201", "cancel 200");
    assertThat(calls.subList(0, calls.size() - 2)).allMatch(call -> call.equals("sales-order 503"));
    assertThat(attempts(xCanceled, "erp")).isEqualTo(1);
  }

  /**
   * The check is in the database: an earlier event of the key that another hub instance has claimed
   * and not yet routed holds back this hub's later leg, though this hub knows nothing of it.
   */
  @Test
  void anEarlierEventClaimedByAnotherHubHoldsBackTheLaterLegUntilItIsDelivered() {
    String v = "SO-V-" + UUID.randomUUID();
    String claimedElsewhere = EventIds.next(Clock.systemUTC());
    ObjectNode submitted = Webhooks.orderSubmitted(v);
    submitted.remove("UserToken");
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    jdbc.update(
        "INSERT INTO hub_event (id, kind, event_type, route, verb, log_id, dedupe_key, body_sha256,"
            + " body_bytes, occurred_at, received_at, payload, dispatch_due_at, claimed_by,"
            + " claimed_until, business_key)"
            + " VALUES (?, 'post', 'order.submitted', ?, 'POST', ?, ?, 'x', 2, ?, ?, ?, ?, 'hub-b', ?, ?)",
        claimedElsewhere,
        submitted.get("Route").asText(),
        submitted.get("LogID").asText(),
        UUID.randomUUID().toString().replace("-", ""),
        OffsetDateTime.parse(submitted.get("Date").asText()),
        now,
        submitted.toString(),
        now,
        now.plusMinutes(5),
        "order:" + v);

    String canceled = store(Webhooks.orderCanceled(v));

    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(10))
        .until(() -> "pending".equals(legs.status(canceled, "erp")) && erpCallsFor(v).isEmpty());
    assertThat(legs.of(canceled, "erp"))
        .containsEntry("note", "waiting for earlier event " + claimedElsewhere + " to be routed");

    // the other hub dies: its claim's lease ends, this hub takes the event over
    jdbc.update(
        "UPDATE hub_event SET claimed_until = ? WHERE id = ?",
        now.minusSeconds(1),
        claimedElsewhere);

    legs.awaitStatus(canceled, "erp", "delivered");
    assertThat(legs.status(claimedElsewhere, "erp")).isEqualTo("delivered");
    assertThat(erpCallsFor(v)).containsExactly("sales-order 201", "cancel 200");
  }

  // --- a dead leg holds the later ones ---------------------------------------------------------

  @Test
  void aDeadLegHoldsTheLaterOnesUntilItIsReplayedThenBothGoInOrder() {
    String z = "SO-Z-" + UUID.randomUUID();
    StubMapping rejecting = salesOrderFails(z, 422);

    String submitted = store(Webhooks.orderSubmitted(z));
    String canceled = store(Webhooks.orderCanceled(z));

    legs.awaitStatus(submitted, "erp", "dead");
    String deadLeg = legId(submitted, "erp");
    Map<String, Object> held = legs.awaitStatus(canceled, "erp", "held");
    assertThat(held)
        .containsEntry("attempts", 0)
        .containsEntry("note", "waiting behind dead leg " + deadLeg + " of event " + submitted);
    String heldLeg = legId(canceled, "erp");
    JsonNode shown = json(hub.opsGet("/api/deliveries/" + heldLeg));
    assertThat(shown.get("status").asText()).isEqualTo("held");
    assertThat(shown.get("note").asText()).contains(deadLeg);
    assertThat(json(hub.opsGet("/api/deliveries?status=held&destination=erp")).toString())
        .contains(heldLeg);
    assertThat(erpCallsFor(z)).containsExactly("sales-order 422");
    assertThat(legs.status(canceled, "database")).isEqualTo("delivered");

    erp.removeStub(rejecting); // the fix
    assertThat(opsPost("/api/deliveries/" + deadLeg + "/replay").statusCode()).isEqualTo(202);

    legs.awaitStatus(canceled, "erp", "delivered");
    assertThat(legs.status(submitted, "erp")).isEqualTo("delivered");
    assertThat(erpCallsFor(z)).containsExactly("sales-order 422", "sales-order 201", "cancel 200");
    assertThat(legs.of(canceled, "erp")).containsEntry("note", null);
  }

  @Test
  void anOperatorReleasesAHeldLegToGoOutOfOrder() {
    String w = "SO-W-" + UUID.randomUUID();
    salesOrderFails(w, 400);
    String submitted = store(Webhooks.orderSubmitted(w));
    String canceled = store(Webhooks.orderCanceled(w));
    legs.awaitStatus(canceled, "erp", "held");
    String deadLeg = legId(submitted, "erp");
    String heldLeg = legId(canceled, "erp");

    HttpResponse<String> notHeld = opsPost("/api/deliveries/" + deadLeg + "/release");
    assertThat(notHeld.statusCode()).isEqualTo(409);
    assertThat(json(notHeld).get("error").asText()).isEqualTo("not_held");
    assertThat(opsPost("/api/deliveries/no-such-leg/release").statusCode()).isEqualTo(404);

    HttpResponse<String> released = opsPost("/api/deliveries/" + heldLeg + "/release");

    assertThat(released.statusCode()).as(released.body()).isEqualTo(202);
    legs.awaitStatus(canceled, "erp", "delivered");
    assertThat(legs.status(submitted, "erp")).isEqualTo("dead");
    assertThat(erpCallsFor(w)).containsExactly("sales-order 400", "cancel 200");
    assertThat(
            jdbc.queryForObject(
                "SELECT order_released_at FROM hub_delivery_leg WHERE id = ?",
                OffsetDateTime.class,
                heldLeg))
        .isNotNull();
    assertThat(opsPost("/api/deliveries/" + heldLeg + "/release").statusCode()).isEqualTo(409);
  }

  // --- ordering none ---------------------------------------------------------------------------

  @Test
  void aDestinationWithOrderingNoneSendsALaterLegWhileAnEarlierOneRetries() {
    String order = "SO-N-" + UUID.randomUUID();
    Set<String> failing = ConcurrentHashMap.newKeySet();
    destination.answer(key -> failing.isEmpty() || failing.contains(key) ? 503 : 200);
    String first = store(testEvent(order));
    failing.add(first + ":test-http");
    String second = store(testEvent(order));

    legs.awaitStatus(second, "test-http", "delivered");
    await().atMost(Duration.ofSeconds(20)).until(() -> attempts(first, "test-http") >= 2);
    assertThat(legs.status(first, "test-http")).isEqualTo("retrying");
    // both events have the order's key: only the destination's setting let the second one go
    assertThat(
            jdbc.queryForList(
                "SELECT DISTINCT e.business_key || ' ' || l.business_key FROM hub_event e"
                    + " JOIN hub_delivery_leg l ON l.event_id = e.id WHERE e.id IN (?, ?)",
                String.class,
                first,
                second))
        .containsExactly("order:" + order + " order:" + order);

    destination.answer(TestDestination.ACCEPT);
    legs.awaitStatus(first, "test-http", "delivered");
  }

  static ObjectNode testEvent(String orderId) {
    ObjectNode body = Fixtures.mapper().createObjectNode().put("OrderID", orderId);
    return Webhooks.webhook("v1/test/deliveries", "POST", Map.of(), null, body);
  }
}
