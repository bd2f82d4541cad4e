package com.ordercloudhub.hub.delivery;

import com.ordercloudhub.hub.config.CommitGroups;
import com.ordercloudhub.hub.event.EventKind;
import java.time.Duration;
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
 * The events waiting for delivery, shared by every hub instance on one database. An instance claims
 * due events with row locks ({@code FOR UPDATE SKIP LOCKED}, the same SQL on H2 and PostgreSQL) and
 * a lease, so two instances never work on one event and a claim left by a dead instance expires.
 */
@Component
class DispatchQueue {

  private final NamedParameterJdbcTemplate jdbc;
  private final TransactionTemplate transactions;
  private final TransactionTemplate releaseTransactions;

  /** Events finished together are given back in one commit. */
  private final CommitGroups<MapSqlParameterSource> releases;

  public DispatchQueue(NamedParameterJdbcTemplate jdbc, TransactionTemplate transactions) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    // a batch holds other workers' events: it never joins a transaction its writer may be in
    this.releaseTransactions = new TransactionTemplate(transactions.getTransactionManager());
    this.releaseTransactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.releases =
        new CommitGroups<>(
            this::writeReleases,
            e -> !Dispatcher.databaseFailed(e),
            DeliveryLedger.OUTCOME_WRITERS,
            DeliveryLedger.OUTCOME_BATCH);
  }

  /** Claims up to {@code limit} due, unclaimed (or lease-expired) events, oldest due first. */
  public List<String> claim(String instance, int limit, Duration lease, OffsetDateTime now) {
    return transactions.execute(
        tx -> {
          MapSqlParameterSource params =
              new MapSqlParameterSource()
                  .addValue("now", now)
                  .addValue("limit", limit)
                  .addValue("instance", instance)
                  .addValue("until", now.plus(lease));
          List<String> ids =
              jdbc.queryForList(
                  """
                  SELECT id FROM hub_event
                  WHERE dispatch_due_at <= :now
                    AND (claimed_until IS NULL OR claimed_until < :now)
                  ORDER BY dispatch_due_at
                  LIMIT :limit
                  FOR UPDATE SKIP LOCKED
                  """,
                  params,
                  String.class);
          if (!ids.isEmpty()) {
            jdbc.update(
                "UPDATE hub_event SET claimed_by = :instance, claimed_until = :until"
                    + " WHERE id IN (:ids)",
                params.addValue("ids", ids));
          }
          return ids;
        });
  }

  public Optional<DispatchEvent> load(String eventId) {
    return jdbc
        .query(
            "SELECT id, kind, event_type, payload, received_at, occurred_at, routed_at,"
                + " business_key FROM hub_event WHERE id = :id",
            Map.of("id", eventId),
            (rs, n) ->
                new DispatchEvent(
                    rs.getString("id"),
                    EventKind.fromCode(rs.getString("kind")).orElseThrow(),
                    rs.getString("event_type"),
                    rs.getString("payload"),
                    rs.getObject("received_at", OffsetDateTime.class),
                    rs.getObject("occurred_at", OffsetDateTime.class),
                    rs.getObject("routed_at", OffsetDateTime.class),
                    rs.getString("business_key")))
        .stream()
        .findFirst();
  }

  public void markRouted(String eventId, OffsetDateTime now) {
    jdbc.update(
        "UPDATE hub_event SET routed_at = :now WHERE id = :id",
        new MapSqlParameterSource().addValue("id", eventId).addValue("now", now));
  }

  /**
   * Gives the event back: due again when its earliest waiting leg is, never when nothing waits. An
   * event whose routing was reset meanwhile (a replay) is due at once.
   */
  public void release(String eventId, String instance, OffsetDateTime now) {
    releases.write(
        new MapSqlParameterSource()
            .addValue("id", eventId)
            .addValue("instance", instance)
            .addValue("now", now));
  }

  /** Events given back at about the same time, in one transaction, in id order. */
  private void writeReleases(List<MapSqlParameterSource> batch) {
    List<MapSqlParameterSource> sorted = new ArrayList<>(batch);
    sorted.sort(Comparator.comparing(p -> (String) p.getValue("id")));
    releaseTransactions.executeWithoutResult(
        tx ->
            jdbc.batchUpdate(
                """
                UPDATE hub_event SET
                  claimed_by = NULL,
                  claimed_until = NULL,
                  dispatch_due_at = CASE WHEN routed_at IS NULL THEN :now ELSE
                    (SELECT MIN(l.next_attempt_at) FROM hub_delivery_leg l
                     WHERE l.event_id = hub_event.id AND l.status IN ('pending', 'retrying')) END
                WHERE id = :id AND claimed_by = :instance
                """,
                sorted.toArray(MapSqlParameterSource[]::new)));
  }

  /** Gives the event back to be tried again at {@code dueAt} (its routing failed). */
  public void postpone(String eventId, String instance, OffsetDateTime dueAt) {
    jdbc.update(
        "UPDATE hub_event SET claimed_by = NULL, claimed_until = NULL, dispatch_due_at = :due"
            + " WHERE id = :id AND claimed_by = :instance",
        new MapSqlParameterSource()
            .addValue("id", eventId)
            .addValue("instance", instance)
            .addValue("due", dueAt));
  }

  /**
   * Frees every claim this instance holds: at shutdown, and at start-up for claims its previous run
   * left behind when it died.
   */
  public int releaseAll(String instance) {
    return jdbc.update(
        "UPDATE hub_event SET claimed_by = NULL, claimed_until = NULL WHERE claimed_by = :instance",
        Map.of("instance", instance));
  }

  /**
   * Frees this instance's claims on events none of its workers holds (after a database failure left
   * them claimed); they stay due as they were, so they are claimed again at once.
   */
  public int releaseIdle(String instance, java.util.Collection<String> busy) {
    MapSqlParameterSource params = new MapSqlParameterSource().addValue("instance", instance);
    String sql =
        "UPDATE hub_event SET claimed_by = NULL, claimed_until = NULL WHERE claimed_by = :instance";
    if (!busy.isEmpty()) {
      sql += " AND id NOT IN (:busy)";
      params.addValue("busy", busy);
    }
    return jdbc.update(sql, params);
  }

  /** Makes the event due now (replay), unless it is due sooner. */
  public void dueNow(String eventId, OffsetDateTime now, boolean replan) {
    jdbc.update(
        "UPDATE hub_event SET dispatch_due_at = :now"
            + (replan ? ", routed_at = NULL" : "")
            + " WHERE id = :id AND kind <> 'pre'",
        new MapSqlParameterSource().addValue("id", eventId).addValue("now", now));
  }
}
