package com.ordercloudhub.hub.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.ordercloudhub.hub.support.Fixtures;
import com.ordercloudhub.hub.support.HubClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The charts' figures over a ledger written at known times, on each database (H2 and PostgreSQL
 * subclasses): the exact count per bucket of events by type (top types, then "other"), attempts by
 * destination and outcome, pre-hook decisions and their p99, and the oldest unfinished leg's age at
 * each bucket's end; the window's edges; {@code /api/charts} behind the ops login, its bad windows
 * refused and its answer kept for the cache time; and each query read through an index.
 */
abstract class ChartsApiContract {

  /** Far before anything another test of the shared context writes (they write "now"). */
  static final Instant NOW = Instant.parse("2020-01-01T12:02:30Z");

  static final Instant SINCE = Instant.parse("2020-01-01T11:05:00Z");

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired NamedParameterJdbcTemplate named;
  @Autowired TransactionTemplate transactions;
  @Autowired FlowCharts charts;

  HubClient hub;
  ChartLedger ledger;

  @BeforeEach
  void connect() {
    hub = new HubClient(port);
    ledger = new ChartLedger(jdbc);
  }

  /** The start of bucket {@code i} of the known window (5-minute buckets from 11:05). */
  static Instant bucket(int i) {
    return SINCE.plus(Duration.ofMinutes(5L * i));
  }

  static Instant t(String hhmmss) {
    return Instant.parse("2020-01-01T" + hhmmss + "Z");
  }

  /** Twelve values, zero but where given: {@code counts(0, 3, 5, 1)} is 3 in bucket 0, 1 in 5. */
  static List<Long> counts(long... bucketAndValue) {
    List<Long> values = new ArrayList<>(Collections.nCopies(12, 0L));
    for (int i = 0; i < bucketAndValue.length; i += 2) {
      values.set((int) bucketAndValue[i], bucketAndValue[i + 1]);
    }
    return values;
  }

  /** The same settings as the hub's, with two top types and no cache. */
  FlowCharts twoTopTypes() {
    return new FlowCharts(
        named,
        Clock.systemUTC(),
        new ChartsProperties(24, 168, Duration.ofMinutes(5), 2, Duration.ZERO));
  }

  @Test
  void eachBucketCountsWhatTheLedgerHoldsForItsFiveMinutes() {
    String old = ledger.event("post", "order.submitted", t("10:00:00"));
    // events received: 3 at the first bucket's start, inside it and at its last millisecond
    ledger.event("post", "order.submitted", t("11:05:00"));
    ledger.event("post", "order.submitted", t("11:06:00"));
    ledger.event("post", "order.submitted", Instant.parse("2020-01-01T11:09:59.999Z"));
    ledger.event("post", "order.submitted", t("11:30:00"));
    ledger.event("post", "order.approved", t("11:30:00"));
    ledger.event("post", "order.approved", t("11:34:00"));
    ledger.event("post", "user.saved", t("12:01:00"));
    ledger.event("message", "message.ordersubmitted", t("12:02:00"));
    // outside the window: a millisecond before it and at its end
    ledger.event("post", "order.submitted", Instant.parse("2020-01-01T11:04:59.999Z"));
    ledger.event("post", "order.submitted", t("12:05:00"));

    // erp: retried twice then dead; another delivered. crm: delivered twice.
    String dead = ledger.leg(old, "erp", "dead", t("11:00:00"), t("11:20:30"), null);
    ledger.attempt(dead, "retry", t("11:04:00")); // before the window
    ledger.attempt(dead, "retry", t("11:10:00"));
    ledger.attempt(dead, "retry", t("11:16:00"));
    ledger.attempt(dead, "dead", t("11:20:30"));
    String second = ledger.event("post", "order.approved", t("10:00:01"));
    String delivered =
        ledger.leg(second, "erp", "delivered", t("11:25:00"), t("11:31:00"), t("11:31:00"));
    ledger.attempt(delivered, "delivered", t("11:31:00"));
    // delivered at 11:06 (its updated_at later: that is not when it was finished)
    String crm = ledger.leg(old, "crm", "delivered", t("10:00:00"), t("11:50:00"), t("11:06:00"));
    ledger.attempt(crm, "delivered", t("11:06:00"));
    String third = ledger.event("post", "order.shipped", t("10:00:02"));
    String late =
        ledger.leg(third, "crm", "delivered", t("12:04:00"), t("12:04:59"), t("12:04:59"));
    ledger.attempt(late, "delivered", t("12:04:59"));
    // still to deliver since 11:40; held 11:33..11:44; skipped at once (never open)
    ledger.leg(third, "erp", "pending", t("11:40:00"), t("11:40:00"), null);
    ledger.leg(second, "crm", "held", t("11:33:00"), t("11:44:00"), null);
    ledger.leg(third, "database", "skipped", t("11:00:00"), t("11:00:00"), null);

    // pre-hook decisions: 100 in bucket 2 taking 1..100 ms (3 refused), one in bucket 7
    String pre = ledger.event("pre", "order.submitting", t("10:00:03"));
    for (int ms = 1; ms <= 100; ms++) {
      ledger.decision(pre, ms > 3, ms, t("11:15:00").plusMillis(ms));
    }
    ledger.decision(pre, false, 42, t("11:44:59"));

    FlowChart chart = twoTopTypes().compute(NOW, 1);

    assertThat(chart.since()).isEqualTo(SINCE);
    assertThat(chart.until()).isEqualTo(t("12:05:00"));
    assertThat(chart.stepSeconds()).isEqualTo(300);
    assertThat(chart.buckets())
        .isEqualTo(IntStream.range(0, 12).mapToObj(ChartsApiContract::bucket).toList());
    assertThat(chart.events())
        .containsExactly(
            new FlowChart.TypeSeries("order.submitted", 4, counts(0, 3, 5, 1)),
            new FlowChart.TypeSeries("order.approved", 2, counts(5, 2)),
            new FlowChart.TypeSeries(FlowCharts.OTHER, 2, counts(11, 2)));
    assertThat(chart.deliveries())
        .containsExactly(
            new FlowChart.DestinationSeries("crm", counts(0, 1, 11, 1), counts(), counts()),
            new FlowChart.DestinationSeries("erp", counts(5, 1), counts(1, 1, 2, 1), counts(3, 1)));
    assertThat(chart.preHooks().proceed()).isEqualTo(counts(2, 97));
    assertThat(chart.preHooks().refused()).isEqualTo(counts(2, 3, 7, 1));
    List<Long> p99 = new ArrayList<>(Collections.nCopies(12, (Long) null));
    p99.set(2, 99L); // nearest rank: 99 of 1..100
    p99.set(7, 42L);
    assertThat(chart.preHooks().p99Ms()).isEqualTo(p99);
    // at 11:10, 11:15, 11:20 the dead-to-be leg (since 11:00); at 11:25 nothing; at 11:30 the
    // delivered one (since 11:25); 11:35, 11:40 the held one (since 11:33); then the pending one
    // (since 11:40), the last bucket's age counted at now (12:02:30)
    assertThat(chart.oldestLeg().ageSeconds())
        .containsExactly(600L, 900L, 1200L, 0L, 300L, 120L, 420L, 300L, 600L, 900L, 1200L, 1350L);

    // the hub's own settings (eight top types): every type on its own, no "other"
    assertThat(charts.compute(NOW, 1).events())
        .extracting(FlowChart.TypeSeries::type)
        .containsExactly(
            "order.submitted", "order.approved", "message.ordersubmitted", "user.saved");
  }

