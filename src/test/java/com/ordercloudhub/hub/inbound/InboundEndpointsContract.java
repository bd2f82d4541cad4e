package com.ordercloudhub.hub.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ordercloudhub.hub.support.Fixtures;
import com.ordercloudhub.hub.support.HubClient;
import com.ordercloudhub.hub.support.Payloads;
import com.ordercloudhub.hub.support.SecretShapes;
import com.ordercloudhub.hub.support.StoreProbe;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The inbound contract over real HTTP, run against each database (H2 and PostgreSQL subclasses):
 * verified calls are committed once and answered; everything else is refused with its documented
 * status and leaves nothing behind.
 */
@ExtendWith(OutputCaptureExtension.class)
abstract class InboundEndpointsContract {

  static final String POST = "/webhooks/ordercloud/post";
  static final String PRE = "/webhooks/ordercloud/pre";
  static final String MESSAGES = "/webhooks/ordercloud/messages";

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;

  @Value("${hub.mail.outbox-dir}")
  String outboxDir;

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

  // --- verified calls ---------------------------------------------------------------------------

  @Test
  void theSharedSignedFixturesAreCommittedOnceAndAnswered() {
    Map<String, String> hashes = Fixtures.hashes();

    HttpResponse<String> post =
        hub.post(
            POST,
            Fixtures.bytes(Fixtures.POST_ORDER_SUBMIT),
            hashes.get(Fixtures.POST_ORDER_SUBMIT));
    HttpResponse<String> message =
        hub.post(
            MESSAGES + "/ordersubmitted",
            Fixtures.bytes(Fixtures.MESSAGE_ORDER_SUBMITTED),
            hashes.get(Fixtures.MESSAGE_ORDER_SUBMITTED));

    assertThat(post.statusCode()).isEqualTo(202);
    assertThat(post.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
    assertThat(json(post).get("eventType").asText()).isEqualTo("order.submitted");
    assertThat(json(post).get("duplicate").asBoolean()).isFalse();
    assertThat(store.event(json(post).get("eventId").asText()))
        .containsEntry("kind", "post")
        .containsEntry("log_id", "5f0c9a1e-8b7d-4c2e-9a51-3e6f0b2d7c11")
        // the catalogue's business key, stored with the event: its legs go in order per order
        .containsEntry("business_key", "order:SO-100234");
    assertThat(message.statusCode()).isEqualTo(202);
    assertThat(json(message).get("eventType").asText()).isEqualTo("message.ordersubmitted");
    assertThat(store.event(json(message).get("eventId").asText()))
        .containsEntry("kind", "message")
        .containsEntry("oc_log_id", "e7a1c0b4-3f2d-4a9e-8c61-5b0d9f2e4a18")
        .containsEntry("business_key", "order:SO-100234");

    for (String fixture : List.of(Fixtures.PRE_ORDER_PATCH, Fixtures.PRE_ADDRESS_SAVE)) {
      HttpResponse<String> pre = hub.post(PRE, Fixtures.bytes(fixture), hashes.get(fixture));
      assertThat(pre.statusCode()).as(fixture).isEqualTo(200);
      assertThat(pre.body()).as(fixture).isEqualTo("{\"proceed\":true}");
    }
    // its ConfigData sets maxOrderTotal, so the order must be read from the OrderCloud API, which
    // is
    // unreachable here: order submit is fail-closed, the shopper is asked to retry
    HttpResponse<String> submit =
        hub.post(
            PRE, Fixtures.bytes(Fixtures.PRE_ORDER_SUBMIT), hashes.get(Fixtures.PRE_ORDER_SUBMIT));
    assertThat(submit.statusCode()).isEqualTo(200);
    assertThat(json(submit).get("proceed").asBoolean()).isFalse();
    assertThat(json(submit).at("/body/retry").asBoolean()).isTrue();
  }

  @Test
  void aPreHookProceedsAndItsDecisionIsRecordedOffTheResponsePath() {
    String logId = UUID.randomUUID().toString();

    HttpResponse<String> answer = hub.signed(PRE, Payloads.fresh(Fixtures.PRE_ADDRESS_SAVE, logId));

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(json(answer)).isEqualTo(Fixtures.json("{\"proceed\":true}".getBytes()));
    await().atMost(Duration.ofSeconds(10)).until(() -> store.decisionsFor(logId) == 1);
    assertThat(jdbc.queryForMap("SELECT kind, event_type FROM hub_event WHERE log_id = ?", logId))
        .containsEntry("kind", "pre")
        .containsEntry("event_type", "address.saved");
  }

  @Test
  void theSignatureHeaderNameMatchesInAnyCase() {
    for (String name : List.of("x-oc-hash", "X-OC-HASH", "X-Oc-Hash")) {
      byte[] body = Payloads.fresh(Fixtures.POST_ORDER_SUBMIT);
      HttpResponse<String> response =
          hub.send(
              HttpRequest.newBuilder(hub.uri(POST))
                  .header(name, OcSignature.sign(Fixtures.KEY, body))
                  .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                  .build());
      assertThat(response.statusCode()).as(name).isEqualTo(202);
    }
  }

  @Test
  void aSecondKeyFromOcHashKeysIsAccepted() {
    byte[] body = Payloads.fresh(Fixtures.POST_ORDER_SUBMIT);

    HttpResponse<String> response =
        hub.post(POST, body, OcSignature.sign(Fixtures.SECOND_KEY, body));

    assertThat(response.statusCode()).isEqualTo(202);
  }

  @Test
  void theSignatureCoversTheRawBytesNotTheirDecodedText() {
    // UTF-8 beyond ASCII, no charset declared: a text round trip would change the bytes
    String logId = UUID.randomUUID().toString();
    byte[] body =
        ("{\"Route\":\"v1/buyers/{buyerID}/addresses\",\"Verb\":\"POST\",\"LogID\":\""
                + logId
                + "\",\"Request\":{\"Body\":{\"City\":\"Zürich\",\"Street1\":\"Straße 1 ✓\"}}}")
            .getBytes(StandardCharsets.UTF_8);

    HttpResponse<String> response = hub.signed(POST, body);

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(json(response).get("eventType").asText()).isEqualTo("address.saved");
    String stored = (String) store.event(json(response).get("eventId").asText()).get("payload");
    assertThat(stored).contains("Zürich", "Straße 1 ✓");
  }

  @Test
  void anUnknownRouteIsStoredAsUnclassifiedAndAnswered() {
    String logId = UUID.randomUUID().toString();

    HttpResponse<String> response =
        hub.signed(POST, Payloads.webhook("v1/integrations/somethingnew", "PUT", logId));

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(json(response).get("eventType").asText()).isEqualTo("unclassified");
    assertThat(store.eventsWithLogId(logId)).isEqualTo(1);
  }

  @Test
  void theMessagePathTypeMatchesInAnyCaseAndTheBodysTypeWins() {
    for (String path :
        List.of(MESSAGES, MESSAGES + "/ordersubmitted", MESSAGES + "/OrderSubmitted")) {
      HttpResponse<String> response =
          hub.signed(path, Payloads.fresh(Fixtures.MESSAGE_ORDER_SUBMITTED));
      assertThat(response.statusCode()).as(path).isEqualTo(202);
      assertThat(json(response).get("eventType").asText()).isEqualTo("message.ordersubmitted");
    }

    ObjectNode shipment = Payloads.node(Fixtures.MESSAGE_ORDER_SUBMITTED);
    shipment
        .put("MessageType", "ShipmentCreated")
        .put("OcLogIdHeader", UUID.randomUUID().toString());
    HttpResponse<String> mismatched =
        hub.signed(MESSAGES + "/ordersubmitted", Payloads.bytes(shipment));
    assertThat(json(mismatched).get("eventType").asText()).isEqualTo("message.shipmentcreated");
  }

  @Test
  void answersDoNotEchoTheRequestsHeaders() {
    byte[] body = Payloads.fresh(Fixtures.POST_ORDER_SUBMIT);

    HttpResponse<String> response =
        hub.send(
            HttpRequest.newBuilder(hub.uri(POST))
                .header("X-oc-hash", OcSignature.sign(Fixtures.KEY, body))
                .header("X-Custom-Auth", "static-secret")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build());

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(response.headers().map().keySet())
        .noneMatch(h -> h.equalsIgnoreCase("X-oc-hash") || h.equalsIgnoreCase("X-Custom-Auth"));
  }

  // --- refusals --------------------------------------------------------------------------------

  @Test
  void badSignaturesAreAnswered401AndNothingIsStored() {
    String logId = UUID.randomUUID().toString();
    byte[] body = Payloads.fresh(Fixtures.POST_ORDER_SUBMIT, logId);
    String good = OcSignature.sign(Fixtures.KEY, body);
    byte[] tampered = body.clone();
    tampered[tampered.length / 2] ^= 0x01;
    Map<String, HttpResponse<String>> answers =
        Map.of(
            "wrong key", hub.post(POST, body, OcSignature.sign("wrong-key", body)),
            "missing header", hub.post(POST, body, null),
            "empty header", hub.post(POST, body, ""),
            "hex encoding",
                hub.post(POST, body, HexFormat.of().formatHex(Base64.getDecoder().decode(good))),
            "tampered byte", hub.post(POST, tampered, good),
            "pre-hook, wrong key", hub.post(PRE, body, OcSignature.sign("wrong-key", body)),
            "message, wrong key",
                hub.post(MESSAGES + "/ordersubmitted", body, OcSignature.sign("x", body)));

    answers.forEach(
        (name, response) -> {
          assertThat(response.statusCode()).as(name).isEqualTo(401);
          assertThat(json(response).get("status").asInt()).as(name).isEqualTo(401);
          assertThat(json(response).get("message").asText()).as(name).contains("X-oc-hash");
        });
    assertThat(store.eventsWithLogId(logId)).isZero();
  }

  @Test
  void hostileInputGetsItsDocumentedStatusStoresNothingAndTheHubStaysHealthy() {
    int before = store.events();
    String deep = "{\"a\":" + "[".repeat(20_000) + "]".repeat(20_000) + "}";
    byte[] sixMiB = new byte[6 * 1024 * 1024];
    java.util.Arrays.fill(sixMiB, (byte) ' ');
    sixMiB[0] = '{';
    sixMiB[sixMiB.length - 1] = '}';
    Map<String, Integer> expected = new java.util.LinkedHashMap<>();
    Map<String, HttpResponse<String>> answers = new java.util.LinkedHashMap<>();
    check(answers, expected, "not JSON", hub.signed(POST, "Route=v1/cart/submit"), 400);
    check(
        answers, expected, "JSON array", hub.signed(POST, "[{\"Route\":\"v1/cart/submit\"}]"), 400);
    check(
        answers,
        expected,
        "truncated",
        hub.signed(POST, "{\"Route\":\"v1/cart/submit\",\"Ve"),
        400);
    check(answers, expected, "20,000 nested brackets", hub.signed(POST, deep), 400);
    check(answers, expected, "empty body", hub.signed(POST, new byte[0]), 400);
    check(answers, expected, "6 MiB body", hub.signed(POST, sixMiB), 413);
    check(answers, expected, "6 MiB chunked", chunked(sixMiB), 413);
    check(
        answers,
        expected,
        "Route a number",
        hub.signed(POST, "{\"Route\":7,\"Verb\":\"POST\",\"LogID\":\"x\"}"),
        400);
    check(
        answers,
        expected,
        "Verb GET",
        hub.signed(POST, "{\"Route\":\"v1/cart\",\"Verb\":\"GET\",\"LogID\":\"x\"}"),
        400);
    check(
        answers,
        expected,
        "LogID missing",
        hub.signed(POST, "{\"Route\":\"v1/cart\",\"Verb\":\"PUT\"}"),
        400);
    check(
        answers,
        expected,
        "pre-hook without Verb",
        hub.signed(PRE, "{\"Route\":\"v1/cart\",\"LogID\":\"x\"}"),
        400);
    check(
        answers,
        expected,
        "message without MessageType",
        hub.signed(MESSAGES + "/ordersubmitted", "{\"Recipient\":{}}"),
        400);

    answers.forEach(
        (name, response) -> {
          assertThat(response.statusCode()).as(name).isEqualTo(expected.get(name));
          JsonNode body = json(response);
          assertThat(body.get("status").asInt()).as(name).isEqualTo(expected.get(name));
          assertThat(body.get("error").asText()).as(name).isNotBlank();
          assertThat(body.get("message").asText()).as(name).isNotBlank();
        });
    assertThat(json(answers.get("LogID missing")).get("field").asText()).isEqualTo("LogID");
    assertThat(store.events()).isEqualTo(before);
    // healthy again within seconds: an earlier burst of identical calls may briefly take the pool
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(15))
        .until(() -> hub.get("/actuator/health").body().contains("\"UP\""));
    assertThat(hub.signed(POST, Payloads.fresh(Fixtures.POST_ORDER_SUBMIT)).statusCode())
        .isEqualTo(202);
  }

