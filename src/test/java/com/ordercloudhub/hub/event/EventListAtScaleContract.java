package com.ordercloudhub.hub.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.ordercloudhub.hub.support.Fixtures;
import com.ordercloudhub.hub.support.HubClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The event list with 100,000 stored events (each with a delivery leg, one in a hundred dead): the
 * database plans every filter through an index (no scan of the event table), and the API and the
 * /ops page answer the first pages. The answer times are printed, not asserted (a shared CI machine
 * is no stopwatch); the plans are what keeps them low as the table grows.
 */
abstract class EventListAtScaleContract {

  static final int EVENTS = 100_000;
  static final int SLICE = 10_000;
  static final String[] TYPES = {
    "order.submitted", "order.approved", "shipment.created", "user.updated", "address.saved"
  };
  static final String[] DESTINATIONS = {"database", "erp", "crm", "email"};

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired NamedParameterJdbcTemplate named;
  @Autowired EventStore store;
  HubClient hub;

  /** The database's plan for a query, as text. */
  abstract String plan(String sql, Map<String, Object> params);

  /** True when the plan reads the whole event table. */
  abstract boolean scansEvents(String plan);

  /** The generated series x = 0…99,999, as a FROM item with the column x. */
  abstract String series();

  /** The time x seconds before now, in the database's SQL. */
  abstract String ago();

  /**
   * INSERT … SELECT of {@link #EVENTS} events over the series: id {@code seed-<x, 31 digits>},
   * received x seconds ago, every tenth a message (message.ordersubmitted), the rest post-hooks of
   * {@link #TYPES}[x % 5]; routed, so the dispatcher leaves them alone.
   */
  String seedEvents(int from, int to) {
    return """

        INSERT INTO hub_event (id, kind, event_type, route, verb, log_id, dedupe_key,
         body_sha256, body_bytes, received_at, payload, routed_at)
        SELECT 'seed-' || LPAD(CAST(x AS VARCHAR), 31, '0'),
               CASE WHEN MOD(x, 10) = 0 THEN 'message' ELSE 'post' END,
               CASE WHEN MOD(x, 10) = 0 THEN 'message.ordersubmitted'
                    WHEN MOD(x, 5) = 0 THEN 'order.submitted'
                    WHEN MOD(x, 5) = 1 THEN 'order.approved'
                    WHEN MOD(x, 5) = 2 THEN 'shipment.created'
                    WHEN MOD(x, 5) = 3 THEN 'user.updated'
                    ELSE 'address.saved' END,
               CASE WHEN MOD(x, 10) = 0 THEN NULL ELSE 'v1/orders/{direction}/{orderID}/submit' END,
               CASE WHEN MOD(x, 10) = 0 THEN NULL ELSE 'POST' END,
               'log-' || CAST(x AS VARCHAR),
               LPAD(CAST(x AS VARCHAR), 64, '0'),
               LPAD(CAST(x AS VARCHAR), 64, 'f'),
               2048, %2$s, '{"seeded":' || CAST(x AS VARCHAR) || '}', %2$s
        FROM %1$s
        WHERE x >= %3$d AND x < %4$d
        """
        .formatted(series(), ago(), from, to);
  }

  /**
   * One leg per seeded event, to {@link #DESTINATIONS}[x % 4]; dead when x % 101 = 7 (with the
   * error "HTTP 422 from the test"), delivered otherwise.
   */
  String seedLegs(int from, int to) {
    return """

        INSERT INTO hub_delivery_leg (id, event_id, destination, status, attempts, last_error,
         idempotency_key, created_at, updated_at, delivered_at)
        SELECT 'leg-' || LPAD(CAST(x AS VARCHAR), 32, '0'),
               'seed-' || LPAD(CAST(x AS VARCHAR), 31, '0'),
               (CASE MOD(x, 4) WHEN 0 THEN 'database' WHEN 1 THEN 'erp' WHEN 2 THEN 'crm' ELSE 'email' END),
               CASE WHEN MOD(x, 101) = 7 THEN 'dead' ELSE 'delivered' END,
               1,
               CASE WHEN MOD(x, 101) = 7 THEN 'HTTP 422 from the test' END,
               'seed-' || LPAD(CAST(x AS VARCHAR), 31, '0') || ':' || (CASE MOD(x, 4) WHEN 0 THEN 'database' WHEN 1 THEN 'erp' WHEN 2 THEN 'crm' ELSE 'email' END),
               %2$s, %2$s,
               CASE WHEN MOD(x, 101) = 7 THEN NULL ELSE %2$s END
        FROM %1$s
        WHERE x >= %3$d AND x < %4$d
        """
        .formatted(series(), ago(), from, to);
  }

  /** Statistics, as a production database has them. */
  abstract void analyze();

  @BeforeEach
  void seedOnce() {
    hub = new HubClient(port);
    Integer seeded =
        jdbc.queryForObject("SELECT COUNT(*) FROM hub_event WHERE id LIKE 'seed-%'", Integer.class);
    if (seeded != null && seeded == EVENTS) {
      return;
    }
    jdbc.update("DELETE FROM hub_delivery_leg WHERE event_id LIKE 'seed-%'");
    jdbc.update("DELETE FROM hub_event WHERE id LIKE 'seed-%'");
    long t0 = System.nanoTime();
    // written by the database itself (a generated series): seconds, where row-by-row took minutes
    // in slices: one statement of 100,000 rows held the table long enough on a loaded machine that
    // the dispatcher's and the gauges' queries queued behind it and emptied the connection pool
    for (int from = 0; from < EVENTS; from += SLICE) {
      jdbc.update(seedEvents(from, from + SLICE));
      jdbc.update(seedLegs(from, from + SLICE));
    }
    analyze();
    System.out.printf(
        "%s: seeded %,d events with legs in %d ms%n",
        getClass().getSimpleName(), EVENTS, (System.nanoTime() - t0) / 1_000_000);
  }