  @Test
  void theApiAnswersTheOpsLoginWithTheDefaultWindowAndRefusesBadOnes() {
    charts.forget();
    HttpResponse<String> answer = hub.opsGet("/api/charts");

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    JsonNode body = Fixtures.json(answer.body().getBytes(StandardCharsets.UTF_8));
    assertThat(body.path("hours").asInt()).isEqualTo(24);
    assertThat(body.path("stepSeconds").asInt()).isEqualTo(300);
    assertThat(body.path("buckets")).hasSize(288);
    Instant until = Instant.parse(body.path("until").asText());
    assertThat(until.getEpochSecond() % 300).isZero();
    assertThat(Instant.parse(body.path("since").asText()))
        .isEqualTo(until.minus(Duration.ofHours(24)));
    assertThat(body.path("oldestLeg").path("ageSeconds")).hasSize(288);

    assertThat(hub.opsGet("/api/charts?hours=2").body()).contains("\"hours\":2");
    for (String bad : List.of("0", "169", "-1", "abc", "1.5", "99999999999")) {
      HttpResponse<String> refused = hub.opsGet("/api/charts?hours=" + bad);
      assertThat(refused.statusCode()).as(bad).isEqualTo(400);
      assertThat(refused.body()).as(bad).contains("invalid_parameter", "hours must be");
    }
    assertThat(hub.get("/api/charts").statusCode()).isEqualTo(401);
  }

  @Test
  void anAnswerIsKeptForTheCacheTimeSoReloadingDoesNotReadTheLedgerEachTime() {
    charts.forget();
    FlowChart first = charts.chart(1);
    ledger.event("post", "charts.cached", Instant.now());

    assertThat(charts.chart(1)).isSameAs(first);
    assertThat(hub.opsGet("/api/charts?hours=1").body()).doesNotContain("charts.cached");

    charts.forget();
    assertThat(hub.opsGet("/api/charts?hours=1").body()).contains("charts.cached");
  }

  @Test
  void everyQueryReadsItsTimeRangeThroughAnIndex() {
    Map<String, String> indexes =
        Map.of(
            FlowCharts.EVENTS_SQL, "ix_hub_event_received",
            FlowCharts.ATTEMPTS_SQL, "ix_hub_delivery_attempt_started",
            FlowCharts.DECISIONS_SQL, "ix_hub_prehook_decision_decided",
            FlowCharts.FINISHED_LEGS_SQL, "ix_hub_delivery_leg_updated",
            FlowCharts.OPEN_LEGS_SQL, "ix_hub_delivery_leg_status");
    FlowCharts.Window window = new FlowCharts.Window(SINCE, t("12:05:00"), 300, 12);
    indexes.forEach(
        (sql, index) -> {
          String plan =
              transactions.execute(
                  status -> {
                    preferIndexes(jdbc);
                    return String.join(
                        "\n",
                        named.queryForList(
                            "EXPLAIN " + sql,
                            window
                                .params()
                                .addValue(
                                    "first_end",
                                    OffsetDateTime.ofInstant(window.end(0), ZoneOffset.UTC)),
                            String.class));
                  });
          assertThat(plan.toLowerCase()).as(sql).contains(index);
        });
  }

  /**
   * Makes the planner show an index it would use on a large table (a handful of test rows is read
   * faster by a scan).
   */
  abstract void preferIndexes(JdbcTemplate jdbc);
}
