package com.ordercloudhub.hub.writeback;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.ordercloudhub.hub.support.Fixtures;
import com.ordercloudhub.hub.support.HubClient;
import com.ordercloudhub.hub.support.Legs;
import com.ordercloudhub.hub.support.Payloads;
import com.ordercloudhub.hub.support.Webhooks;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Write-back end to end: the whole hub with WireMock as the ERP and as the OrderCloud API (token
 * endpoint, line items, the order PATCH). What the PATCH carries, byte for byte; the ERP's order
 * number captured from its answer onto the leg; NeedsAttention after a dead leg and Synced again
 * after its replay; a failing PATCH tried again without touching a leg; and the post-hook
 * OrderCloud sends for the hub's own PATCH delivered nowhere. Run on H2 ({@link WriteBackH2Test})
 * and PostgreSQL ({@link WriteBackPostgresTest}); both hubs share the two WireMock servers (each
 * test has orders of its own), which stop with the test JVM.
 */
abstract class WriteBackContract {

  static final String POST = "/webhooks/ordercloud/post";
  static final String OC_TOKEN = "oc-hub-token-" + UUID.randomUUID();
  static final String ERP_NUMBER = "4500012345";

  static final WireMockServer erp = started();
  static final WireMockServer ordercloud = started();

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired OrderWriteBack orderWriteBack;
  HubClient hub;
  Legs legs;
  Instant started;

  @DynamicPropertySource
  static void systems(DynamicPropertyRegistry registry) {
    registry.add("ERP_BASE_URL", () -> url(erp) + "/api/");
    registry.add("ORDERCLOUD_API_URL", () -> url(ordercloud));
    registry.add("ORDERCLOUD_AUTH_URL", () -> url(ordercloud));
    registry.add("ORDERCLOUD_CLIENT_ID", () -> "hub-client");
    registry.add("ORDERCLOUD_CLIENT_SECRET", () -> "hub-client-secret");
    registry.add("hub.ordercloud.api.scope", () -> "OrderReader OrderAdmin");
    registry.add("hub.writeback.enabled", () -> "true");
    registry.add("hub.writeback.retry-delays", () -> "200ms,400ms");
    registry.add("hub.delivery.poll-interval", () -> "200ms");
  }

  static WireMockServer started() {
    WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    server.start();
    return server;
  }

  static String url(WireMockServer server) {
    return "http://127.0.0.1:" + server.port();
  }