  private static void check(
      Map<String, HttpResponse<String>> answers,
      Map<String, Integer> expected,
      String name,
      HttpResponse<String> response,
      int status) {
    answers.put(name, response);
    expected.put(name, status);
  }

  private HttpResponse<String> chunked(byte[] body) {
    return hub.send(
        HttpRequest.newBuilder(hub.uri(POST))
            .header("X-oc-hash", OcSignature.sign(Fixtures.KEY, body))
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
            .build());
  }

  @Test
  void otherMethodsThanPostAreRefused() {
    assertThat(hub.get(POST).statusCode()).isEqualTo(405);
    assertThat(hub.get(PRE).statusCode()).isEqualTo(405);
  }

  // --- duplicates ------------------------------------------------------------------------------

  @Test
  void theSameCallSentAgainIsStoredOnceAndAnsweredWithTheFirstEvent() {
    String logId = UUID.randomUUID().toString();
    byte[] body = Payloads.fresh(Fixtures.POST_ORDER_SUBMIT, logId);

    JsonNode first = json(hub.signed(POST, body));
    HttpResponse<String> again = hub.signed(POST, body);

    assertThat(again.statusCode()).isEqualTo(202);
    assertThat(json(again).get("duplicate").asBoolean()).isTrue();
    assertThat(json(again).get("eventId")).isEqualTo(first.get("eventId"));
    assertThat(json(again).get("eventType")).isEqualTo(first.get("eventType"));
    assertThat(store.eventsWithLogId(logId)).isEqualTo(1);
  }

