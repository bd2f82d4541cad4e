package com.ordercloudhub.hub.delivery;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Ledger state as metrics, read from the database on a schedule (a scrape never queries it): legs
 * by destination and status, dead legs, and the age of the oldest leg that is due but not yet
 * delivered (the dispatcher's lag).
 */
@Component
public class DeliveryGauges {

  private static final Logger log = LoggerFactory.getLogger(DeliveryGauges.class);

  private final NamedParameterJdbcTemplate jdbc;
  private final Clock clock;
  private final MultiGauge legs;
  private final AtomicLong dead = new AtomicLong();
  private final AtomicLong oldestDueSeconds = new AtomicLong();

  public DeliveryGauges(NamedParameterJdbcTemplate jdbc, Clock clock, MeterRegistry meters) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.legs =
        MultiGauge.builder("hub.delivery.legs")
            .description("Delivery legs by destination and status")
            .register(meters);
    Gauge.builder("hub.delivery.dead.legs", dead, AtomicLong::get)
        .description("Legs that are dead and wait for a replay")
        .register(meters);
    Gauge.builder("hub.delivery.oldest.due.seconds", oldestDueSeconds, AtomicLong::get)
        .description("Age of the oldest leg that is due and not delivered yet")
        .baseUnit("seconds")
        .register(meters);
  }

  /**
   * A destination's recent record, from the ledger (a destination is never called to find out).
   *
   * @param failures failed attempts in the window
   * @param lastSuccess the latest delivered attempt in the window, or null
   * @param lastFailure the latest failed attempt in the window, or null
   */
  public record DestinationRecord(
      long failures, OffsetDateTime lastSuccess, OffsetDateTime lastFailure) {

    /** Failing now: its latest attempt failed. */
    public boolean failing() {
      return lastFailure != null && (lastSuccess == null || lastFailure.isAfter(lastSuccess));
    }
  }

  private volatile Map<String, DestinationRecord> recent = Map.of();
  private volatile OffsetDateTime refreshedAt;

  /** Each destination's attempts in the last {@link #WINDOW}, as of the last refresh. */
  public Map<String, DestinationRecord> recentByDestination() {
    return recent;
  }

  /** When the figures were last read, or null before the first read. */
  public OffsetDateTime refreshedAt() {
    return refreshedAt;
  }

  static final Duration WINDOW = Duration.ofMinutes(15);

  /** How long the oldest due leg has waited; zero when nothing is due. */
  public Duration oldestDue() {
    return Duration.ofSeconds(oldestDueSeconds.get());
  }

  /** Per destination: failed attempts in the window, and its latest success and failure. */
  private Map<String, DestinationRecord> recentAttempts(OffsetDateTime since) {
    Map<String, DestinationRecord> found = new java.util.TreeMap<>();
    jdbc.query(
        "SELECT l.destination,"
            + " SUM(CASE WHEN a.outcome <> 'delivered' THEN 1 ELSE 0 END) AS failures,"
            + " MAX(CASE WHEN a.outcome = 'delivered' THEN a.started_at END) AS last_success,"
            + " MAX(CASE WHEN a.outcome <> 'delivered' THEN a.started_at END) AS last_failure"
            + " FROM hub_delivery_attempt a JOIN hub_delivery_leg l ON l.id = a.leg_id"
            + " WHERE a.started_at >= :since GROUP BY l.destination",
        Map.of("since", since),
        rs -> {
          found.put(
              rs.getString("destination"),
              new DestinationRecord(
                  rs.getLong("failures"),
                  rs.getObject("last_success", OffsetDateTime.class),
                  rs.getObject("last_failure", OffsetDateTime.class)));
        });
    return java.util.Collections.unmodifiableMap(found);
  }

  @Scheduled(
      initialDelayString = "${hub.delivery.gauges-interval:15s}",
      fixedDelayString = "${hub.delivery.gauges-interval:15s}")
  public void refresh() {
    try {
      List<Map<String, Object>> counts =
          jdbc.queryForList(
              "SELECT destination, status, COUNT(*) AS n FROM hub_delivery_leg"
                  + " GROUP BY destination, status",
              Map.of());
      long deadLegs = 0;
      for (Map<String, Object> row : counts) {
        if ("dead".equals(row.get("status"))) {
          deadLegs += ((Number) row.get("n")).longValue();
        }
      }
      legs.register(
          counts.stream()
              .map(
                  row ->
                      MultiGauge.Row.of(
                          Tags.of(
                              "destination", (String) row.get("destination"),
                              "status", (String) row.get("status")),
                          ((Number) row.get("n")).longValue()))
              .toList(),
          true);
      dead.set(deadLegs);
      OffsetDateTime now = OffsetDateTime.now(clock);
      OffsetDateTime oldest =
          jdbc.queryForObject(
              "SELECT MIN(next_attempt_at) FROM hub_delivery_leg"
                  + " WHERE status IN ('pending', 'retrying') AND next_attempt_at <= :now",
              Map.of("now", now),
              OffsetDateTime.class);
      oldestDueSeconds.set(
          oldest == null ? 0 : Math.max(0, Duration.between(oldest, now).toSeconds()));
      recent = recentAttempts(now.minus(WINDOW));
      refreshedAt = now;
    } catch (RuntimeException e) {
      log.warn("Could not read delivery metrics: {}", e.toString());
    }
  }
}
