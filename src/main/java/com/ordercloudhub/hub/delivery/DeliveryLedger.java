package com.ordercloudhub.hub.delivery;

import com.ordercloudhub.hub.config.CommitGroups;
import com.ordercloudhub.hub.config.SecretRule;
import com.ordercloudhub.hub.event.EventIds;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The delivery ledger: one leg per (event, destination) and every attempt made on it. Each outcome
 * is written in one transaction (leg and attempt together), so the ledger never says more than
 * happened; outcomes that end together share it ({@link CommitGroups}).
 */
@Component
public class DeliveryLedger {

  private final NamedParameterJdbcTemplate jdbc;
  private final TransactionTemplate transactions;
  private final Clock clock;
  private final SecretRule rule;

  /**
   * Outcomes recorded together: with a dozen legs ending at once, one commit (one fsync) instead of
   * a dozen; a lone outcome is written at once.
   */
  private final CommitGroups<Outcome> outcomes;

  private final TransactionTemplate outcomeTransactions;

  /** Outcome batches written at once, and the most outcomes in one. */
  static final int OUTCOME_WRITERS = 2;

  static final int OUTCOME_BATCH = 64;

  public DeliveryLedger(
      NamedParameterJdbcTemplate jdbc,
      TransactionTemplate transactions,
      Clock clock,
      SecretRule rule) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.clock = clock;
    this.rule = rule;
    // a batch holds other legs' outcomes: it never joins a transaction its writer may be in
    this.outcomeTransactions = new TransactionTemplate(transactions.getTransactionManager());
    this.outcomeTransactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.outcomes =
        new CommitGroups<>(
            this::writeOutcomes,
            e -> !Dispatcher.databaseFailed(e),
            OUTCOME_WRITERS,
            OUTCOME_BATCH);
  }

  /**
   * A destination an event goes to.
   *
   * @param skipReason why the destination cannot be used (not configured), or null
   */
  public record PlannedLeg(String destination, String skipReason) {}

  public static String idempotencyKey(String eventId, String destination) {
    return eventId + ":" + destination;
  }

  /** Adds the legs an event does not have yet; existing legs are left as they are. */
  public void plan(String eventId, List<PlannedLeg> legs, OffsetDateTime now) {
    plan(eventId, legs, now, null, null);
  }

  /**
   * Adds the legs an event does not have yet, each with the event's business key and place in its
   * key's order (they decide which earlier legs it waits for); existing legs are left as they are.
   *
   * @param businessKey the event's key, or null: its legs are not ordered
   * @param orderedAt the event's {@code Date}, else its arrival
   */
  public void plan(
      String eventId,
      List<PlannedLeg> legs,
      OffsetDateTime now,
      String businessKey,
      OffsetDateTime orderedAt) {
    plan(eventId, legs, now, businessKey, orderedAt, () -> {});
  }

  /**
   * As {@link #plan(String, List, OffsetDateTime, String, OffsetDateTime)}, all legs in one batch
   * and one commit, with {@code inTheSameTransaction} (the event marked routed): a later event of
   * the key never sees this one routed without its legs, and an event's routing costs one commit
   * instead of one per leg.
   */
  public void plan(
      String eventId,
      List<PlannedLeg> legs,
      OffsetDateTime now,
      String businessKey,
      OffsetDateTime orderedAt,
      Runnable inTheSameTransaction) {
    MapSqlParameterSource[] rows = new MapSqlParameterSource[legs.size()];
    for (int i = 0; i < rows.length; i++) {
      PlannedLeg leg = legs.get(i);
      boolean skipped = leg.skipReason() != null;
      rows[i] =
          new MapSqlParameterSource()
              .addValue("id", EventIds.next(clock))
              .addValue("eventId", eventId)
              .addValue("destination", leg.destination())
              .addValue("status", skipped ? LegStatus.SKIPPED.code() : LegStatus.PENDING.code())
              .addValue("next", skipped ? null : now)
              .addValue("error", skipped ? leg.skipReason() : null)
              .addValue("key", idempotencyKey(eventId, leg.destination()))
              .addValue("now", now)
              .addValue("businessKey", businessKey)
              .addValue("orderedAt", businessKey == null ? null : orderedAt);
    }
    transactions.executeWithoutResult(
        tx -> {
          if (rows.length > 0) {
            // planned before (a replay re-plans): the existing leg keeps its state
            jdbc.batchUpdate(
                """
                INSERT INTO hub_delivery_leg (id, event_id, destination, status, attempts,
                                              next_attempt_at, last_error, idempotency_key,
                                              created_at, updated_at, business_key, ordered_at)
                VALUES (:id, :eventId, :destination, :status, 0, :next, :error, :key, :now, :now,
                        :businessKey, :orderedAt)
                ON CONFLICT DO NOTHING
                """,
                rows);
          }
          inTheSameTransaction.run();
        });
  }

  /** Pending or retrying legs of the event whose time has come. */
  public List<DeliveryLeg> dueLegs(String eventId, OffsetDateTime now) {
    return jdbc.query(
        "SELECT * FROM hub_delivery_leg WHERE event_id = :eventId"
            + " AND status IN ('pending', 'retrying') AND next_attempt_at <= :now"
            + " ORDER BY destination",
        new MapSqlParameterSource().addValue("eventId", eventId).addValue("now", now),
        (rs, n) -> leg(rs));
  }

  /** The legs of several events at once (a page of the event list). */
  public List<DeliveryLeg> legsOf(java.util.Collection<String> eventIds) {
    if (eventIds.isEmpty()) {
      return List.of();
    }
    return jdbc.query(
        "SELECT * FROM hub_delivery_leg WHERE event_id IN (:ids) ORDER BY destination",
        Map.of("ids", eventIds),
        (rs, n) -> leg(rs));
  }

  public List<DeliveryLeg> legsOf(String eventId) {
    return jdbc.query(
        "SELECT * FROM hub_delivery_leg WHERE event_id = :eventId ORDER BY destination",
        Map.of("eventId", eventId),
        (rs, n) -> leg(rs));
  }

  /**
   * A page of legs, most recently changed first.
   *
   * @param status, destination, since optional filters
   * @return the legs with their event type, and whether another page exists
   */
  public LegPage page(
      LegStatus status, String destination, OffsetDateTime since, int page, int size) {
    StringBuilder sql =
        new StringBuilder(
            "SELECT l.*, e.event_type FROM hub_delivery_leg l JOIN hub_event e ON e.id = l.event_id"
                + " WHERE 1 = 1");
    MapSqlParameterSource params = new MapSqlParameterSource();
    if (status != null) {
      sql.append(" AND l.status = :status");
      params.addValue("status", status.code());
    }
    if (destination != null) {
      sql.append(" AND l.destination = :destination");
      params.addValue("destination", destination);
    }
    if (since != null) {
      sql.append(" AND l.updated_at >= :since");
      params.addValue("since", since);
    }
    sql.append(" ORDER BY l.updated_at DESC, l.id DESC LIMIT :limit OFFSET :offset");
    params.addValue("limit", size + 1).addValue("offset", (long) page * size);
    List<LegPage.Item> found =
        jdbc.query(
            sql.toString(),
            params,
            (rs, n) -> new LegPage.Item(leg(rs), rs.getString("event_type")));
    return found.size() > size
        ? new LegPage(found.subList(0, size), true)
        : new LegPage(found, false);
  }

  /** A page of legs with the type of the event each belongs to. */
  public record LegPage(List<Item> items, boolean hasMore) {
    public record Item(DeliveryLeg leg, String eventType) {}
  }

  public Optional<DeliveryLeg> find(String legId) {
    return jdbc
        .query(
            "SELECT * FROM hub_delivery_leg WHERE id = :id",
            Map.of("id", legId),
            (rs, n) -> leg(rs))
        .stream()
        .findFirst();
  }

  public List<DeliveryAttempt> attemptsOf(String legId) {
    return jdbc.query(
        "SELECT * FROM hub_delivery_attempt WHERE leg_id = :legId ORDER BY started_at, attempt",
        Map.of("legId", legId),
        (rs, n) ->
            new DeliveryAttempt(
                rs.getInt("attempt"),
                rs.getObject("started_at", OffsetDateTime.class),
                rs.getInt("duration_ms"),
                rs.getString("outcome"),
                rule.mask(rs.getString("error")),
                rs.getString("instance")));
  }

  /**
   * The destination accepted the leg.
   *
   * @param note how it was delivered, when that is worth knowing ("sent without line items"), or
   *     null
   */
  public void delivered(DeliveryLeg leg, Attempt attempt, String note) {
    delivered(leg, attempt, note, null);
  }

  /**
   * The destination accepted the leg and answered with a reference to its record.
   *
   * @param reference what names the destination's record (the ERP's order number), or null: a
   *     forced replay whose answer names none keeps the reference from before
   */
  public void delivered(DeliveryLeg leg, Attempt attempt, String note, String reference) {
    outcomes.write(
        new Outcome(
            leg,
            attempt,
            true,
            note == null ? null : FailureClassifier.shorten(rule.mask(note)),
            reference(reference),
            null,
            null));
  }

  /**
   * The attempt failed.
   *
   * @param nextAttemptAt when to try again, or null when the leg is dead
   */
  public void failed(
      DeliveryLeg leg, Attempt attempt, String failure, OffsetDateTime nextAttemptAt) {
    // a destination's error can echo what it was sent (a body, a URL with a key): shown to
    // operators
    String error = failure == null ? null : rule.mask(failure);
    outcomes.write(new Outcome(leg, attempt, false, null, null, error, nextAttemptAt));
  }

  /** What one attempt came to, as the leg's row and its attempt row record it. */
  private record Outcome(
      DeliveryLeg leg,
      Attempt attempt,
      boolean delivered,
      String note,
      String reference,
      String error,
      OffsetDateTime nextAttemptAt) {

    String code() {
      return delivered ? "delivered" : nextAttemptAt == null ? "dead" : "retry";
    }
  }

  /**
   * Outcomes of legs that end at about the same time, in one transaction: each leg's row and its
   * attempt row together, as one outcome alone would be, so the ledger never says more than
   * happened; legs in id order, so two batches never wait for each other's rows the other way.
   */
  private void writeOutcomes(List<Outcome> batch) {
    List<Outcome> sorted = new ArrayList<>(batch);
    sorted.sort(Comparator.comparing(o -> o.leg().id()));
    List<MapSqlParameterSource> delivered = new ArrayList<>();
    List<MapSqlParameterSource> failed = new ArrayList<>();
    List<MapSqlParameterSource> attempts = new ArrayList<>();
    for (Outcome o : sorted) {
      MapSqlParameterSource leg =
          o.attempt().params(o.leg()).addValue("now", o.attempt().finishedAt());
      if (o.delivered()) {
        delivered.add(leg.addValue("note", o.note()).addValue("reference", o.reference()));
      } else {
        failed.add(
            leg.addValue("status", o.nextAttemptAt() == null ? "dead" : "retrying")
                .addValue("next", o.nextAttemptAt())
                .addValue("error", o.error()));
      }
      attempts.add(
          o.attempt()
              .params(o.leg())
              .addValue("attemptId", EventIds.next(clock))
              .addValue("outcome", o.code())
              .addValue("error", o.delivered() ? null : o.error()));
    }
    outcomeTransactions.executeWithoutResult(
        tx -> {
          if (!delivered.isEmpty()) {
            jdbc.batchUpdate(
                """
                UPDATE hub_delivery_leg SET status = 'delivered', attempts = :attempt,
                  next_attempt_at = NULL, last_error = NULL, note = :note, updated_at = :now,
                  delivered_at = :now, reference = COALESCE(:reference, reference)
                WHERE id = :id
                """,
                delivered.toArray(MapSqlParameterSource[]::new));
          }
          if (!failed.isEmpty()) {
            jdbc.batchUpdate(
                """
                UPDATE hub_delivery_leg SET status = :status, attempts = :attempt,
                  next_attempt_at = :next, last_error = :error, note = NULL, updated_at = :now
                WHERE id = :id AND status <> 'delivered'
                """,
                failed.toArray(MapSqlParameterSource[]::new));
          }
          jdbc.batchUpdate(
              """
              INSERT INTO hub_delivery_attempt (id, leg_id, attempt, started_at, duration_ms,
                                                outcome, error, instance)
              VALUES (:attemptId, :id, :attempt, :startedAt, :durationMs, :outcome, :error,
                      :instance)
              """,
              attempts.toArray(MapSqlParameterSource[]::new));
        });
  }

  /** At most the column's 200 characters, passed through the secret rule like every leg text. */
  private String reference(String reference) {
    if (reference == null || reference.isBlank()) {
      return null;
    }
    String masked = rule.mask(reference.strip());
    return masked.length() > 200 ? masked.substring(0, 200) : masked;
  }

  /**
   * One attempt's facts.
   *
   * @param number 1 for the first attempt since the leg was (re)queued
   */
  public record Attempt(int number, OffsetDateTime startedAt, int durationMs, String instance) {

    OffsetDateTime finishedAt() {
      return startedAt.plusNanos(durationMs * 1_000_000L);
    }

    MapSqlParameterSource params(DeliveryLeg leg) {
      return new MapSqlParameterSource()
          .addValue("id", leg.id())
          .addValue("attempt", number)
          .addValue("startedAt", startedAt)
          .addValue("durationMs", durationMs)
          .addValue("instance", instance);
    }
  }

  DeliveryLeg leg(ResultSet rs) throws SQLException {
    return new DeliveryLeg(
        rs.getString("id"),
        rs.getString("event_id"),
        rs.getString("destination"),
        LegStatus.fromCode(rs.getString("status")).orElseThrow(),
        rs.getInt("attempts"),
        rs.getObject("next_attempt_at", OffsetDateTime.class),
        rule.mask(rs.getString("last_error")),
        rs.getString("idempotency_key"),
        rs.getObject("created_at", OffsetDateTime.class),
        rs.getObject("updated_at", OffsetDateTime.class),
        rs.getObject("delivered_at", OffsetDateTime.class),
        rs.getString("note"),
        rs.getString("reference"));
  }
}
