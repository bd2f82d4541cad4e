package com.ordercloudhub.hub.ops;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * How traffic moved over the last hours, per bucket of {@code hub.ops.charts.step}, from the
 * ledger: events received by type, delivery attempts per destination and outcome, pre-hook
 * decisions and their latency p99, and the age of the oldest unfinished leg. Every figure is
 * aggregated in SQL (GROUP BY a bucket number computed from the epoch seconds, the same on H2 and
 * PostgreSQL) over an indexed time range; an answer is kept for {@code hub.ops.charts.cache}, and
 * only one is computed at a time, so a page reloaded in a loop reads the ledger once per period.
 */
@Component
class FlowCharts {

  /** The series that adds up the event types beyond the top ones. */
  static final String OTHER = "other";

  private final NamedParameterJdbcTemplate jdbc;
  private final Clock clock;
  private final ChartsProperties settings;
  private final Map<Integer, FlowChart> cached = new HashMap<>();

  FlowCharts(NamedParameterJdbcTemplate jdbc, Clock clock, ChartsProperties settings) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.settings = settings;
  }

  ChartsProperties settings() {
    return settings;
  }

  /** The last {@code hours} up to the end of the current bucket, at most {@code cache} old. */
  synchronized FlowChart chart(int hours) {
    if (hours < 1 || hours > settings.maxHours()) {
      throw new IllegalArgumentException("hours must be between 1 and " + settings.maxHours());
    }
    Instant now = clock.instant();
    FlowChart kept = cached.get(hours);
    if (kept != null
        && !now.isBefore(kept.computedAt())
        && now.isBefore(kept.computedAt().plus(settings.cache()))) {
      return kept;
    }
    FlowChart fresh = compute(now, hours);
    if (!settings.cache().isZero()) {
      cached.put(hours, fresh);
    }
    return fresh;
  }

  /** Forgets the kept answers (tests that change the ledger between two reads). */
  synchronized void forget() {
    cached.clear();
  }

  /**
   * The window of {@code hours} that ends with the bucket holding {@code now}, read from the
   * ledger.
   */
  FlowChart compute(Instant now, int hours) {
    long step = settings.step().toSeconds();
    Instant until = Instant.ofEpochSecond(Math.floorDiv(now.getEpochSecond(), step) * step + step);
    int buckets = (int) (Duration.ofHours(hours).toSeconds() / step);
    Instant since = until.minusSeconds(buckets * step);
    Window window = new Window(since, until, step, buckets);
    List<Instant> starts = new ArrayList<>(buckets);
    for (int i = 0; i < buckets; i++) {
      starts.add(window.start(i));
    }
    return new FlowChart(
        since,
        until,
        hours,
        step,
        now,
        starts,
        events(window),
        deliveries(window),
        preHooks(window),
        oldestLeg(window, now));
  }

  /** Buckets {@code [since + i·step, since + (i+1)·step)}, {@code i} in {@code 0..buckets-1}. */
  record Window(Instant since, Instant until, long step, int buckets) {

    Instant start(int bucket) {
      return since.plusSeconds(bucket * step);
    }

    Instant end(int bucket) {
      return start(bucket + 1);
    }

    /** The bucket number of a time column, portable: epoch seconds on H2 and PostgreSQL alike. */
    static String bucketOf(String column) {
      // whole seconds first (FLOOR, exact on both), then integer division: a NUMERIC quotient is
      // rounded to its dividend's scale on H2, which would put 11:34 in the 11:35 bucket
      return "CAST((CAST(FLOOR(EXTRACT(EPOCH FROM "
          + column
          + ")) AS BIGINT) - :since_epoch) / :step AS INTEGER)";
    }

    MapSqlParameterSource params() {
      return new MapSqlParameterSource()
          .addValue("since", OffsetDateTime.ofInstant(since, java.time.ZoneOffset.UTC))
          .addValue("until", OffsetDateTime.ofInstant(until, java.time.ZoneOffset.UTC))
          .addValue("since_epoch", since.getEpochSecond())
          .addValue("step", step);
    }

    boolean holds(int bucket) {
      return bucket >= 0 && bucket < buckets;
    }
  }

  static final String EVENTS_SQL =
      "SELECT b, event_type, COUNT(*) AS n FROM (SELECT "
          + Window.bucketOf("received_at")
          + " AS b, event_type FROM hub_event"
          + " WHERE received_at >= :since AND received_at < :until) t"
          + " GROUP BY b, event_type";

  /** Events received per bucket: the {@code topTypes} busiest types of the window, then "other". */
  private List<FlowChart.TypeSeries> events(Window window) {
    Map<String, long[]> byType = new TreeMap<>();
    jdbc.query(
        EVENTS_SQL,
        window.params(),
        rs -> {
          int bucket = rs.getInt("b");
          if (window.holds(bucket)) {
            byType
                    .computeIfAbsent(rs.getString("event_type"), t -> new long[window.buckets()])[
                    bucket] +=
                rs.getLong("n");
          }
        });
    List<Map.Entry<String, long[]>> busiest = new ArrayList<>(byType.entrySet());
    busiest.sort(
        Comparator.comparingLong((Map.Entry<String, long[]> e) -> -sum(e.getValue()))
            .thenComparing(Map.Entry::getKey));
    List<FlowChart.TypeSeries> series = new ArrayList<>();
    long[] other = new long[window.buckets()];
    boolean anyOther = false;
    for (int i = 0; i < busiest.size(); i++) {
      Map.Entry<String, long[]> type = busiest.get(i);
      if (i < settings.topTypes() && !OTHER.equals(type.getKey())) {
        series.add(
            new FlowChart.TypeSeries(type.getKey(), sum(type.getValue()), list(type.getValue())));
      } else {
        anyOther = true;
        for (int b = 0; b < other.length; b++) {
          other[b] += type.getValue()[b];
        }
      }
    }
    if (anyOther) {
      series.add(new FlowChart.TypeSeries(OTHER, sum(other), list(other)));
    }
    return series;
  }

  static final String ATTEMPTS_SQL =
      "SELECT b, destination, outcome, COUNT(*) AS n FROM (SELECT "
          + Window.bucketOf("a.started_at")
          + " AS b, l.destination, a.outcome"
          + " FROM hub_delivery_attempt a JOIN hub_delivery_leg l ON l.id = a.leg_id"
          + " WHERE a.started_at >= :since AND a.started_at < :until) t"
          + " GROUP BY b, destination, outcome";

  /** Delivery attempts per destination and bucket, by outcome (delivered, retry, dead). */
  private List<FlowChart.DestinationSeries> deliveries(Window window) {
    Map<String, long[][]> byDestination = new TreeMap<>();
    List<String> outcomes = List.of("delivered", "retry", "dead");
    jdbc.query(
        ATTEMPTS_SQL,
        window.params(),
        rs -> {
          int bucket = rs.getInt("b");
          int outcome = outcomes.indexOf(rs.getString("outcome"));
          if (window.holds(bucket) && outcome >= 0) {
            byDestination
                    .computeIfAbsent(
                        rs.getString("destination"), d -> new long[3][window.buckets()])[outcome][
                    bucket] +=
                rs.getLong("n");
          }
        });
    List<FlowChart.DestinationSeries> series = new ArrayList<>();
    byDestination.forEach(
        (destination, counts) ->
            series.add(
                new FlowChart.DestinationSeries(
                    destination, list(counts[0]), list(counts[1]), list(counts[2]))));
    return series;
  }

  static final String DECISIONS_SQL =
      "SELECT b, SUM(CASE WHEN proceed THEN 1 ELSE 0 END) AS proceeded,"
          + " SUM(CASE WHEN proceed THEN 0 ELSE 1 END) AS refused,"
          + " PERCENTILE_DISC(0.99) WITHIN GROUP (ORDER BY duration_ms) AS p99"
          + " FROM (SELECT "
          + Window.bucketOf("decided_at")
          + " AS b, proceed, duration_ms FROM hub_prehook_decision"
          + " WHERE decided_at >= :since AND decided_at < :until) t GROUP BY b";

  /**
   * Pre-hook decisions per bucket (proceed, refused) and their latency p99: the nearest-rank 99th
   * percentile (PERCENTILE_DISC), a duration that was measured; null in a bucket without decisions.
   */
  private FlowChart.PreHooks preHooks(Window window) {
    long[] proceeded = new long[window.buckets()];
    long[] refused = new long[window.buckets()];
    Long[] p99 = new Long[window.buckets()];
    jdbc.query(
        DECISIONS_SQL,
        window.params(),
        rs -> {
          int bucket = rs.getInt("b");
          if (window.holds(bucket)) {
            proceeded[bucket] = rs.getLong("proceeded");
            refused[bucket] = rs.getLong("refused");
            p99[bucket] = rs.getLong("p99");
          }
        });
    return new FlowChart.PreHooks(list(proceeded), list(refused), Arrays.asList(p99));
  }

  /** Legs the dispatcher still has to deliver now: the oldest of them, whatever its bucket. */
  static final String OPEN_LEGS_SQL =
      "SELECT MIN(created_at) FROM hub_delivery_leg"
          + " WHERE status IN ('pending', 'retrying') AND created_at < :until";

  /**
   * Legs finished (delivered, dead, skipped or held) after the first bucket's end, grouped by the
   * bucket they finished in: the oldest created of each group. A delivered leg finished at its
   * delivered_at, the others at their last change (updated_at, never before delivered_at).
   */
  static final String FINISHED_LEGS_SQL =
      "SELECT b, MIN(created_at) AS oldest FROM (SELECT "
          + Window.bucketOf("finished_at")
          + " AS b, created_at FROM (SELECT created_at,"
          + " CASE WHEN status = 'delivered' THEN COALESCE(delivered_at, updated_at)"
          + " WHEN status IN ('dead', 'skipped', 'held') THEN updated_at END AS finished_at"
          + " FROM hub_delivery_leg WHERE updated_at >= :first_end AND created_at < :until) f"
          + " WHERE finished_at >= :first_end) t GROUP BY b";

  /**
   * Per bucket, the age at its end (now, for the bucket still running) of the oldest leg created
   * before then and not yet finished then; 0 when every leg was finished. Two bounded queries: a
   * leg open at a bucket's end either is unfinished now or finished in a later bucket, and of the
   * legs finished in one bucket the oldest created is the only one that can be the oldest open.
   */
  private FlowChart.OldestLeg oldestLeg(Window window, Instant now) {
    MapSqlParameterSource params =
        window
            .params()
            .addValue(
                "first_end", OffsetDateTime.ofInstant(window.end(0), java.time.ZoneOffset.UTC));
    Map<Integer, Instant> finishedIn = new LinkedHashMap<>();
    jdbc.query(
        FINISHED_LEGS_SQL,
        params,
        rs -> {
          finishedIn.merge(
              rs.getInt("b"),
              rs.getObject("oldest", OffsetDateTime.class).toInstant(),
              (a, b) -> a.isBefore(b) ? a : b);
        });
    OffsetDateTime open = jdbc.queryForObject(OPEN_LEGS_SQL, params, OffsetDateTime.class);
    List<Long> ages = new ArrayList<>(window.buckets());
    for (int k = 0; k < window.buckets(); k++) {
      Instant end = window.end(k).isAfter(now) ? now : window.end(k);
      Instant oldest = open == null || !open.toInstant().isBefore(end) ? null : open.toInstant();
      for (Map.Entry<Integer, Instant> group : finishedIn.entrySet()) {
        // finished in bucket b: at or after the end of bucket k when b > k
        if (group.getKey() > k
            && group.getValue().isBefore(end)
            && (oldest == null || group.getValue().isBefore(oldest))) {
          oldest = group.getValue();
        }
      }
      ages.add(oldest == null ? 0 : Duration.between(oldest, end).toSeconds());
    }
    return new FlowChart.OldestLeg(ages);
  }

  private static long sum(long[] values) {
    return Arrays.stream(values).sum();
  }

  private static List<Long> list(long[] values) {
    return Arrays.stream(values).boxed().toList();
  }
}