  static String id(int i) {
    return String.format(Locale.ROOT, "seed-%031d", i);
  }

  /** The filters an operator uses, as the API takes them. */
  static final Map<String, String> FILTERS = new LinkedHashMap<>();

  static {
    FILTERS.put("newest", "");
    FILTERS.put("type", "&type=order.submitted");
    FILTERS.put("type prefix", "&type=order.*");
    FILTERS.put("kind", "&kind=message");
    FILTERS.put("dead legs", "&status=dead");
    FILTERS.put("dead legs to erp", "&status=dead&destination=erp");
    FILTERS.put("time window", "&since=2000-01-01T00:00:00Z&until=2100-01-01T00:00:00Z");
    FILTERS.put("page 20", "&page=20");
  }

  static EventQuery query(String filter) {
    return switch (filter) {
      case "newest" -> new EventQuery(null, null, null, null, 0, 50);
      case "type" -> new EventQuery("order.submitted", null, null, null, 0, 50);
      case "type prefix" -> new EventQuery("order.*", null, null, null, 0, 50);
      case "kind" -> new EventQuery(null, EventKind.MESSAGE, null, null, 0, 50);
      case "dead legs" -> new EventQuery(null, null, null, null, "dead", null, 0, 50);
      case "dead legs to erp" -> new EventQuery(null, null, null, null, "dead", "erp", 0, 50);
      case "time window" ->
          new EventQuery(
              null,
              null,
              java.time.OffsetDateTime.parse("2000-01-01T00:00:00Z"),
              java.time.OffsetDateTime.parse("2100-01-01T00:00:00Z"),
              0,
              50);
      case "page 20" -> new EventQuery(null, null, null, null, 20, 50);
      default -> throw new IllegalArgumentException(filter);
    };
  }

  @Test
  void everyFilterOfTheListIsPlannedThroughAnIndex() {
    List<String> scans = new ArrayList<>();
    for (String filter : FILTERS.keySet()) {
      EventStore.ListQuery list = store.listQuery(query(filter));
      String plan = plan(list.sql(), list.params().getValues());
      if (scansEvents(plan)) {
        scans.add(filter + ":\n" + plan);
      }
    }
    assertThat(scans).as("filters whose plan scans hub_event").isEmpty();
  }

  @Test
  void theListAndTheOpsPageAnswerWith100000EventsStored() {
    Map<String, String> figures = new LinkedHashMap<>();
    // the baseline: a trivial authenticated call (HTTP Basic checks a BCrypt hash on every call)
    List<Long> baseline = new ArrayList<>();
    for (int run = 0; run < 10; run++) {
      long t0 = System.nanoTime();
      assertThat(hub.opsGet("/actuator/info").statusCode()).isEqualTo(200);
      baseline.add((System.nanoTime() - t0) / 1_000_000);
    }
    figures.put("GET /actuator/info (baseline: login check, no query)", summary(baseline));
    for (Map.Entry<String, String> filter : FILTERS.entrySet()) {
      String path = "/api/events?size=50" + filter.getValue();
      JsonNode first = json(hub.opsGet(path));
      assertThat(first.get("items")).as(path).isNotEmpty();
      List<Long> millis = new ArrayList<>();
      for (int run = 0; run < 9; run++) {
        long t0 = System.nanoTime();
        HttpResponse<String> answer = hub.opsGet(path);
        millis.add((System.nanoTime() - t0) / 1_000_000);
        assertThat(answer.statusCode()).as(path).isEqualTo(200);
      }
      figures.put("GET " + path, summary(millis));
    }
    // what the filters find is right, not only fast
    JsonNode dead = json(hub.opsGet("/api/events?size=50&status=dead&destination=erp"));
    assertThat(dead.get("items")).hasSize(50);
    dead.get("items")
        .forEach(
            e -> {
              int i = Integer.parseInt(e.get("id").asText().substring(5));
              assertThat(i % 101).isEqualTo(7);
              assertThat(DESTINATIONS[i % DESTINATIONS.length]).isEqualTo("erp");
            });
    JsonNode newest = json(hub.opsGet("/api/events?size=50"));
    assertThat(newest.at("/items/0/id").asText()).isEqualTo(id(0));

    for (String path : List.of("/ops/events", "/ops/events?status=dead&destination=erp")) {
      assertThat(hub.opsGet(path).statusCode()).as(path).isEqualTo(200);
      List<Long> millis = new ArrayList<>();
      for (int run = 0; run < 9; run++) {
        long t0 = System.nanoTime();
        HttpResponse<String> page = hub.opsGet(path);
        millis.add((System.nanoTime() - t0) / 1_000_000);
        assertThat(page.statusCode()).isEqualTo(200);
        // the newest event; the newest dead leg to the ERP is x = 209 (209 % 101 = 7, 209 % 4 = 1)
        assertThat(page.body()).contains(id(path.contains("dead") ? 209 : 0));
      }
      figures.put("GET " + path, summary(millis));
    }
    System.out.println(getClass().getSimpleName() + ", 100,000 events, answer times:");
    figures.forEach((k, v) -> System.out.printf("  %-75s %s%n", k, v));
  }

  static String summary(List<Long> millis) {
    List<Long> sorted = millis.stream().sorted().toList();
    return "median "
        + sorted.get(sorted.size() / 2)
        + " ms, max "
        + sorted.get(sorted.size() - 1)
        + " ms";
  }

  static JsonNode json(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return Fixtures.json(response.body().getBytes(StandardCharsets.UTF_8));
  }
}
