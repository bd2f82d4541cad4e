package com.ordercloudhub.hub.delivery;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
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
 * Event order per business key and destination ({@code hub.delivery.ordering: per-key}): a leg is
 * attempted only when no earlier leg of its key to the same destination is unfinished and every
 * earlier event of its key has been routed (its legs are known). "Earlier" is the event's {@code
 * Date}, else its arrival, then its id. The check is one indexed query in the database, so it holds
 * across hub instances. A leg behind a pending or retrying one waits (its next attempt moves to
 * just after the blocker's); a leg behind a dead one is {@code held} until that leg is replayed or
 * delivered, or an operator releases it.
 */
@Component
class LegOrder {

  private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

  /** The leg's key and order come from its own row; released legs are not checked. */
  static final String BLOCKERS =
      """
      SELECT * FROM (
        SELECT b.id AS leg_id, b.event_id, b.status, b.next_attempt_at, b.held_by, b.note
        FROM hub_delivery_leg me
        JOIN hub_delivery_leg b ON b.business_key = me.business_key
                               AND b.destination = me.destination
        WHERE me.id = :id AND me.order_released_at IS NULL
          AND b.status IN ('pending', 'retrying', 'dead', 'held')
          AND (b.ordered_at < me.ordered_at
               OR (b.ordered_at = me.ordered_at AND b.event_id < me.event_id))
        ORDER BY b.ordered_at, b.event_id
        LIMIT 1) earlier_leg
      UNION ALL
      SELECT * FROM (
        SELECT CAST(NULL AS VARCHAR(36)) AS leg_id, e.id AS event_id,
               CAST('unrouted' AS VARCHAR(16)) AS status,
               CAST(NULL AS TIMESTAMP WITH TIME ZONE) AS next_attempt_at,
               CAST(NULL AS VARCHAR(36)) AS held_by, CAST(NULL AS VARCHAR(500)) AS note
        FROM hub_delivery_leg me
        JOIN hub_event e ON e.business_key = me.business_key
        WHERE me.id = :id AND me.order_released_at IS NULL
          AND e.routed_at IS NULL AND e.kind <> 'pre'
          AND (COALESCE(e.occurred_at, e.received_at) < me.ordered_at
               OR (COALESCE(e.occurred_at, e.received_at) = me.ordered_at AND e.id < me.event_id))
        LIMIT 1) unrouted_event
      """;

  /** Held legs whose blocker is neither dead nor held any more (replayed, delivered). */
  private static final String FREED =
      "status = 'held' AND NOT EXISTS (SELECT 1 FROM hub_delivery_leg b"
          + " WHERE b.id = hub_delivery_leg.held_by AND b.status IN ('dead', 'held'))";

  private final DeliveryProperties properties;
  private final NamedParameterJdbcTemplate jdbc;
  private final TransactionTemplate transactions;
  private final Clock clock;

  LegOrder(
      DeliveryProperties properties,
      NamedParameterJdbcTemplate jdbc,
      TransactionTemplate transactions,
      Clock clock) {
    this.properties = properties;
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.clock = clock;
  }

  /** An earlier leg or event of the key in the way, as the check found it. */
  record Blocker(
      String legId,
      String eventId,
      String status,
      OffsetDateTime nextAttemptAt,
      String heldBy,
      String note) {

    boolean unrouted() {
      return legId == null;
    }
  }

  /** The note on a leg held behind a dead one; operators read it on the leg. */
  static String heldNote(String deadLegId, String deadEventId) {
    return "waiting behind dead leg " + deadLegId + " of event " + deadEventId;
  }

  /** Whether the leg's destination keeps its legs in order: per-key, and the event has a key. */
  boolean applies(DispatchEvent event, DeliveryLeg leg) {
    return event.businessKey() != null
        && properties.orderingFor(leg.destination()) == DeliveryProperties.Ordering.PER_KEY;
  }

  /**
   * True when the leg may be attempted now. Otherwise it was made to wait (its next attempt moved)
   * or held, and the dispatcher leaves it.
   */
  boolean clear(DispatchEvent event, DeliveryLeg leg, OffsetDateTime now) {
    if (!applies(event, leg)) {
      return true;
    }
    List<Blocker> found = blockers(leg.id());
    if (found.isEmpty()) {
      return true;
    }
    Blocker blocker = found.stream().filter(b -> !b.unrouted()).findFirst().orElse(found.get(0));
    switch (blocker.status()) {
      case "dead" -> hold(leg, blocker.legId(), heldNote(blocker.legId(), blocker.eventId()), now);
      case "held" ->
          hold(
              leg,
              blocker.heldBy() != null ? blocker.heldBy() : blocker.legId(),
              blocker.note() != null
                  ? blocker.note()
                  : heldNote(blocker.legId(), blocker.eventId()),
              now);
      default -> waitBehind(leg, blocker, now);
    }
    return false;
  }

  List<Blocker> blockers(String legId) {
    return jdbc.query(BLOCKERS, Map.of("id", legId), (rs, n) -> blocker(rs));
  }

  private static Blocker blocker(ResultSet rs) throws SQLException {
    return new Blocker(
        rs.getString("leg_id"),
        rs.getString("event_id"),
        rs.getString("status"),
        rs.getObject("next_attempt_at", OffsetDateTime.class),
        rs.getString("held_by"),
        rs.getString("note"));
  }

  /**
   * Shortly after the blocker's next attempt (a pending one is being attempted now, an unrouted
   * event is routed at once): by then it has an outcome, or the leg checks again.
   */
  private void waitBehind(DeliveryLeg leg, Blocker blocker, OffsetDateTime now) {
    OffsetDateTime blockerNext =
        blocker.nextAttemptAt() != null && blocker.nextAttemptAt().isAfter(now)
            ? blocker.nextAttemptAt()
            : now;
    OffsetDateTime next = blockerNext.plus(settle());
    String note =
        blocker.unrouted()
            ? "waiting for earlier event " + blocker.eventId() + " to be routed"
            : "waiting behind "
                + blocker.status()
                + " leg "
                + blocker.legId()
                + " of event "
                + blocker.eventId();
    jdbc.update(
        "UPDATE hub_delivery_leg SET next_attempt_at = :next, note = :note"
            + " WHERE id = :id AND status IN ('pending', 'retrying')",
        new MapSqlParameterSource()
            .addValue("id", leg.id())
            .addValue("next", next)
            .addValue("note", note));
    log.debug("Leg {} of event {} {}", leg.destination(), leg.eventId(), note);
  }

  private Duration settle() {
    return properties.pollInterval();
  }

  private void hold(DeliveryLeg leg, String deadLegId, String note, OffsetDateTime now) {
    int held =
        jdbc.update(
            """
            UPDATE hub_delivery_leg SET status = 'held', next_attempt_at = NULL,
              held_by = :deadLeg, note = :note, updated_at = :now
            WHERE id = :id AND status IN ('pending', 'retrying')
            """,
            new MapSqlParameterSource()
                .addValue("id", leg.id())
                .addValue("deadLeg", deadLegId)
                .addValue("note", note)
                .addValue("now", now));
    if (held > 0) {
      log.warn("Leg {} of event {} held: {}", leg.destination(), leg.eventId(), note);
    }
  }

  // --- release: pending and due now, their events due ------------------------------------------

  /**
   * Releases the legs held behind the legs that {@code where} selects (about to be replayed); call
   * it inside the replay's transaction, before their status changes.
   *
   * @return legs released
   */
  int releaseBehind(String where, MapSqlParameterSource params, OffsetDateTime now) {
    String held =
        "status = 'held' AND held_by IN (SELECT id FROM hub_delivery_leg WHERE " + where + ")";
    return release(held, params, now);
  }

  /** What an operator's release of one leg came to. */
  enum Released {
    RELEASED,
    NOT_HELD,
    NOT_FOUND
  }

  /**
   * An operator lets a held leg go out of order: pending, due now, and never checked again (it no
   * longer waits for earlier legs of its key).
   */
  Released releaseByOperator(String legId) {
    OffsetDateTime now = now();
    Integer released =
        transactions.execute(
            tx -> {
              MapSqlParameterSource params =
                  new MapSqlParameterSource().addValue("leg", legId).addValue("now", now);
              jdbc.update(
                  "UPDATE hub_event SET dispatch_due_at = :now WHERE id IN"
                      + " (SELECT event_id FROM hub_delivery_leg WHERE id = :leg"
                      + " AND status = 'held')",
                  params);
              return jdbc.update(
                  """
                  UPDATE hub_delivery_leg SET status = 'pending', next_attempt_at = :now,
                    held_by = NULL, note = NULL, order_released_at = :now, updated_at = :now
                  WHERE id = :leg AND status = 'held'
                  """,
                  params);
            });
    if (released != null && released > 0) {
      log.info("Leg {} released by an operator: it goes without waiting for earlier legs", legId);
      return Released.RELEASED;
    }
    Integer exists =
        jdbc.queryForObject(
            "SELECT COUNT(*) FROM hub_delivery_leg WHERE id = :id",
            Map.of("id", legId),
            Integer.class);
    return exists != null && exists > 0 ? Released.NOT_HELD : Released.NOT_FOUND;
  }

  /**
   * Releases held legs whose blocker is no longer dead: delivered, or replayed without its held
   * legs being released in the same transaction (a hold and a replay at the same moment). Cheap:
   * the status index finds the few held legs.
   *
   * @return legs released
   */
  int releaseFreed() {
    OffsetDateTime now = now();
    Integer released = transactions.execute(tx -> release(FREED, new MapSqlParameterSource(), now));
    if (released != null && released > 0) {
      log.info("Released {} held legs whose blocker is no longer dead", released);
    }
    return released == null ? 0 : released;
  }

  private int release(String heldWhere, MapSqlParameterSource params, OffsetDateTime now) {
    params.addValue("now", now);
    jdbc.update(
        "UPDATE hub_event SET dispatch_due_at = :now WHERE id IN"
            + " (SELECT event_id FROM hub_delivery_leg WHERE "
            + heldWhere
            + ")",
        params);
    return jdbc.update(
        "UPDATE hub_delivery_leg SET status = 'pending', next_attempt_at = :now, held_by = NULL,"
            + " note = NULL, updated_at = :now WHERE "
            + heldWhere,
        params);
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
  }
}
