package com.ordercloudhub.hub.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ordercloudhub.hub.support.Fixtures;
import com.ordercloudhub.hub.support.HubClient;
import com.ordercloudhub.hub.support.Payloads;
import com.ordercloudhub.hub.support.RawHttp;
import com.ordercloudhub.hub.support.StoreProbe;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * The Delivery Configuration HTTP target over real HTTP, run against each database (H2 and
 * PostgreSQL subclasses): what OrderCloud sends through it is verified (its target's own secret,
 * else OC_HASH_KEYS; its custom auth header when it has one), parsed as strictly as a webhook,
 * committed once with origin {@code delivery} and answered 202; everything else is refused with its
 * documented status and leaves nothing behind.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(
    properties = {
      "hub.delivery-configs.orders.secret=" + DeliveryEndpointsContract.ORDERS_SECRET,
      "hub.delivery-configs.guarded.auth-header-name=X-Hub-Auth",
      "hub.delivery-configs.guarded.auth-header-value=" + DeliveryEndpointsContract.GUARD_VALUE
    })
abstract class DeliveryEndpointsContract {

  static final String DELIVERY = "/webhooks/ordercloud/delivery";
  static final String ORDERS_SECRET = "orders-target-secret";
  static final String GUARD_VALUE = "guard-header-value-1";
  static final String ORDER_SYNC = "sitecore.ordercloud.messages.ordersync.updated";

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;

  HubClient hub;
  StoreProbe store;

  @BeforeEach
  void connect() {
    hub = new HubClient(port);
    store = new StoreProbe(jdbc);
  }

  static JsonNode json(HttpResponse<String> response) {
    return Fixtures.json(response.body().getBytes(StandardCharsets.UTF_8));
  }

  /** An OrderSync message as the HTTP target sends it: the envelope, the order as its Payload. */
  static byte[] orderSync(String orderId, String lastUpdated) {
    return ("{\"Headers\":{\"type\":\""
            + ORDER_SYNC
            + "\"},\"Payload\":{\"ID\":\""
            + orderId
            + "\",\"Status\":\"Open\",\"Total\":172.80,\"LastUpdated\":\""
            + lastUpdated
            + "\"}}")
        .getBytes(StandardCharsets.UTF_8);
  }

  static byte[] envelope(String type, ObjectNode payload) {
    ObjectNode root = Fixtures.mapper().createObjectNode();
    if (type != null) {
      root.putObject("Headers").put("type", type);
    }
    root.set("Payload", payload);
    return Payloads.bytes(root);
  }

  static String orderId() {
    return "SO-" + UUID.randomUUID();
  }

  private int rowsFor(String orderId) {
    return jdbc.queryForObject(
        "SELECT COUNT(*) FROM hub_event WHERE log_id = ?", Integer.class, orderId);
  }

  // --- accepted ---------------------------------------------------------------------------------

