package com.ordercloudhub.hub.reload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.ordercloudhub.hub.support.DeliveryTest;
import com.ordercloudhub.hub.support.Fixtures;
import com.ordercloudhub.hub.support.HubClient;
import com.ordercloudhub.hub.support.Payloads;
import com.ordercloudhub.hub.support.TestDestination;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Live reload under load: the hub loads its routes from a temporary copy of {@code routes/} (the
 * repository's files are never touched) plus the test destination's file, and receives a stream of
 * signed post-hooks throughout. The test.delivery routing file is changed (a second destination:
 * its legs appear, so the reloaded route still runs under {@code event-routing}), then replaced by
 * a broken one (refused: the second destination keeps getting legs and the misspelt one none). At
 * the end every event sent is delivered to every destination it was routed to.
 */
@DeliveryTest
class RouteReloadTest {

  static final TestDestination destination = TestDestination.concurrent(4);
  static final Path COPY = Path.of("target/reload-test", UUID.randomUUID().toString());
  static final Path ROUTING = COPY.resolve("test/test-destination.camel.yaml");

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired MeterRegistry meters;

  @DynamicPropertySource
  static void routesFromACopy(DynamicPropertyRegistry registry) throws IOException {
    for (String folder : List.of("shared", "inbound", "prehooks", "events", "destinations")) {
      copy(Path.of("routes", folder), COPY.resolve("routes").resolve(folder));
    }
    copy(Path.of("src/test/resources/routes"), COPY.resolve("test"));
    String base = "file:" + COPY.toAbsolutePath();
    registry.add(
        "camel.main.routes-include-pattern",
        () ->
            Stream.of("shared", "inbound", "prehooks", "events", "destinations")
                    .map(f -> base + "/routes/" + f + "/*.camel.yaml")
                    .reduce((a, b) -> a + "," + b)
                    .orElseThrow()
                + ","
                + base
                + "/test/*.camel.yaml");
    registry.add("hub.test.destination-url", destination::url);
    registry.add("hub.reload.enabled", () -> "true");
    registry.add("hub.reload.quiet-period", () -> "200ms");
  }

  @AfterAll
  static void stop() {
    destination.close();
  }

  @Test
  void aChangedRouteFileAppliesABrokenOneIsRefusedAndEveryEventIsDelivered() throws Exception {
    HubClient hub = new HubClient(port);
    List<String> sent = new CopyOnWriteArrayList<>();
    List<String> refused = new CopyOnWriteArrayList<>();
    ScheduledExecutorService stream = Executors.newSingleThreadScheduledExecutor();
    stream.scheduleAtFixedRate(
        () -> {
          HttpResponse<String> answer =
              hub.signed(
                  "/webhooks/ordercloud/post",
                  Payloads.webhook("v1/test/deliveries", "POST", UUID.randomUUID().toString()));
          if (answer.statusCode() == 202) {
            JsonNode json = Fixtures.json(answer.body().getBytes(StandardCharsets.UTF_8));
            sent.add(json.get("eventId").asText());
          } else {
            refused.add(answer.statusCode() + " " + answer.body());
          }
        },
        0,
        25,
        TimeUnit.MILLISECONDS);
    try {
      await().atMost(Duration.ofSeconds(30)).until(() -> sent.size() >= 20);
      assertThat(legs(sent.get(0))).containsOnlyKeys("test-http");

      // 1. the routing file changes: test.delivery goes to a second destination too
      Files.writeString(ROUTING, routing("test-audit"));
      await().atMost(Duration.ofSeconds(30)).until(() -> reloads("applied") >= 1);
      String afterChange = awaitNextEvent(sent);
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(legs(afterChange))
                      .containsEntry("test-http", "delivered")
                      .containsEntry("test-audit", "delivered"));

      // 2. a broken version (a misspelt destination, which Camel alone would load) is refused
      Files.writeString(ROUTING, routing("test-audti"));
      await().atMost(Duration.ofSeconds(30)).until(() -> reloads("refused") >= 1);
      String afterRefusal = awaitNextEvent(sent);
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(legs(afterRefusal))
                      .containsOnlyKeys("test-http", "test-audit")
                      .containsValues("delivered"));
    } finally {
      stream.shutdown();
      assertThat(stream.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }

    // 3. nothing lost: every event sent has its legs, all delivered; none went to the misspelt one
    assertThat(refused).isEmpty();
    assertThat(sent).hasSizeGreaterThan(60);
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              assertThat(count("SELECT COUNT(DISTINCT event_id) FROM hub_delivery_leg", sent))
                  .isEqualTo(sent.size());
              assertThat(
                      count(
                          "SELECT COUNT(*) FROM hub_delivery_leg WHERE status <> 'delivered'",
                          sent))
                  .isZero();
            });
    assertThat(
            count(
                "SELECT COUNT(*) FROM hub_delivery_leg WHERE destination = 'test-http'"
                    + " AND status = 'delivered'",
                sent))
        .isEqualTo(sent.size());
    assertThat(
            count("SELECT COUNT(*) FROM hub_delivery_leg WHERE destination = 'test-audti'", sent))
        .isZero();
    assertThat(reloads("applied")).isEqualTo(1);
  }

  /** The id of an event sent from now on (so routed by whatever routes run now). */
  private static String awaitNextEvent(List<String> sent) {
    int mark = sent.size();
    await().atMost(Duration.ofSeconds(30)).until(() -> sent.size() > mark + 2);
    return sent.get(mark + 1);
  }

  /** destination → status, for one event. */
  private Map<String, String> legs(String eventId) {
    Map<String, String> legs = new java.util.TreeMap<>();
    jdbc.queryForList(
            "SELECT destination, status FROM hub_delivery_leg WHERE event_id = ?", eventId)
        .forEach(row -> legs.put((String) row.get("destination"), (String) row.get("status")));
    return legs;
  }

  /** A count over the legs of the events sent by this test. */
  private int count(String sql, List<String> events) {
    String ids = String.join(",", events.stream().map(e -> "'" + e + "'").toList());
    String query =
        sql.contains("WHERE")
            ? sql + " AND event_id IN (" + ids + ")"
            : sql + " WHERE event_id IN (" + ids + ")";
    return jdbc.queryForObject(query, Integer.class);
  }

  private double reloads(String outcome) {
    var counter = meters.find("hub_route_reloads_total").tag("outcome", outcome).counter();
    return counter == null ? 0 : counter.count();
  }

  /**
   * The test routing file, sending test.delivery to test-http and to {@code second}, with the
   * test-audit destination (an HTTP POST to the test destination, like test-http).
   */
  private static String routing(String second) {
    return """
        # test.delivery goes to test-http and to %1$s (written by RouteReloadTest)
        - route:
            id: event-test-delivery
            routeConfigurationId: event-routing
            from:
              id: event-test-delivery-from
              uri: direct:event-test-delivery
              steps:
                - multicast:
                    id: event-test-delivery-destinations
                    steps:
                      - to:
                          id: event-test-delivery-http
                          uri: direct:test-http-deliver-event
                      - to:
                          id: event-test-delivery-second
                          uri: direct:%1$s-deliver-event
        """
            .formatted(second)
        + destinationRoute("test-http")
        + destinationRoute("test-audit");
  }

  private static String destinationRoute(String name) {
    return """
        - route:
            id: %1$s-deliver-event
            routeConfigurationId: destination-delivery
            from:
              id: %1$s-deliver-event-from
              uri: direct:%1$s-deliver-event
              steps:
                - setHeader:
                    id: %1$s-deliver-event-key
                    name: Idempotency-Key
                    simple: "${header.hubIdempotencyKey}"
                - removeHeaders:
                    id: %1$s-deliver-event-clean
                    pattern: "hub*"
                - setHeader:
                    id: %1$s-deliver-event-type
                    name: Content-Type
                    constant: application/json
                - convertBodyTo:
                    id: %1$s-deliver-event-json
                    type: java.lang.String
                - to:
                    id: %1$s-deliver-event-post
                    uri: "{{hub.test.destination-url}}"
                    parameters:
                      httpMethod: POST
                      connectTimeout: 1000
                      responseTimeout: 5000
        """
        .formatted(name);
  }

  private static void copy(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (Stream<Path> files = Files.list(from)) {
      files
          .filter(f -> f.toString().endsWith(".camel.yaml"))
          .forEach(
              f -> {
                try {
                  Files.copy(f, to.resolve(f.getFileName()));
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    }
  }
}
