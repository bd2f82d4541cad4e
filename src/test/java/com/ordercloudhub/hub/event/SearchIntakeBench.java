package com.ordercloudhub.hub.event;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ordercloudhub.hub.support.Webhooks;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/**
 * What search's fields cost intake (issue 19), for bench/search.sh only (not a test: no surefire
 * pattern matches the names of {@link SearchIntakeH2Bench} and {@link SearchIntakePostgresBench},
 * and it asserts nothing): order.submitted rows committed through {@link GroupCommit} from THREADS
 * callers at once, rounds with their fields and without alternating, on H2 and on PostgreSQL; and
 * the CPU of reading the fields from a parsed payload. Prints figures.
 */
abstract class SearchIntakeBench {

  static final int THREADS = 16;
  static final int EVENTS = Integer.getInteger("search.intake.events", 4_000);
  static final int ROUNDS = 3;

  @Autowired GroupCommit commits;

  GroupCommit.Row row(ObjectNode payload, boolean withFields) {
    String id = EventIds.next(java.time.Clock.systemUTC());
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    String key = "order:" + payload.at("/Response/Body/ID").asText();
    MapSqlParameterSource params =
        new MapSqlParameterSource()
            .addValue("id", id)
            .addValue("kind", "post")
            .addValue("eventType", "order.submitted")
            .addValue("route", "v1/orders/{direction}/{orderID}/submit")
            .addValue("verb", "POST")
            .addValue("logId", UUID.randomUUID().toString())
            .addValue("messageType", null)
            .addValue("ocLogId", null)
            .addValue("recipient", null)
            .addValue("dedupeKey", UUID.randomUUID().toString())
            .addValue("bodySha256", "0".repeat(64))
            .addValue("bodyBytes", 2048)
            .addValue("occurredAt", now)
            .addValue("receivedAt", now)
            .addValue("dispatchDueAt", null)
            .addValue("businessKey", key)
            .addValue("payload", payload.toString())
            .addValue("origin", "webhook")
            .addValue("sealedSecrets", null);
    return new GroupCommit.Row(
        id,
        params.getValue("dedupeKey").toString(),
        "order.submitted",
        now,
        params,
        withFields ? EventFields.of("order.submitted", key, payload) : List.of());
  }

  double round(boolean withFields) throws Exception {
    List<GroupCommit.Row> rows = new ArrayList<>();
    for (int i = 0; i < EVENTS; i++) {
      rows.add(row(Webhooks.orderSubmitted("SO-bench-" + UUID.randomUUID()), withFields));
    }
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      long t0 = System.nanoTime();
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int from = t;
        done.add(
            pool.submit(
                () -> {
                  for (int i = from; i < rows.size(); i += THREADS) {
                    GroupCommit.Outcome outcome = commits.commit(rows.get(i));
                    if (outcome.failure() != null) {
                      throw outcome.failure();
                    }
                  }
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
      return EVENTS / ((System.nanoTime() - t0) / 1e9);
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void intakeWithAndWithoutFields() throws Exception {
    round(true); // warm-up
    round(false);
    List<Double> with = new ArrayList<>();
    List<Double> without = new ArrayList<>();
    for (int r = 0; r < ROUNDS; r++) {
      without.add(round(false));
      with.add(round(true));
    }
    ObjectNode payload = Webhooks.orderSubmitted("SO-cpu");
    int n = 200_000;
    long t0 = System.nanoTime();
    int found = 0;
    for (int i = 0; i < n; i++) {
      found += EventFields.of("order.submitted", "order:SO-cpu", payload).size();
    }
    double cpu = (System.nanoTime() - t0) / 1e3 / n;
    System.out.printf(
        Locale.ROOT,
        "SearchIntakeBench, %s: %,d order.submitted events per round from %d threads through"
            + " the group commit, events/s by round:%n  without fields %s%n  with fields    %s"
            + "%n  median %.0f vs %.0f events/s (%+.1f%%); reading the fields: %.2f µs per event"
            + " (%d fields)%n",
        getClass().getSimpleName().replace("SearchIntake", "").replace("Bench", ""),
        EVENTS,
        THREADS,
        format(without),
        format(with),
        median(without),
        median(with),
        (median(with) / median(without) - 1) * 100,
        cpu,
        found / n);
  }

  static double median(List<Double> values) {
    return values.stream().sorted().toList().get(values.size() / 2);
  }

  static String format(List<Double> values) {
    return values.stream().map(v -> String.format(Locale.ROOT, "%.0f", v)).toList().toString();
  }
}