  @Test
  void aSignedSyncMessageIsCommittedAsASyncEventOfOriginDeliveryAndAnswered202() {
    String order = orderId();

    HttpResponse<String> answer = hub.signed(DELIVERY, orderSync(order, "2026-12-03T10:00:00Z"));

    assertThat(answer.statusCode()).isEqualTo(202);
    assertThat(answer.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
    assertThat(json(answer).get("eventType").asText()).isEqualTo("order.synced");
    assertThat(json(answer).get("duplicate").asBoolean()).isFalse();
    Map<String, Object> row = store.event(json(answer).get("eventId").asText());
    assertThat(row)
        .containsEntry("kind", "sync")
        .containsEntry("origin", "delivery")
        .containsEntry("event_type", "order.synced")
        .containsEntry("message_type", ORDER_SYNC)
        .containsEntry("log_id", order);
    // stored exactly as sent: 172.80 keeps its digits
    assertThat((String) row.get("payload")).contains(order, "172.80");
  }

  @Test
  void theSameSyncMessageTwiceIsOneRowAndALaterLastUpdatedIsASecond() {
    String order = orderId();
    byte[] first = orderSync(order, "2026-12-03T10:00:00Z");

    HttpResponse<String> one = hub.signed(DELIVERY, first);
    HttpResponse<String> again = hub.signed(DELIVERY, first);
    HttpResponse<String> later = hub.signed(DELIVERY, orderSync(order, "2026-12-03T10:05:00Z"));

    assertThat(one.statusCode()).isEqualTo(202);
    assertThat(again.statusCode()).isEqualTo(202);
    assertThat(json(again).get("duplicate").asBoolean()).isTrue();
    assertThat(json(again).get("eventId").asText()).isEqualTo(json(one).get("eventId").asText());
    assertThat(later.statusCode()).isEqualTo(202);
    assertThat(json(later).get("duplicate").asBoolean()).isFalse();
    assertThat(json(later).get("eventId").asText()).isNotEqualTo(json(one).get("eventId").asText());
    assertThat(rowsFor(order)).isEqualTo(2);
    assertThat(
            jdbc.queryForObject(
                "SELECT duplicates FROM hub_event WHERE id = ?",
                Integer.class,
                json(one).get("eventId").asText()))
        .isEqualTo(1);
  }

  @Test
  void aWebhookInsideTheEnvelopeIsStoredAsItsPostHookEventAndGetsTheWebhooksLegs() {
    String logId = UUID.randomUUID().toString();
    ObjectNode webhook =
        (ObjectNode) Fixtures.json(Payloads.fresh(Fixtures.POST_ORDER_SUBMIT, logId));

    HttpResponse<String> delivered = hub.signed(DELIVERY, envelope(null, webhook));
    HttpResponse<String> direct =
        hub.signed("/webhooks/ordercloud/post", Payloads.fresh(Fixtures.POST_ORDER_SUBMIT));

    assertThat(delivered.statusCode()).isEqualTo(202);
    assertThat(json(delivered).get("eventType").asText()).isEqualTo("order.submitted");
    String eventId = json(delivered).get("eventId").asText();
    assertThat(store.event(eventId))
        .containsEntry("kind", "post")
        .containsEntry("origin", "delivery")
        .containsEntry("log_id", logId)
        .containsEntry("business_key", "order:SO-100234");
    String directId = json(direct).get("eventId").asText();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> !destinations(eventId).isEmpty() && !destinations(directId).isEmpty());
    assertThat(destinations(eventId)).isEqualTo(destinations(directId)).contains("database", "erp");
  }

  @Test
  void aWebhookSentThroughTheTargetAndToItsOwnUrlIsOneEvent() {
    byte[] webhook = Payloads.fresh(Fixtures.POST_ORDER_SUBMIT);

    HttpResponse<String> direct = hub.signed("/webhooks/ordercloud/post", webhook);
    HttpResponse<String> delivered =
        hub.signed(DELIVERY, envelope(null, (ObjectNode) Fixtures.json(webhook)));

    assertThat(json(delivered).get("duplicate").asBoolean()).isTrue();
    assertThat(json(delivered).get("eventId").asText())
        .isEqualTo(json(direct).get("eventId").asText());
  }

  private List<String> destinations(String eventId) {
    return jdbc.queryForList(
        "SELECT destination FROM hub_delivery_leg WHERE event_id = ? ORDER BY destination",
        String.class,
        eventId);
  }

  @Test
  void aMessageSenderBodyInsideTheEnvelopeIsStoredAsItsMessageEvent() {
    String ocLogId = UUID.randomUUID().toString();
    ObjectNode message =
        (ObjectNode) Fixtures.json(Payloads.fresh(Fixtures.MESSAGE_ORDER_SUBMITTED, ocLogId));

    HttpResponse<String> answer = hub.signed(DELIVERY, envelope(null, message));

    assertThat(answer.statusCode()).isEqualTo(202);
    assertThat(json(answer).get("eventType").asText()).isEqualTo("message.ordersubmitted");
    assertThat(store.event(json(answer).get("eventId").asText()))
        .containsEntry("kind", "message")
        .containsEntry("origin", "delivery")
        .containsEntry("oc_log_id", ocLogId);
  }

  // --- signatures
  // ---------------------------------------------------------------------------------

  @Test
  void aMissingOrWrongSignatureIs401AndNothingIsStored() {
    String order = orderId();
    byte[] body = orderSync(order, "2026-12-03T10:00:00Z");
    byte[] tampered = body.clone();
    tampered[tampered.length - 10] ^= 0x01;

    Map<String, HttpResponse<String>> answers =
        Map.of(
            "missing", hub.post(DELIVERY, body, null),
            "wrong key", hub.post(DELIVERY, body, OcSignature.sign("wrong-key", body)),
            "tampered", hub.post(DELIVERY, tampered, OcSignature.sign(Fixtures.KEY, body)),
            "named, wrong key",
                hub.post(DELIVERY + "/anything", body, OcSignature.sign("wrong-key", body)));

    answers.forEach(
        (name, answer) -> {
          assertThat(answer.statusCode()).as(name).isEqualTo(401);
          assertThat(json(answer).get("error").asText())
              .as(name)
              .isEqualTo(name.equals("missing") ? "missing_signature" : "invalid_signature");
        });
    assertThat(rowsFor(order)).isZero();
  }