  @Test
  void twentyIdenticalCallsAtTheSameInstantAreStoredOnce() throws Exception {
    String logId = UUID.randomUUID().toString();
    byte[] body = Payloads.fresh(Fixtures.POST_ORDER_SUBMIT, logId);
    byte[] message = Payloads.fresh(Fixtures.MESSAGE_ORDER_SUBMITTED, logId);
    int calls = 20;
    ExecutorService pool = Executors.newFixedThreadPool(calls * 2);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<HttpResponse<String>>> posts = new ArrayList<>();
    List<Future<HttpResponse<String>>> messages = new ArrayList<>();
    try {
      for (int i = 0; i < calls; i++) {
        posts.add(pool.submit(afterLatch(start, () -> hub.signed(POST, body))));
        messages.add(
            pool.submit(
                afterLatch(start, () -> hub.signed(MESSAGES + "/ordersubmitted", message))));
      }
      start.countDown();
      assertStoredOnce(posts);
      assertStoredOnce(messages);
    } finally {
      pool.shutdownNow();
    }
    assertThat(store.eventsWithLogId(logId)).isEqualTo(1);
    assertThat(
            jdbc.queryForObject(
                "SELECT COUNT(*) FROM hub_event WHERE oc_log_id = ?", Integer.class, logId))
        .isEqualTo(1);
  }

