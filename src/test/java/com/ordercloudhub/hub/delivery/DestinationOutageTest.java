package com.ordercloudhub.hub.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.ordercloudhub.hub.support.DeliveryTest;
import com.ordercloudhub.hub.support.Fixtures;
import com.ordercloudhub.hub.support.HubClient;
import com.ordercloudhub.hub.support.Payloads;
import com.ordercloudhub.hub.support.TestDestination;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A destination that fails: legs wait and retry on the schedule (in the database, with growing
 * delays) and are each delivered once when it recovers; a permanent error is dead at once and a
 * replay after the fix delivers it.
 */
@DeliveryTest
class DestinationOutageTest {

  static final TestDestination destination = TestDestination.start();

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  HubClient hub;

  @DynamicPropertySource
  static void destinationUrl(DynamicPropertyRegistry registry) {
    registry.add("hub.test.destination-url", destination::url);
  }

  @AfterAll
  static void stop() {
    destination.close();
  }

  @BeforeEach
  void connect() {
    hub = new HubClient(port);
    destination.resume();
    destination.answer(TestDestination.ACCEPT);
  }

  private String send() {
    HttpResponse<String> answer =
        hub.signed(
            "/webhooks/ordercloud/post",
            Payloads.webhook("v1/test/deliveries", "POST", UUID.randomUUID().toString()));
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
    JsonNode json = Fixtures.json(answer.body().getBytes(StandardCharsets.UTF_8));
    assertThat(json.get("eventType").asText()).isEqualTo("test.delivery");
    return json.get("eventId").asText();
  }

  /** The event's leg status, or null while the dispatcher has not planned it yet. */
  private String legStatus(String eventId) {
    return jdbc
        .queryForList(
            "SELECT status FROM hub_delivery_leg WHERE event_id = ?", String.class, eventId)
        .stream()
        .findFirst()
        .orElse(null);
  }

  private int attempts(String eventId) {
    return jdbc.queryForObject(
        "SELECT COUNT(*) FROM hub_delivery_attempt a JOIN hub_delivery_leg l ON l.id = a.leg_id"
            + " WHERE l.event_id = ?",
        Integer.class,
        eventId);
  }