  @Test
  void anUnconfiguredNameIsVerifiedWithOcHashKeys() {
    HttpResponse<String> answer =
        hub.signed(DELIVERY + "/not-configured", orderSync(orderId(), "2026-12-03T10:00:00Z"));

    assertThat(answer.statusCode()).isEqualTo(202);
    assertThat(json(answer).get("eventType").asText()).isEqualTo("order.synced");
  }

  @Test
  void aTargetsOwnSecretIsTheOnlyKeyOnItsPathAndNoKeyElsewhere() {
    byte[] own = orderSync(orderId(), "2026-12-03T10:00:00Z");
    byte[] webhookSigned = orderSync(orderId(), "2026-12-03T10:00:00Z");
    byte[] elsewhere = orderSync(orderId(), "2026-12-03T10:00:00Z");

    HttpResponse<String> accepted =
        hub.post(DELIVERY + "/orders", own, OcSignature.sign(ORDERS_SECRET, own));
    // the name matches in any case
    byte[] upper = orderSync(orderId(), "2026-12-03T10:00:00Z");
    HttpResponse<String> upperCase =
        hub.post(DELIVERY + "/ORDERS", upper, OcSignature.sign(ORDERS_SECRET, upper));
    HttpResponse<String> withWebhookKey =
        hub.post(
            DELIVERY + "/orders", webhookSigned, OcSignature.sign(Fixtures.KEY, webhookSigned));
    HttpResponse<String> onTheUnnamedPath =
        hub.post(DELIVERY, elsewhere, OcSignature.sign(ORDERS_SECRET, elsewhere));
    HttpResponse<String> onAnotherName =
        hub.post(DELIVERY + "/guarded", elsewhere, OcSignature.sign(ORDERS_SECRET, elsewhere));
    HttpResponse<String> onTheWebhookPath =
        hub.post(
            "/webhooks/ordercloud/post",
            Payloads.fresh(Fixtures.POST_ORDER_SUBMIT),
            OcSignature.sign(ORDERS_SECRET, Payloads.fresh(Fixtures.POST_ORDER_SUBMIT)));

    assertThat(accepted.statusCode()).isEqualTo(202);
    assertThat(upperCase.statusCode()).isEqualTo(202);
    assertThat(withWebhookKey.statusCode()).isEqualTo(401);
    assertThat(json(withWebhookKey).get("error").asText()).isEqualTo("invalid_signature");
    assertThat(onTheUnnamedPath.statusCode()).isEqualTo(401);
    assertThat(onAnotherName.statusCode()).isEqualTo(401);
    assertThat(onTheWebhookPath.statusCode()).isEqualTo(401);
    assertThat(rowsFor(Fixtures.json(webhookSigned).at("/Payload/ID").asText())).isZero();
    assertThat(rowsFor(Fixtures.json(elsewhere).at("/Payload/ID").asText())).isZero();
  }

  // --- the custom auth header -------------------------------------------------------------------

