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
import java.util.Random;
import java.util.function.IntFunction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Search at 100,000 stored events (with about 420,000 fields: 20,000 orders of five events, 2,000
 * users and their e-mails, a shipment on every fifth event): every query of a search and of an
 * order's or user's page is planned through an index (no scan of hub_event or hub_event_field), and
 * the finders find the right events. The answer times are printed, not asserted (a shared CI
 * machine is no stopwatch); {@code bench/search.sh} runs this with more queries ({@code
 * -Dsearch.queries=200}) and prints the same figures and plans.
 */
abstract class SearchAtScaleContract {

  static final int EVENTS = 100_000;
  static final int SLICE = 10_000;
  static final int QUERIES = Integer.getInteger("search.queries", 20);

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired NamedParameterJdbcTemplate named;
  HubClient hub;

  /** The database's plan for a query, as text. */
  abstract String plan(String sql, Map<String, Object> params);

  /** True when the plan reads a whole table of events or fields. */
  abstract boolean scans(String plan);

  /** The generated series x = 0…99,999, as a FROM item with the column x. */
  abstract String series();

  /** The time x seconds before now, in the database's SQL. */
  abstract String ago();

  abstract void analyze();

  static String id(int x) {
    return String.format(Locale.ROOT, "srch-%031d", x);
  }

  private String events(int from, int to) {
    return """
        INSERT INTO hub_event (id, kind, event_type, log_id, oc_log_id, dedupe_key, body_sha256,
         body_bytes, received_at, payload, routed_at, business_key)
        SELECT 'srch-' || LPAD(CAST(x AS VARCHAR), 31, '0'),
               CASE WHEN MOD(x, 10) = 0 THEN 'message' ELSE 'post' END,
               CASE WHEN MOD(x, 10) = 0 THEN 'message.ordersubmitted'
                    WHEN MOD(x, 5) = 1 THEN 'shipment.updated' ELSE 'order.submitted' END,
               CASE WHEN MOD(x, 10) = 0 THEN NULL ELSE 'slog-' || CAST(x AS VARCHAR) END,
               CASE WHEN MOD(x, 10) = 0 THEN 'socl-' || CAST(x AS VARCHAR) END,
               'srch' || LPAD(CAST(x AS VARCHAR), 60, '0'),
               LPAD(CAST(x AS VARCHAR), 64, 'e'),
               2048, %2$s, '{}', %2$s,
               'order:SO-' || CAST(x / 5 AS VARCHAR)
        FROM %1$s WHERE x >= %3$d AND x < %4$d
        """
        .formatted(series(), ago(), from, to);
  }

  /** One field of each seeded event: {@code value} an SQL expression of x, or null to skip it. */
  private String fields(int from, int to, String name, String value, String where, boolean key) {
    return """
        INSERT INTO hub_event_field (event_id, name, field_value, value_key)
        SELECT 'srch-' || LPAD(CAST(x AS VARCHAR), 31, '0'), '%5$s', %6$s, %7$s
        FROM %1$s WHERE x >= %3$d AND x < %4$d AND %8$s
        """
        .formatted(
            series(), ago(), from, to, name, value, key ? "LOWER(" + value + ")" : "NULL", where);
  }

  @BeforeEach
  void seedOnce() {
    hub = new HubClient(port);
    Integer seeded =
        jdbc.queryForObject("SELECT COUNT(*) FROM hub_event WHERE id LIKE 'srch-%'", Integer.class);
    if (seeded != null && seeded == EVENTS) {
      return;
    }
    jdbc.update("DELETE FROM hub_event_field WHERE event_id LIKE 'srch-%'");
    jdbc.update("DELETE FROM hub_event WHERE id LIKE 'srch-%'");
    long t0 = System.nanoTime();
    for (int from = 0; from < EVENTS; from += SLICE) {
      int to = from + SLICE;
      jdbc.update(events(from, to));
      jdbc.update(fields(from, to, "order", "'SO-' || CAST(x / 5 AS VARCHAR)", "1 = 1", true));
      jdbc.update(fields(from, to, "user", "'U-' || CAST(x / 50 AS VARCHAR)", "1 = 1", true));
      jdbc.update(
          fields(
              from,
              to,
              "email",
              "'User' || CAST(x / 50 AS VARCHAR) || '@Example.com'",
              "1 = 1",
              true));
      jdbc.update(
          fields(from, to, "shipment", "'SH-' || CAST(x AS VARCHAR)", "MOD(x, 5) = 1", true));
      jdbc.update(fields(from, to, "buyer", "'B' || CAST(MOD(x, 20) AS VARCHAR)", "1 = 1", false));
    }
    analyze();
    System.out.printf(
        "%s: seeded %,d events with their fields in %d ms%n",
        getClass().getSimpleName(), EVENTS, (System.nanoTime() - t0) / 1_000_000);
  }

  /** Every query a search, an order's page and a user's page make, by what they are for. */
  static Map<String, EventSearch.Query> queries() {
    Map<String, EventSearch.Query> queries = new LinkedHashMap<>();
    queries.put("search: field (order, user, e-mail, …)", EventSearch.byField("so-777", 200));
    queries.put("search: event ID", EventSearch.byColumn("id", id(3885), 200));
    queries.put("search: LogID", EventSearch.byColumn("log_id", "slog-3885", 200));
    queries.put("search: OcLogIdHeader", EventSearch.byColumn("oc_log_id", "socl-3880", 200));
    queries.put("order page: its events", EventSearch.ofKey("order:SO-777", 201));
    queries.put("user page: its events", EventSearch.ofField("user", "U-77", 201));
    return queries;
  }

