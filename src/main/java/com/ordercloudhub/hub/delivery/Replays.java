package com.ordercloudhub.hub.delivery;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends legs again after an operator fixed what made them fail. A re-queued leg starts its retry
 * schedule over; a delivered leg is only sent again when forced, and keeps its idempotency key. The
 * legs held behind a replayed leg are released with it (they then wait for it, in order), and an
 * operator may release a held leg to go out of order ({@link #release}).
 */
@Component
public class Replays {

  private static final Logger log = LoggerFactory.getLogger(Replays.class);

  /** What a replay request did to one leg. */
  public enum Outcome {
    REQUEUED,
    ALREADY_QUEUED,
    REFUSED_DELIVERED,
    NOT_FOUND
  }

  /** The rule, apart from the database: which legs a replay may re-queue. */
  static Outcome decide(LegStatus status, boolean force) {
    return switch (status) {
      case PENDING -> Outcome.ALREADY_QUEUED;
      case DELIVERED -> force ? Outcome.REQUEUED : Outcome.REFUSED_DELIVERED;
      case RETRYING, DEAD, SKIPPED, HELD -> Outcome.REQUEUED;
    };
  }

  /** Statuses a bulk replay may select: never delivered legs. */
  static boolean bulkReplayable(LegStatus status) {
    return status == LegStatus.DEAD || status == LegStatus.RETRYING || status == LegStatus.SKIPPED;
  }

  private final NamedParameterJdbcTemplate jdbc;
  private final TransactionTemplate transactions;
  private final DeliveryLedger ledger;
  private final DispatchQueue queue;
  private final Dispatcher dispatcher;
  private final LegOrder order;
  private final Clock clock;

  Replays(
      NamedParameterJdbcTemplate jdbc,
      TransactionTemplate transactions,
      DeliveryLedger ledger,
      DispatchQueue queue,
      Dispatcher dispatcher,
      LegOrder order,
      Clock clock) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.ledger = ledger;
    this.queue = queue;
    this.dispatcher = dispatcher;
    this.order = order;
    this.clock = clock;
  }

  public Outcome replayLeg(String legId, boolean force) {
    DeliveryLeg leg = ledger.find(legId).orElse(null);
    if (leg == null) {
      return Outcome.NOT_FOUND;
    }
    Outcome outcome = decide(leg.status(), force);
    OffsetDateTime now = now();
    if (outcome == Outcome.REQUEUED || outcome == Outcome.ALREADY_QUEUED) {
      transactions.executeWithoutResult(
          tx -> {
            order.releaseBehind("id = :id", new MapSqlParameterSource("id", legId), now);
            requeue(Map.of("id", legId), "id = :id", now);
            queue.dueNow(leg.eventId(), now, false);
          });
      log.info(
          "Replay: leg {} ({}) of event {} re-queued", legId, leg.destination(), leg.eventId());
      dispatcher.nudge();
    }
    return outcome;
  }

  /**
   * Re-plans the event (destinations added to its routing since get legs) and re-queues its failed,
   * dead and skipped legs; delivered ones too when forced.
   *
   * @return legs re-queued, or -1 when there is no such event to deliver
   */
  public int replayEvent(String eventId, boolean force) {
    OffsetDateTime now = now();
    Integer requeued =
        transactions.execute(
            tx -> {
              Integer deliverable =
                  jdbc.queryForObject(
                      "SELECT COUNT(*) FROM hub_event WHERE id = :id AND kind <> 'pre'",
                      Map.of("id", eventId),
                      Integer.class);
              if (deliverable == null || deliverable == 0) {
                return -1;
              }
              List<String> statuses =
                  force
                      ? List.of("retrying", "dead", "skipped", "delivered")
                      : List.of("retrying", "dead", "skipped");
              order.releaseBehind(
                  "event_id = :eventId AND status IN (:statuses)",
                  new MapSqlParameterSource(Map.of("eventId", eventId, "statuses", statuses)),
                  now);
              int count =
                  requeue(
                      Map.of("eventId", eventId, "statuses", statuses),
                      "event_id = :eventId AND status IN (:statuses)",
                      now);
              queue.dueNow(eventId, now, true);
              return count;
            });
    if (requeued != null && requeued >= 0) {
      log.info("Replay: event {} re-planned, {} legs re-queued", eventId, requeued);
      dispatcher.nudge();
    }
    return requeued == null ? -1 : requeued;
  }

  /**
   * Re-queues every leg in a status (dead, retrying or skipped), optionally of one destination and
   * updated since a time.
   *
   * @return how many legs were re-queued
   */
  public int replayMatching(LegStatus status, String destination, OffsetDateTime since) {
    if (!bulkReplayable(status)) {
      throw new IllegalArgumentException("Bulk replay takes dead, retrying or skipped legs");
    }
    OffsetDateTime now = now();
    StringBuilder where = new StringBuilder("status = :status");
    MapSqlParameterSource params =
        new MapSqlParameterSource().addValue("status", status.code()).addValue("now", now);
    if (destination != null) {
      where.append(" AND destination = :destination");
      params.addValue("destination", destination);
    }
    if (since != null) {
      where.append(" AND updated_at >= :since");
      params.addValue("since", since);
    }
    int requeued = requeueWhere(where.toString(), params, now);
    log.info(
        "Replay: {} {} legs re-queued (destination={}, since={})",
        requeued,
        status.code(),
        destination,
        since);
    dispatcher.nudge();
    return requeued;
  }

  /**
   * Re-queues every dead leg of one business key ({@code order:SO-1}): everything failed for an
   * order or a user, whichever event and destination. The legs held behind them go too, in order.
   *
   * @return how many legs were re-queued
   */
  public int replayDeadOfKey(String businessKey) {
    OffsetDateTime now = now();
    MapSqlParameterSource params =
        new MapSqlParameterSource().addValue("key", businessKey).addValue("now", now);
    int requeued = requeueWhere("business_key = :key AND status = 'dead'", params, now);
    log.info("Replay: {} dead legs of {} re-queued", requeued, businessKey);
    dispatcher.nudge();
    return requeued;
  }

  private int requeueWhere(String where, MapSqlParameterSource params, OffsetDateTime now) {
    Integer requeued =
        transactions.execute(
            tx -> {
              order.releaseBehind(where, params, now);
              jdbc.update(
                  "UPDATE hub_event SET dispatch_due_at = :now WHERE id IN"
                      + " (SELECT event_id FROM hub_delivery_leg WHERE "
                      + where
                      + ")",
                  params);
              return jdbc.update(
                  "UPDATE hub_delivery_leg SET status = 'pending', attempts = 0,"
                      + " next_attempt_at = :now, updated_at = :now WHERE "
                      + where,
                  params);
            });
    return requeued == null ? 0 : requeued;
  }

  /** What an operator's release of a held leg came to. */
  public enum Release {
    RELEASED,
    NOT_HELD,
    NOT_FOUND
  }

  /**
   * Lets a held leg go now, out of order: it no longer waits for the dead leg (or any earlier leg)
   * of its key and destination.
   */
  public Release release(String legId) {
    Release outcome =
        switch (order.releaseByOperator(legId)) {
          case RELEASED -> Release.RELEASED;
          case NOT_HELD -> Release.NOT_HELD;
          case NOT_FOUND -> Release.NOT_FOUND;
        };
    if (outcome == Release.RELEASED) {
      dispatcher.nudge();
    }
    return outcome;
  }

  private int requeue(Map<String, ?> params, String where, OffsetDateTime now) {
    MapSqlParameterSource values = new MapSqlParameterSource(params).addValue("now", now);
    return jdbc.update(
        "UPDATE hub_delivery_leg SET status = 'pending', attempts = 0, next_attempt_at = :now,"
            + " held_by = NULL, updated_at = :now WHERE "
            + where,
        values);
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
  }
}