  private static Callable<HttpResponse<String>> afterLatch(
      CountDownLatch latch, Callable<HttpResponse<String>> call) {
    return () -> {
      latch.await();
      return call.call();
    };
  }

  private static void assertStoredOnce(List<Future<HttpResponse<String>>> calls) throws Exception {
    List<JsonNode> answers = new ArrayList<>();
    for (Future<HttpResponse<String>> call : calls) {
      HttpResponse<String> response = call.get();
      assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
      answers.add(json(response));
    }
    assertThat(answers.stream().map(a -> a.get("eventId").asText()).collect(Collectors.toSet()))
        .hasSize(1);
    assertThat(answers.stream().filter(a -> !a.get("duplicate").asBoolean())).hasSize(1);
  }

  // --- secrets ---------------------------------------------------------------------------------

  @Test
  void userTokenAndSecretsAreNeverStoredInClearShownOrLogged(CapturedOutput output)
      throws Exception {
    String token =
        Fixtures.json(Fixtures.bytes(Fixtures.POST_ORDER_SUBMIT)).get("UserToken").asText();
    String resetCode = "reset-code-" + UUID.randomUUID();
    String resetToken = "reset-token-" + UUID.randomUUID();
    String oneTimePassword = "otp-" + UUID.randomUUID();
    ObjectNode reset = Payloads.node(Fixtures.MESSAGE_ORDER_SUBMITTED);
    reset
        .put("MessageType", "ForgottenPassword")
        .put("OcLogIdHeader", UUID.randomUUID().toString());
    reset
        .putObject("EventBody")
        .put("Username", "jdoe")
        .put("PasswordRenewalUrl", "https://shop.example/reset")
        .put("PasswordRenewalVerificationCode", resetCode)
        .put("PasswordRenewalAccessToken", resetToken);
    ObjectNode otp = Payloads.node(Fixtures.MESSAGE_ORDER_SUBMITTED);
    otp.put("MessageType", "OneTimePassword").put("OcLogIdHeader", UUID.randomUUID().toString());
    otp.putObject("EventBody").put("Username", "jdoe").put("OneTimePassword", oneTimePassword);

    List<String> ids = new ArrayList<>();
    ids.add(
        json(hub.signed(POST, Payloads.fresh(Fixtures.POST_ORDER_SUBMIT))).get("eventId").asText());
    ids.add(
        json(hub.signed(MESSAGES + "/forgottenpassword", Payloads.bytes(reset)))
            .get("eventId")
            .asText());
    ids.add(
        json(hub.signed(MESSAGES + "/onetimepassword", Payloads.bytes(otp)))
            .get("eventId")
            .asText());
    String preLogId = UUID.randomUUID().toString();
    hub.signed(PRE, Payloads.fresh(Fixtures.PRE_ORDER_SUBMIT, preLogId));
    // refused calls that carry the token: malformed, badly signed, form-typed
    hub.signed(POST, "{\"UserToken\":\"" + token + "\",\"Route\":");
    hub.post(POST, Fixtures.bytes(Fixtures.POST_ORDER_SUBMIT), "bad");
    hub.send(
        HttpRequest.newBuilder(hub.uri(POST))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("X-oc-hash", "x")
            .POST(HttpRequest.BodyPublishers.ofString("{\"UserToken\":\"" + token + "\"}"))
            .build());
    await().atMost(Duration.ofSeconds(10)).until(() -> store.decisionsFor(preLogId) == 1);
    // the secrets table: every shape as a post-hook on its own OrderCloud route
    List<String> shapeIds = new ArrayList<>();
    StringBuilder answers = new StringBuilder();
    List<SecretShapes.Shape> shapes = SecretShapes.all();
    for (int i = 0; i < shapes.size(); i++) {
      SecretShapes.Shape shape = shapes.get(i);
      HttpResponse<String> stored = hub.signed(POST, Payloads.bytes(shape.webhook()));
      assertThat(stored.statusCode()).as(shape.name() + stored.body()).isEqualTo(202);
      shapeIds.add(json(stored).get("eventId").asText());
      if (i % 5 == 0) {
        // and some as dry runs, which show what each destination would be sent (each ops call
        // costs a BCrypt check, so not all)
        HttpResponse<String> dryRun = hub.opsPost("/api/simulate", Payloads.bytes(shape.webhook()));
        assertThat(dryRun.statusCode()).as(shape.name() + dryRun.body()).isEqualTo(200);
        answers.append(dryRun.body());
      }
    }
    List<String> secrets = new ArrayList<>(List.of(SecretShapes.secrets()));
    secrets.addAll(List.of(token, resetCode, resetToken, oneTimePassword));
    String[] never = secrets.toArray(String[]::new);

    String database = store.everything();
    assertThat(database).doesNotContain(never);
    assertThat(database)
        .contains("https://shop.example/reset", "https://login.example/token", "X-Api-Gateway");
    // sealed until their email is delivered (MessageSecretsTest), then erased: without SMTP the
    // email goes to the outbox at once, so wait for that rather than race it
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                ids.subList(1, 3).stream()
                    .allMatch(id -> store.event(id).get("sealed_secrets") == null));
    assertThat(store.event(ids.get(0)).get("sealed_secrets")).isNull();