  @Test
  void duringAnOutageLegsRetryWithGrowingDelaysAndAreDeliveredOnceWhenItRecovers() {
    destination.answer(key -> 503);
    List<String> events = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      events.add(send());
    }
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> events.stream().allMatch(e -> attempts(e) >= 2));
    assertThat(events).allSatisfy(e -> assertThat(legStatus(e)).isEqualTo("retrying"));

    destination.stopListening(); // now connections are refused
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> events.stream().allMatch(e -> attempts(e) >= 4));
    assertThat(events).allSatisfy(e -> assertThat(legStatus(e)).isEqualTo("retrying"));
    assertThat(
            jdbc.queryForObject(
                "SELECT last_error FROM hub_delivery_leg WHERE event_id = ?",
                String.class,
                events.get(0)))
        .containsIgnoringCase("refused");

    // the waits between one attempt's end and the next grow: 300 ms, 600 ms, 1200 ms here
    for (String event : events) {
      List<Duration> waits = waitsBetweenAttempts(event);
      assertThat(waits.get(0)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
      assertThat(waits.get(1))
          .isGreaterThan(waits.get(0))
          .isGreaterThanOrEqualTo(Duration.ofMillis(600));
      assertThat(waits.get(2))
          .isGreaterThan(waits.get(1))
          .isGreaterThanOrEqualTo(Duration.ofMillis(1200));
    }

    destination.answer(TestDestination.ACCEPT);
    destination.resume();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> events.stream().allMatch(e -> "delivered".equals(legStatus(e))));

    for (String event : events) {
      String key = event + ":test-http";
      assertThat(destination.writes(key)).as(key).isEqualTo(1);
      assertThat(destination.receivedWithKey(key)).extracting(r -> r.answeredWith()).contains(200);
    }
    assertThat(events).allSatisfy(e -> assertThat(legStatus(e)).isEqualTo("delivered"));
  }

  @Test
  void aPermanentErrorIsDeadAtOnceAndAReplayAfterTheFixDeliversIt() {
    destination.answer(key -> 422);
    String event = send();
    await().atMost(Duration.ofSeconds(20)).until(() -> "dead".equals(legStatus(event)));
    assertThat(attempts(event)).isEqualTo(1);
    String legId =
        jdbc.queryForObject(
            "SELECT id FROM hub_delivery_leg WHERE event_id = ?", String.class, event);
    JsonNode dead = json(hub.opsGet("/api/deliveries/" + legId));
    assertThat(dead.get("status").asText()).isEqualTo("dead");
    assertThat(dead.get("lastError").asText()).contains("HTTP 422");
    assertThat(json(hub.opsGet("/api/deliveries?status=dead&destination=test-http")).toString())
        .contains(legId);

    destination.answer(TestDestination.ACCEPT); // the fix
    HttpResponse<String> replay = opsPost("/api/deliveries/" + legId + "/replay");

    assertThat(replay.statusCode()).isEqualTo(202);
    await().atMost(Duration.ofSeconds(20)).until(() -> "delivered".equals(legStatus(event)));
    assertThat(destination.writes(event + ":test-http")).isEqualTo(1);
    JsonNode delivered = json(hub.opsGet("/api/events/" + event));
    assertThat(delivered.at("/legs/0/status").asText()).isEqualTo("delivered");
    assertThat(delivered.at("/legs/0/attemptLog")).hasSize(2);
    assertThat(opsPost("/api/deliveries/" + legId + "/replay").statusCode()).isEqualTo(409);
  }

  @Test
  void bulkReplayRequeuesTheDeadLegsOfADestination() {
    destination.answer(key -> 400);
    List<String> events = List.of(send(), send(), send());
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> events.stream().allMatch(e -> "dead".equals(legStatus(e))));

    destination.answer(TestDestination.ACCEPT);
    HttpResponse<String> replay =
        opsPost("/api/deliveries/replay?status=dead&destination=test-http");

    assertThat(replay.statusCode()).isEqualTo(202);
    assertThat(json(replay).get("requeued").asInt()).isGreaterThanOrEqualTo(3);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> events.stream().allMatch(e -> "delivered".equals(legStatus(e))));
  }

  @Test
  void anEventReplayDeliversADeliveredLegAgainOnlyWhenForced() {
    String event = send();
    await().atMost(Duration.ofSeconds(20)).until(() -> "delivered".equals(legStatus(event)));

    HttpResponse<String> unforced = opsPost("/api/events/" + event + "/replay");
    assertThat(json(unforced).get("requeued").asInt()).isZero();

    HttpResponse<String> forced = opsPost("/api/events/" + event + "/replay?force=true");
    assertThat(json(forced).get("requeued").asInt()).isEqualTo(1);
    await().atMost(Duration.ofSeconds(20)).until(() -> attempts(event) == 2);
    await().atMost(Duration.ofSeconds(20)).until(() -> "delivered".equals(legStatus(event)));
    // the same idempotency key both times: the destination wrote it once
    assertThat(destination.receivedWithKey(event + ":test-http")).hasSize(2);
    assertThat(destination.writes(event + ":test-http")).isEqualTo(1);
  }

  @Test
  void theLedgerIsVisibleAsPrometheusMetrics() {
    destination.answer(key -> 400);
    String dead = send();
    await().atMost(Duration.ofSeconds(20)).until(() -> "dead".equals(legStatus(dead)));
    destination.answer(TestDestination.ACCEPT);
    String delivered = send();
    await().atMost(Duration.ofSeconds(20)).until(() -> "delivered".equals(legStatus(delivered)));

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              String metrics = hub.opsGet("/actuator/prometheus").body();
              assertThat(metrics)
                  .contains("hub_events_received_total{kind=\"post\",type=\"test.delivery\"}")
                  .contains(
                      "hub_delivery_attempts_seconds_count{destination=\"test-http\",outcome=\"dead\"}")
                  .contains(
                      "hub_delivery_attempts_seconds_count{destination=\"test-http\",outcome=\"delivered\"}")
                  .contains("hub_delivery_legs{destination=\"test-http\",status=\"dead\"}")
                  .contains("hub_delivery_legs{destination=\"test-http\",status=\"delivered\"}")
                  .contains("hub_delivery_dead_legs ")
                  .contains("hub_delivery_oldest_due_seconds ")
                  .contains("camel_exchanges_total{")
                  .contains("routeId=\"test-http-deliver-event\"");
              assertThat(deadLegsGauge(metrics)).isGreaterThanOrEqualTo(1.0);
            });
    assertThat(hub.get("/actuator/prometheus").statusCode()).isEqualTo(401);
  }

  private static double deadLegsGauge(String metrics) {
    return metrics
        .lines()
        .filter(l -> l.startsWith("hub_delivery_dead_legs "))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.indexOf(' ') + 1)))
        .findFirst()
        .orElse(-1);
  }

  private List<Duration> waitsBetweenAttempts(String eventId) {
    List<java.util.Map<String, Object>> attempts =
        jdbc.queryForList(
            "SELECT a.started_at, a.duration_ms FROM hub_delivery_attempt a JOIN hub_delivery_leg l"
                + " ON l.id = a.leg_id WHERE l.event_id = ? ORDER BY a.started_at",
            eventId);
    List<Duration> waits = new ArrayList<>();
    for (int i = 0; i + 1 < attempts.size(); i++) {
      OffsetDateTime ended =
          start(attempts.get(i))
              .plusNanos(((Number) attempts.get(i).get("duration_ms")).longValue() * 1_000_000);
      waits.add(Duration.between(ended, start(attempts.get(i + 1))));
    }
    return waits;
  }

  private static OffsetDateTime start(java.util.Map<String, Object> attempt) {
    Object value = attempt.get("started_at");
    return value instanceof OffsetDateTime t
        ? t
        : ((java.sql.Timestamp) value).toInstant().atOffset(java.time.ZoneOffset.UTC);
  }

  private HttpResponse<String> opsPost(String path) {
    return hub.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Authorization", HubClient.basic(HubClient.OPS_USER, HubClient.OPS_PASSWORD))
            .POST(HttpRequest.BodyPublishers.noBody())
            .build());
  }

  private static JsonNode json(HttpResponse<String> response) {
    return Fixtures.json(response.body().getBytes(StandardCharsets.UTF_8));
  }
}