  static {
    ordercloud.stubFor(
        post(urlEqualTo("/oauth/token"))
            .willReturn(
                okJson(
                    "{\"access_token\":\""
                        + OC_TOKEN
                        + "\",\"token_type\":\"bearer\",\"expires_in\":36000}")));
    ordercloud.stubFor(
        get(urlPathMatching("/v1/orders/Outgoing/[^/]+/lineitems"))
            .willReturn(
                okJson(
                    "{\"Meta\":{\"Page\":1,\"PageSize\":100,\"TotalCount\":1,\"TotalPages\":1},"
                        + "\"Items\":[{\"ID\":\"LI-001\",\"ProductID\":\"SKU-001\",\"Quantity\":1,"
                        + "\"UnitPrice\":2.5,\"LineTotal\":2.5}]}")));
    ordercloud.stubFor(
        patch(urlPathMatching("/v1/orders/Outgoing/[^/]+"))
            .atPriority(10)
            .willReturn(okJson("{\"ID\":\"patched\"}")));
    erp.stubFor(
        post(urlEqualTo("/api/sales-orders"))
            .atPriority(10)
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"salesOrderNumber\":\"" + ERP_NUMBER + "\",\"status\":\"open\"}")));
  }

  @BeforeEach
  void connect() {
    hub = new HubClient(port);
    legs = new Legs(jdbc);
    started = Instant.now();
  }

  @Test
  void settledLegsPatchTheOrderWithTheErpsOrderNumber() {
    String orderId = "SO-" + UUID.randomUUID();

    String eventId = send(Webhooks.orderSubmitted(orderId));
    legs.awaitStatus(eventId, "erp", "delivered");

    // the reference, on the leg and in the API's leg JSON
    assertThat(reference(eventId, "erp")).isEqualTo(ERP_NUMBER);
    assertThat(reference(eventId, "database")).isNull();
    JsonNode view = json(hub.opsGet("/api/events/" + eventId).body());
    assertThat(view.get("legs"))
        .anySatisfy(
            leg -> {
              assertThat(leg.get("destination").asText()).isEqualTo("erp");
              assertThat(leg.get("reference").asText()).isEqualTo(ERP_NUMBER);
            });

    LoggedRequest patch = awaitPatches(orderId, 1).get(0);
    assertThat(patch.getHeader("Authorization")).isEqualTo("Bearer " + OC_TOKEN);
    assertThat(patch.getHeader("Content-Type")).startsWith("application/json");
    String updatedAt = updatedAt(patch);
    assertThat(patch.getBodyAsString())
        .isEqualTo(
            "{\"xp\":{\"Integration\":{\"Status\":\"Synced\",\"Destinations\":{"
                + "\"database\":{\"Status\":\"delivered\"},"
                + "\"erp\":{\"Status\":\"delivered\",\"Reference\":\""
                + ERP_NUMBER
                + "\"}},\"UpdatedAt\":\""
                + updatedAt
                + "\"}}}");
    // crm and notice are not configured here: skipped legs are left out
    assertThat(legs.skipped(eventId)).hasSize(2);
    assertThat(awaitWritten(orderId, "Synced")).containsEntry("attempts", 1);
  }

  @Test
  void aDeadLegSaysNeedsAttentionAndItsReplaySaysSyncedAgain() {
    String orderId = "SO-" + UUID.randomUUID();
    String outage = "erp-refuses-" + orderId;
    erp.stubFor(
        post(urlEqualTo("/api/sales-orders"))
            .atPriority(1)
            .withRequestBody(matchingJsonPath("$.orderId", equalTo(orderId)))
            .inScenario(outage)
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(422).withBody("{\"error\":\"customer blocked\"}")));
    erp.stubFor(
        post(urlEqualTo("/api/sales-orders"))
            .atPriority(1)
            .withRequestBody(matchingJsonPath("$.orderId", equalTo(orderId)))
            .inScenario(outage)
            .whenScenarioStateIs("unblocked")
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"salesOrderNumber\":\"ERP-" + orderId + "\"}")));

    String eventId = send(Webhooks.orderSubmitted(orderId));
    legs.awaitStatus(eventId, "erp", "dead");

    LoggedRequest attention = awaitPatches(orderId, 1).get(0);
    assertThat(attention.getBodyAsString())
        .isEqualTo(
            "{\"xp\":{\"Integration\":{\"Status\":\"NeedsAttention\",\"Destinations\":{"
                + "\"database\":{\"Status\":\"delivered\"},"
                + "\"erp\":{\"Status\":\"dead\"}},\"UpdatedAt\":\""
                + updatedAt(attention)
                + "\"}}}");

    erp.setScenarioState(outage, "unblocked");
    String legId =
        jdbc.queryForObject(
            "SELECT id FROM hub_delivery_leg WHERE event_id = ? AND destination = 'erp'",
            String.class,
            eventId);
    assertThat(hub.opsPost("/api/deliveries/" + legId + "/replay", new byte[0]).statusCode())
        .isEqualTo(202);
    legs.awaitStatus(eventId, "erp", "delivered");

    List<LoggedRequest> patches = awaitPatches(orderId, 2);
    LoggedRequest synced = patches.get(1);
    assertThat(synced.getBodyAsString())
        .isEqualTo(
            "{\"xp\":{\"Integration\":{\"Status\":\"Synced\",\"Destinations\":{"
                + "\"database\":{\"Status\":\"delivered\"},"
                + "\"erp\":{\"Status\":\"delivered\",\"Reference\":\"ERP-"
                + orderId
                + "\"}},\"UpdatedAt\":\""
                + updatedAt(synced)
                + "\"}}}");
    assertThat(Instant.parse(updatedAt(synced)))
        .isAfterOrEqualTo(Instant.parse(updatedAt(attention)));
    assertThat(awaitWritten(orderId, "Synced")).containsEntry("outcome", "written");
  }

  @Test
  void aFailingPatchIsTriedAgainAndNoLegChanges() {
    String orderId = "SO-" + UUID.randomUUID();
    patchFailsOnce(orderId);

    String eventId = send(Webhooks.orderSubmitted(orderId));

    List<LoggedRequest> tries = awaitPatches(orderId, 2);
    assertThat(tries.get(1).getBodyAsString()).contains("\"Status\":\"Synced\"");
    assertThat(awaitWritten(orderId, "Synced"))
        .containsEntry("attempts", 2)
        .containsEntry("last_error", null);
    // the legs are as delivered, once
    assertThat(legs.of(eventId, "erp"))
        .containsEntry("status", "delivered")
        .containsEntry("attempts", 1);
    assertThat(legs.of(eventId, "database"))
        .containsEntry("status", "delivered")
        .containsEntry("attempts", 1);
  }

  @Test
  void legsEndingWhileAFailedPatchWaitsForItsRetryDoNotPatchBeforeIt() {
    String orderId = "SO-" + UUID.randomUUID();
    patchFailsOnce(orderId);

    String eventId = send(Webhooks.orderSubmitted(orderId));
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(5))
        .until(() -> "retrying".equals(writeBack(orderId).get("outcome")));
    // what the order's legs ending together do: each asks for the order's write-back
    for (int leg = 0; leg < 3; leg++) {
      orderWriteBack.request(eventId);
    }

    // the retry writes it, once; OrderCloud was not asked in between
    assertThat(awaitWritten(orderId, "Synced")).containsEntry("attempts", 2);
    assertThat(patches(orderId)).hasSize(2);
  }

  @Test
  void thePostHookOfTheHubsOwnPatchGoesNowhere() {
    String orderId = "SO-" + UUID.randomUUID();
    String submitted = send(Webhooks.orderSubmitted(orderId));
    legs.awaitStatus(submitted, "erp", "delivered");
    LoggedRequest patch = awaitPatches(orderId, 1).get(0);
    int erpCalls = erp.getAllServeEvents().size();

    // what OrderCloud sends for that PATCH: the PATCH body as Request.Body, the order as answer
    JsonNode sent = json(patch.getBodyAsString());
    ObjectNode order =
        (ObjectNode) Webhooks.orderSubmitted(orderId).at("/Response/Body").deepCopy();
    ((ObjectNode) order.get("xp")).set("Integration", sent.at("/xp/Integration"));
    String echo =
        send(
            Webhooks.webhook(
                "v1/orders/{direction}/{orderID}",
                "PATCH",
                Map.of("direction", "Outgoing", "orderID", orderId),
                sent,
                order));

    awaitRouted(echo);
    assertThat(eventType(echo)).isEqualTo("order.updated");
    assertThat(patches(orderId)).hasSize(1);
    assertThat(
            jdbc.queryForObject(
                "SELECT COUNT(*) FROM hub_delivery_leg WHERE event_id = ?", Integer.class, echo))
        .isZero();
    assertThat(json(hub.opsGet("/api/events/" + echo).body()).get("legs")).isEmpty();
    // an operator's replay of it re-plans it: still nowhere
    assertThat(hub.opsPost("/api/events/" + echo + "/replay", new byte[0]).statusCode())
        .isEqualTo(202);
    awaitRouted(echo);
    assertThat(
            jdbc.queryForObject(
                "SELECT COUNT(*) FROM hub_delivery_leg WHERE event_id = ?", Integer.class, echo))
        .isZero();

    // an integrator's PATCH of the same order that changes more than xp.Integration is delivered
    ObjectNode change = Fixtures.mapper().createObjectNode();
    change.putObject("xp").put("Integration", "manual").put("costCenter", "CC-7");
    String other =
        send(
            Webhooks.webhook(
                "v1/orders/{direction}/{orderID}",
                "PATCH",
                Map.of("direction", "Outgoing", "orderID", orderId),
                change,
                order));
    legs.awaitStatus(other, "database", "delivered");

    // nothing reached the ERP for the echo, nor for anything after the first order
    assertThat(
            erp.findAll(
                anyRequestedFor(anyUrl()).withHeader("Idempotency-Key", matching(echo + ":.*"))))
        .isEmpty();
    assertThat(erp.getAllServeEvents()).hasSize(erpCalls);
  }

  private String send(ObjectNode webhook) {
    HttpResponse<String> answer = hub.signed(POST, Payloads.bytes(webhook));
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
    return json(answer.body()).get("eventId").asText();
  }

  /** OrderCloud answers the order's first PATCH 503, the next ones 200. */
  private void patchFailsOnce(String orderId) {
    String flaky = "oc-unavailable-" + orderId;
    ordercloud.stubFor(
        patch(urlEqualTo("/v1/orders/Outgoing/" + orderId))
            .atPriority(1)
            .inScenario(flaky)
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(503).withBody("busy"))
            .willSetStateTo("recovered"));
    ordercloud.stubFor(
        patch(urlEqualTo("/v1/orders/Outgoing/" + orderId))
            .atPriority(1)
            .inScenario(flaky)
            .whenScenarioStateIs("recovered")
            .willReturn(okJson("{\"ID\":\"" + orderId + "\"}")));
  }

  private List<LoggedRequest> patches(String orderId) {
    return ordercloud.findAll(patchRequestedFor(urlEqualTo("/v1/orders/Outgoing/" + orderId)));
  }

  private List<LoggedRequest> awaitPatches(String orderId, int count) {
    Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> patches(orderId).size() >= count);
    List<LoggedRequest> found = patches(orderId);
    assertThat(found).as("PATCHes of order " + orderId).hasSize(count);
    return found;
  }

  /** The body's UpdatedAt, checked to be a time of this test. */
  private String updatedAt(LoggedRequest patch) {
    String text = json(patch.getBodyAsString()).at("/xp/Integration/UpdatedAt").asText();
    assertThat(Instant.parse(text)).isBetween(started.minusSeconds(1), Instant.now());
    return text;
  }

  private String reference(String eventId, String destination) {
    return jdbc.queryForObject(
        "SELECT reference FROM hub_delivery_leg WHERE event_id = ? AND destination = ?",
        String.class,
        eventId,
        destination);
  }

  private Map<String, Object> writeBack(String orderId) {
    List<Map<String, Object>> rows =
        jdbc.queryForList(
            "SELECT status, outcome, attempts, last_error FROM hub_writeback"
                + " WHERE direction = 'Outgoing' AND order_id = ?",
            orderId);
    return rows.isEmpty() ? Map.of() : rows.get(0);
  }

  /** Waits until the hub has recorded the order's state as written, and returns its record. */
  private Map<String, Object> awaitWritten(String orderId, String status) {
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                "written".equals(writeBack(orderId).get("outcome"))
                    && status.equals(writeBack(orderId).get("status")));
    return writeBack(orderId);
  }

  private String eventType(String eventId) {
    return jdbc.queryForObject(
        "SELECT event_type FROM hub_event WHERE id = ?", String.class, eventId);
  }

  /** Waits until the dispatcher has planned the event and has nothing left to do for it. */
  private void awaitRouted(String eventId) {
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                jdbc.queryForObject(
                        "SELECT COUNT(*) FROM hub_event WHERE id = ? AND routed_at IS NOT NULL"
                            + " AND dispatch_due_at IS NULL",
                        Integer.class,
                        eventId)
                    == 1);
  }

  static JsonNode json(String text) {
    return Fixtures.json(text.getBytes(StandardCharsets.UTF_8));
  }
}