    StringBuilder api = new StringBuilder(hub.opsGet("/api/events?size=500").body());
    for (int i = 0; i < shapeIds.size(); i += 4) {
      ids.add(shapeIds.get(i));
    }
    ids.add(shapeIds.get(4));
    for (String id : ids) {
      api.append(hub.opsGet("/api/events/" + id).body());
      HttpResponse<String> page = hub.opsGet("/ops/events/" + id);
      assertThat(page.statusCode()).isEqualTo(200);
      api.append(page.body());
    }
    api.append(answers);
    assertThat(api.toString()).doesNotContain(never);
    assertThat(hub.opsGet("/api/events/" + ids.get(1)).body()).contains("[redacted]");
    assertThat(hub.opsGet("/api/events/" + shapeIds.get(4)).body())
        .contains("[redacted]", "https://login.example/authorize");

    // without SMTP_HOST the emails are .eml files: the reset and OTP ones are marked to be swept
    // within minutes (MailOutboxTest), and no file holds a secret from the table or the token
    try (var files = Files.list(Path.of(outboxDir))) {
      List<Path> outbox = files.toList();
      for (Path file : outbox) {
        assertThat(Files.readString(file))
            .as(file.toString())
            .doesNotContain(SecretShapes.secrets())
            .doesNotContain(token);
      }
      for (String id : ids.subList(1, 3)) {
        assertThat(outbox).map(f -> f.getFileName().toString()).contains(id + "_email.secret.eml");
      }
    }