  @Test
  void everySearchQueryIsPlannedThroughAnIndex() {
    List<String> scans = new ArrayList<>();
    StringBuilder plans = new StringBuilder();
    for (Map.Entry<String, EventSearch.Query> query : queries().entrySet()) {
      String plan = plan(query.getValue().sql(), query.getValue().params().getValues());
      plans.append("  ").append(query.getKey()).append(":\n    ");
      plans.append(plan.replace("\n", "\n    ")).append('\n');
      if (scans(plan)) {
        scans.add(query.getKey() + ":\n" + plan);
      }
    }
    String fieldsOf =
        plan(
            "SELECT event_id, name, field_value FROM hub_event_field WHERE event_id IN (:ids)",
            Map.of("ids", List.of(id(1), id(2), id(3))));
    plans
        .append("  list page: fields of its events:\n    ")
        .append(fieldsOf.replace("\n", "\n    "));
    if (scans(fieldsOf)) {
      scans.add("fields of a page:\n" + fieldsOf);
    }
    System.out.println(getClass().getSimpleName() + ", 100,000 events, EXPLAIN:\n" + plans);
    assertThat(scans).as("queries whose plan scans a table").isEmpty();
  }

  @Test
  void searchesFindTheRightEventsAndTheirTimesArePrinted() {
    // what each finder finds is right, not only fast
    JsonNode order = json(hub.opsGet("/api/search?q=so-777")).get("matches");
    assertThat(order).hasSize(1);
    assertThat(order.at("/0/link").asText()).isEqualTo("/ops/orders/SO-777");
    assertThat(order.at("/0/events").asInt()).isEqualTo(5);
    JsonNode email = json(hub.opsGet("/api/search?q=USER77@example.COM")).get("matches");
    assertThat(email.at("/0/match").asText()).isEqualTo("email");
    assertThat(email.at("/0/events").asInt()).isEqualTo(50);
    JsonNode story = json(hub.opsGet("/api/orders/SO-777"));
    assertThat(story.get("events").findValuesAsText("id"))
        .containsExactly(id(3889), id(3888), id(3887), id(3886), id(3885)); // x seconds ago

    Random random = new Random(19);
    Map<String, IntFunction<String>> kinds = new LinkedHashMap<>();
    kinds.put("order ID", i -> "SO-" + random.nextInt(EVENTS / 5));
    kinds.put("shipment ID", i -> "SH-" + (random.nextInt(EVENTS / 5) * 5 + 1));
    kinds.put("user ID", i -> "u-" + random.nextInt(EVENTS / 50));
    kinds.put("e-mail", i -> "user" + random.nextInt(EVENTS / 50) + "@example.com");
    kinds.put("LogID", i -> "slog-" + (random.nextInt(EVENTS / 10) * 10 + 3));
    kinds.put("event ID", i -> id(random.nextInt(EVENTS)));
    kinds.put("nothing", i -> "nothing-" + i);
    Map<String, String> figures = new LinkedHashMap<>();
    figures.put("GET /actuator/info (baseline: login check, no query)", time(i -> "", true));
    kinds.forEach(
        (kind, q) -> {
          figures.put("GET /api/search?q=<" + kind + ">", time(q, false));
          figures.put("  its queries alone (no HTTP, no login): " + kind, direct(q));
        });
    figures.put(
        "GET /api/orders/<order ID>",
        timeOf(i -> hub.opsGet("/api/orders/SO-" + random.nextInt(EVENTS / 5))));
    figures.put(
        "GET /ops/orders/<order ID>",
        timeOf(i -> hub.opsGet("/ops/orders/SO-" + random.nextInt(EVENTS / 5))));
    figures.put(
        "GET /api/users/<user ID>",
        timeOf(i -> hub.opsGet("/api/users/U-" + random.nextInt(EVENTS / 50))));
    System.out.printf(
        "%s, 100,000 events, %d queries of each kind, p50 / p99 / max:%n",
        getClass().getSimpleName(), QUERIES);
    figures.forEach((k, v) -> System.out.printf("  %-60s %s%n", k, v));
  }

  @Autowired EventSearch search;

  private String direct(IntFunction<String> q) {
    List<Long> micros = new ArrayList<>();
    for (int i = 0; i < QUERIES; i++) {
      String text = q.apply(i);
      long t0 = System.nanoTime();
      search.search(text, 200);
      micros.add((System.nanoTime() - t0) / 1_000);
    }
    return percentiles(micros);
  }

  private String time(IntFunction<String> q, boolean baseline) {
    return timeOf(
        i ->
            baseline
                ? hub.opsGet("/actuator/info")
                : hub.opsGet(
                    "/api/search?q="
                        + java.net.URLEncoder.encode(q.apply(i), StandardCharsets.UTF_8)));
  }

  private String timeOf(IntFunction<HttpResponse<String>> call) {
    List<Long> micros = new ArrayList<>();
    for (int i = 0; i < QUERIES; i++) {
      long t0 = System.nanoTime();
      HttpResponse<String> answer = call.apply(i);
      micros.add((System.nanoTime() - t0) / 1_000);
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }
    return percentiles(micros);
  }

  static String percentiles(List<Long> micros) {
    List<Long> sorted = micros.stream().sorted().toList();
    return String.format(
        Locale.ROOT,
        "%.2f / %.2f / %.2f ms",
        sorted.get(sorted.size() / 2) / 1000.0,
        sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * 0.99) - 1)) / 1000.0,
        sorted.get(sorted.size() - 1) / 1000.0);
  }

  static JsonNode json(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return Fixtures.json(response.body().getBytes(StandardCharsets.UTF_8));
  }
}