  private HttpResponse<String> guarded(byte[] body, String... header) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(hub.uri(DELIVERY + "/guarded"))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .header("X-oc-hash", OcSignature.sign(Fixtures.KEY, body))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    for (int i = 0; i + 1 < header.length; i += 2) {
      request.header(header[i], header[i + 1]);
    }
    return hub.send(request.build());
  }

  @Test
  void theCustomAuthHeaderIsRequiredOnItsTargetAndCheckedExactly(CapturedOutput output) {
    String rightOrder = orderId();
    String wrongOrder = orderId();

    HttpResponse<String> right =
        guarded(orderSync(rightOrder, "2026-12-03T10:00:00Z"), "x-hub-auth", GUARD_VALUE);
    List<HttpResponse<String>> refused =
        List.of(
            guarded(orderSync(wrongOrder, "2026-12-03T10:00:00Z")),
            guarded(orderSync(wrongOrder, "2026-12-03T10:00:00Z"), "X-Hub-Auth", "guess"),
            guarded(orderSync(wrongOrder, "2026-12-03T10:00:00Z"), "X-Hub-Auth", GUARD_VALUE + "x"),
            guarded(
                orderSync(wrongOrder, "2026-12-03T10:00:00Z"),
                "X-Hub-Auth",
                GUARD_VALUE.substring(1)),
            guarded(
                orderSync(wrongOrder, "2026-12-03T10:00:00Z"),
                "X-Hub-Auth",
                GUARD_VALUE,
                "X-Hub-Auth",
                "other"));

    assertThat(right.statusCode()).isEqualTo(202);
    assertThat(rowsFor(rightOrder)).isEqualTo(1);
    for (HttpResponse<String> answer : refused) {
      assertThat(answer.statusCode()).isEqualTo(401);
      assertThat(json(answer).get("error").asText()).isEqualTo("invalid_auth_header");
      assertThat(answer.body()).doesNotContain(GUARD_VALUE, "guess");
    }
    assertThat(rowsFor(wrongOrder)).isZero();
    // a target without a header asks for none
    assertThat(
            hub.signed(DELIVERY + "/orders-elsewhere", orderSync(orderId(), "2026-12-03T10:00:00Z"))
                .statusCode())
        .isEqualTo(202);
    assertThat(output.getAll()).doesNotContain(GUARD_VALUE, ORDERS_SECRET);
  }

  @Test
  void aWrongAuthHeaderIsRefusedBeforeTheBodyIsReadAndTheConnectionClosed() throws Exception {
    try (RawHttp call = new RawHttp(port)) {
      // a body is announced and never sent: only a refusal that reads none of it answers now
      RawHttp.Answer answer =
          call.head(
                  "POST",
                  DELIVERY + "/guarded",
                  "Content-Type: application/json",
                  "Content-Length: 4000",
                  "X-oc-hash: whatever",
                  "X-Hub-Auth: wrong")
              .answer();

      assertThat(answer.status()).isEqualTo(401);
      assertThat(answer.body()).contains("\"error\":\"invalid_auth_header\"");
      assertThat(answer.header("Connection")).isEqualTo("close");
      assertThat(call.closedByHub()).isTrue();
    }
  }

  // --- strict parsing ---------------------------------------------------------------------------

  @Test
  void malformedEnvelopesAre400AndNothingIsStored() {
    int before = store.events();
    Map<String, String> bodies =
        Map.of(
            "malformed_json",
            "{\"Headers\":{\"type\":\"" + ORDER_SYNC + "\"},\"Payload\":{",
            "Payload",
            "{\"Headers\":{\"type\":\"" + ORDER_SYNC + "\"},\"Payload\":[1,2]}",
            "Headers.type",
            "{\"Payload\":{\"ID\":\"SO-1\",\"LastUpdated\":\"2026-12-03T10:00:00Z\"}}",
            "bare",
            "{\"ID\":\"SO-1\",\"LastUpdated\":\"2026-12-03T10:00:00Z\"}",
            "duplicate_property",
            "{\"Headers\":{\"type\":\""
                + ORDER_SYNC
                + "\"},\"Payload\":{\"ID\":\"a\",\"id\":\"b\"}}",
            "not_an_object",
            "[{\"Headers\":{}}]");

    bodies.forEach(
        (name, body) -> {
          HttpResponse<String> answer = hub.signed(DELIVERY, body);
          assertThat(answer.statusCode()).as(name).isEqualTo(400);
          JsonNode problem = json(answer);
          switch (name) {
            case "Payload" -> assertThat(problem.get("field").asText()).isEqualTo("Payload");
            case "Headers.type", "bare" ->
                assertThat(problem.get("field").asText()).as(name).isEqualTo("Headers.type");
            default -> assertThat(problem.get("error").asText()).as(name).isEqualTo(name);
          }
        });
    assertThat(store.events()).isEqualTo(before);
  }

  @Test
  void aBodyOverTheLimitIs413ByItsContentLengthAsOnEveryWebhookPath() throws Exception {
    try (RawHttp call = new RawHttp(port)) {
      RawHttp.Answer answer =
          call.head("POST", DELIVERY, "Content-Length: 999999999", "X-oc-hash: x").answer();

      assertThat(answer.status()).isEqualTo(413);
      assertThat(answer.body()).contains("\"error\":\"body_too_large\"");
      assertThat(call.closedByHub()).isTrue();
    }
  }
}