    // the capture is live: the hub's own lines for these calls are in it
    assertThat(output.getAll())
        .contains("Stored message message.forgottenpassword", "Refused call");
    assertThat(output.getAll()).doesNotContain(never).doesNotContain(Fixtures.USER_TOKEN_PREFIX);
  }

  @Test
  void aPayloadStoredUnderAnOlderNarrowerRuleIsShownMasked() {
    String eventId =
        json(hub.signed(POST, Payloads.fresh(Fixtures.POST_ORDER_SUBMIT))).get("eventId").asText();
    // as a row written before the rule knew these names (the old lists had neither)
    jdbc.update(
        "UPDATE hub_event SET payload = ? WHERE id = ?",
        "{\"Route\":\"v1/openidconnects\",\"Request\":{\"Body\":{\"ConnectClientSecret\":"
            + "\"old-row-secret-1\",\"xp\":{\"apiKey\":\"old-row-key-2\"},\"ID\":\"kept-oidc\"}}}",
        eventId);

    String shown =
        hub.opsGet("/api/events/" + eventId).body() + hub.opsGet("/ops/events/" + eventId).body();

    assertThat(shown).doesNotContain("old-row-secret-1", "old-row-key-2").contains("kept-oidc");
  }

  @Test
  void callerValuesWithLineBreaksAreLoggedOnOneLineEscaped(CapturedOutput output) {
    String run = UUID.randomUUID().toString().substring(0, 8);
    String forged = " INFO 1 --- [main] c.o.hub.ops.Login : ops login ok " + run;
    ObjectNode webhook = Payloads.node(Fixtures.POST_ORDER_SUBMIT);
    webhook.put("LogID", "lf-" + run + "\n" + forged + "\r\ncrlf\u2028ls\u2029ps\u0085nel");
    ObjectNode message = Payloads.node(Fixtures.MESSAGE_ORDER_SUBMITTED);
    message.put("OcLogIdHeader", "msg-" + run + "\r\n" + forged);

    assertThat(hub.signed(POST, Payloads.bytes(webhook)).statusCode()).isEqualTo(202);
    assertThat(hub.signed(MESSAGES + "/ordersubmitted", Payloads.bytes(message)).statusCode())
        .isEqualTo(202);

    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                output.getAll().contains("logId=lf-" + run)
                    && output.getAll().contains("msg-" + run));
    List<String> lines = output.getAll().lines().toList();
    // the forged text never starts a line of its own: it is inside the one line that logged it
    assertThat(lines).noneMatch(line -> line.startsWith(forged));
    assertThat(lines)
        .filteredOn(line -> line.contains(run))
        .allSatisfy(line -> assertThat(line).doesNotContain("\u2028", "\u2029", "\u0085", "\r"))
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains("logId=lf-" + run + "\\n" + forged + "\\r\\ncrlf\\u2028ls")
                    .contains("\\u2029ps\\u0085nel"))
        .anySatisfy(line -> assertThat(line).contains("msg-" + run + "\\r\\n" + forged));
  }
}
