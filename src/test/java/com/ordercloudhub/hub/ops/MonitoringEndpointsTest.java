package com.ordercloudhub.hub.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.ordercloudhub.hub.support.DeliveryTest;
import com.ordercloudhub.hub.support.Fixtures;
import com.ordercloudhub.hub.support.HubClient;
import com.ordercloudhub.hub.support.Payloads;
import com.ordercloudhub.hub.support.TestDestination;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.HealthContributorRegistry;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The monitoring side: who may reach it, what Jolokia refuses, and what Prometheus is told after a
 * small flow through the hub (a delivered leg, a dead leg, a pre-hook, a message).
 */
@DeliveryTest
class MonitoringEndpointsTest {

  static final TestDestination destination = TestDestination.start();

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired DataSource dataSource;
  @Autowired HealthContributorRegistry healthContributors;
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
    destination.answer(TestDestination.ACCEPT);
  }

  private String origin() {
    return "http://127.0.0.1:" + port;
  }

  private HttpResponse<String> jolokia(String origin, String request) {
    return hub.send(
        HttpRequest.newBuilder(hub.uri("/actuator/jolokia"))
            .header("Authorization", HubClient.basic(HubClient.OPS_USER, HubClient.OPS_PASSWORD))
            .header("Content-Type", "application/json")
            .header("Origin", origin)
            .POST(HttpRequest.BodyPublishers.ofString(request))
            .build());
  }

  private static JsonNode json(HttpResponse<String> response) {
    return Fixtures.json(response.body().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Health answers from the checks' last results: with every database connection taken (as a flood
   * of post-hooks can), readiness still answers 200 at once instead of waiting the pool's 3 s
   * connection timeout and reporting the database DOWN.
   */
  @Test
  void healthAnswersAtOnceWhileEveryDatabaseConnectionIsTaken() throws Exception {
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> assertThat(hub.get("/actuator/health/readiness").statusCode()).isEqualTo(200));
    // the checks that touch shared resources (Camel's run every route's check) answer from
    // snapshots
    for (String name :
        List.of("db", "camelHealth", "camelReadinessState", "camelLivenessState", "diskSpace")) {
      assertThat(healthContributors.getContributor(name))
          .as(name)
          .isInstanceOf(HealthSnapshots.Snapshot.class);
    }
    assertThat(healthContributors.getContributor("door"))
        .isNotInstanceOf(HealthSnapshots.Snapshot.class);
    HikariDataSource pool = (HikariDataSource) dataSource;
    List<Connection> taken = new ArrayList<>();
    try {
      for (int i = 0; i < pool.getMaximumPoolSize(); i++) {
        taken.add(pool.getConnection());
      }
      long started = System.nanoTime();
      HttpResponse<String> ready = hub.opsGet("/actuator/health/readiness");
      Duration took = Duration.ofNanos(System.nanoTime() - started);

      assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
      assertThat(ready.body()).contains("\"db\":{\"status\":\"UP\"");
      assertThat(took).isLessThan(Duration.ofMillis(pool.getConnectionTimeout()));
    } finally {
      for (Connection connection : taken) {
        connection.close();
      }
    }
  }

  @Test
  void withoutTheOpsLoginEveryMonitoringAndOperationsPathIsRefused() {
    for (String path :
        List.of(
            "/ops",
            "/ops/events",
            "/api/events",
            "/api/events/any",
            "/actuator/hawtio/",
            "/actuator/hawtio/camel/routes",
            "/actuator/jolokia",
            "/actuator/prometheus")) {
      HttpResponse<String> answer = hub.get(path);
      assertThat(answer.statusCode()).as(path).isIn(401, 302);
      if (answer.statusCode() == 302) {
        assertThat(answer.headers().firstValue("Location"))
            .as(path)
            .hasValueSatisfying(location -> assertThat(location).endsWith("/login"));
      }
      assertThat(answer.body()).as(path).doesNotContain("inbound-receive", "hub_events");
    }
    // a browser is sent to the login form
    HttpResponse<String> browser =
        hub.send(
            HttpRequest.newBuilder(hub.uri("/ops/events")).header("Accept", "text/html").build());
    assertThat(browser.statusCode()).isEqualTo(302);
    assertThat(browser.headers().firstValue("Location")).hasValue(origin() + "/login");
    // a POST without login (and without a CSRF token) replays nothing
    HttpResponse<String> replay =
        hub.send(
            HttpRequest.newBuilder(hub.uri("/ops/deliveries/replay"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
    assertThat(replay.statusCode()).isIn(401, 403);
  }

  @Test
  void jolokiaAnswersHawtiosCamelReadsButRefusesProxyForeignOriginsAndOtherMBeans() {
    HttpResponse<String> routes =
        jolokia(
            origin(),
            "{\"type\":\"read\",\"mbean\":\"org.apache.camel:context=*,type=routes,name=*\","
                + "\"attribute\":\"RouteId\"}");
    assertThat(routes.statusCode()).isEqualTo(200);
    assertThat(json(routes).get("status").asInt()).isEqualTo(200);
    assertThat(routes.body()).contains("inbound-receive-post-hook", "event-order-submitted");

    // proxy mode: a request naming a remote target never reaches Jolokia
    HttpResponse<String> proxy =
        jolokia(
            origin(),
            "{\"type\":\"read\",\"mbean\":\"java.lang:type=Memory\",\"attribute\":\"HeapMemoryUsage\","
                + "\"target\":{\"url\":\"service:jmx:rmi:///jndi/rmi://127.0.0.1:9/jmxrmi\"}}");
    assertThat(proxy.statusCode()).isEqualTo(403);
    assertThat(proxy.body()).contains("proxy_refused");
    HttpResponse<String> proxyByQuery =
        hub.opsGet("/actuator/jolokia/read/java.lang:type=Memory?target=service:jmx:rmi:x");
    assertThat(proxyByQuery.statusCode()).isEqualTo(403);

    // outside the allowed list: Jolokia answers with a 403 status in its JSON
    JsonNode diagnostics =
        json(
            jolokia(
                origin(),
                "{\"type\":\"read\",\"mbean\":\"com.sun.management:type=HotSpotDiagnostic\","
                    + "\"attribute\":\"DiagnosticOptions\"}"));
    assertThat(diagnostics.get("status").asInt()).isEqualTo(403);
    JsonNode gc =
        json(
            jolokia(
                origin(),
                "{\"type\":\"exec\",\"mbean\":\"java.lang:type=Memory\",\"operation\":\"gc\"}"));
    assertThat(gc.get("status").asInt()).isEqualTo(403);
    JsonNode logging =
        json(
            jolokia(
                origin(),
                "{\"type\":\"write\",\"mbean\":\"java.lang:type=Memory\",\"attribute\":\"Verbose\","
                    + "\"value\":true}"));
    assertThat(logging.get("status").asInt()).isEqualTo(403);

    // strict origin checking: a page elsewhere cannot use the operator's browser session
    HttpResponse<String> foreign =
        jolokia(
            "https://attacker.example",
            "{\"type\":\"read\",\"mbean\":\"org.apache.camel:context=*,type=routes,name=*\","
                + "\"attribute\":\"RouteId\"}");
    assertThat(foreign.body()).doesNotContain("inbound-receive-post-hook");
    assertThat(foreign.statusCode() == 403 || json(foreign).get("status").asInt() == 403)
        .as(foreign.body())
        .isTrue();
  }

  @Test
  void prometheusListsEachOfTheHubsMetricsAfterASmallFlow() throws Exception {
    // a delivered leg, a dead leg, a pre-hook decision and a message
    String delivered = UUID.randomUUID().toString();
    assertThat(
            hub.signed(
                    "/webhooks/ordercloud/post",
                    Payloads.webhook("v1/test/deliveries", "POST", delivered))
                .statusCode())
        .isEqualTo(202);
    await().atMost(Duration.ofSeconds(20)).until(() -> !destination.received().isEmpty());
    destination.answer(key -> 422);
    String dead = UUID.randomUUID().toString();
    String deadEvent =
        json(hub.signed(
                "/webhooks/ordercloud/post", Payloads.webhook("v1/test/deliveries", "POST", dead)))
            .get("eventId")
            .asText();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                jdbc.queryForList(
                        "SELECT status FROM hub_delivery_leg WHERE event_id = ?",
                        String.class,
                        deadEvent)
                    .equals(List.of("dead")));
    assertThat(
            hub.signed("/webhooks/ordercloud/pre", Payloads.fresh(Fixtures.PRE_ADDRESS_SAVE))
                .statusCode())
        .isEqualTo(200);
    assertThat(
            hub.signed(
                    "/webhooks/ordercloud/messages",
                    Payloads.fresh(Fixtures.MESSAGE_ORDER_SUBMITTED))
                .statusCode())
        .isEqualTo(202);

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              HttpResponse<String> scrape = hub.opsGet("/actuator/prometheus");
              assertThat(scrape.statusCode()).isEqualTo(200);
              assertThat(scrape.body())
                  .contains(
                      "hub_events_received_total{kind=\"post\",type=\"test.delivery\"}",
                      "hub_events_received_total{kind=\"message\",type=\"message.ordersubmitted\"}",
                      "hub_delivery_attempts_seconds_count{destination=\"test-http\","
                          + "outcome=\"delivered\"}",
                      "hub_delivery_attempts_seconds_count{destination=\"test-http\","
                          + "outcome=\"dead\"}",
                      "hub_delivery_legs{",
                      "hub_delivery_dead_legs ",
                      "hub_delivery_oldest_due_seconds ",
                      "hub_prehook_decisions_total{event=\"address.saved\",outcome=\"proceed\"}",
                      "hub_prehook_latency_seconds_bucket{event=\"address.saved\"",
                      // Camel's own route metrics, by route id
                      "routeId=\"inbound-receive-post-hook\"",
                      "routeId=\"event-test-delivery\"");
              assertThat(scrape.body()).containsPattern("(?m)^hub_delivery_dead_legs [1-9]");
            });
    // every metric the Grafana dashboard charts is one the hub exports
    String scrape = hub.opsGet("/actuator/prometheus").body();
    assertThat(dashboardMetrics()).isNotEmpty().allSatisfy(m -> assertThat(scrape).contains(m));

    // the dead leg's destination is failing: readiness says DEGRADED, and stays 200 (in rotation)
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              HttpResponse<String> ready = hub.opsGet("/actuator/health/readiness");
              assertThat(ready.statusCode()).isEqualTo(200);
              JsonNode components = json(ready).get("components");
              assertThat(components.at("/destinations/status").asText()).isEqualTo("DEGRADED");
              assertThat(components.at("/destinations/details/test-http/failing").asBoolean())
                  .isTrue();
              assertThat(components.at("/db/status").asText()).isEqualTo("UP");
              assertThat(components.at("/dispatcher/status").asText()).isEqualTo("UP");
            });
  }

  /** The metric names in the dashboard's queries (monitoring/grafana-dashboard.json). */
  static Set<String> dashboardMetrics() throws IOException {
    JsonNode dashboard =
        Fixtures.json(Files.readAllBytes(Path.of("monitoring", "grafana-dashboard.json")));
    Set<String> names = new TreeSet<>();
    Pattern metric = Pattern.compile("([a-z_]+)\\{job=");
    for (JsonNode panel : dashboard.get("panels")) {
      for (JsonNode target : panel.path("targets")) {
        Matcher m = metric.matcher(target.get("expr").asText());
        while (m.find()) {
          names.add(m.group(1));
        }
      }
    }
    return names;
  }
}
