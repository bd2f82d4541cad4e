package com.ordercloudhub.hub.reconcile;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The reconciliation's row in {@code hub_reconcile_state}: its watermark, its last pass, and the
 * lease that lets exactly one hub on the database run a pass. The lease is taken with a conditional
 * UPDATE (only when free or expired), which the database serialises on the row: of two hubs asking
 * at once, one updates it and the other finds it taken. Same SQL on H2 and PostgreSQL.
 */
@Component
class ReconcileState {

  static final String ORDERS = "orders";

  /** The row as stored. */
  record Row(
      OffsetDateTime watermark,
      OffsetDateTime lastPassAt,
      String lastOutcome,
      Integer lastOrders,
      Integer lastRecovered,
      Integer lastPages,
      String lastError,
      String lockedBy,
      OffsetDateTime lockedUntil) {}

  /** What a finished pass leaves in the row. */
  record Finished(
      OffsetDateTime at,
      String outcome,
      int orders,
      int recovered,
      int pages,
      String error,
      OffsetDateTime watermark) {}

  private final NamedParameterJdbcTemplate jdbc;

  ReconcileState(NamedParameterJdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Takes the lease until {@code until} when it is free or expired; false when another holds it.
   */
  boolean tryLock(String instance, OffsetDateTime now, OffsetDateTime until) {
    MapSqlParameterSource params =
        new MapSqlParameterSource()
            .addValue("name", ORDERS)
            .addValue("me", instance)
            .addValue("now", now)
            .addValue("until", until);
    String take =
        "UPDATE hub_reconcile_state SET locked_by = :me, locked_until = :until"
            + " WHERE name = :name AND (locked_by IS NULL OR locked_until IS NULL"
            + " OR locked_until < :now)";
    if (jdbc.update(take, params) == 1) {
      return true;
    }
    if (read().isPresent()) {
      return false;
    }
    // the row the migration seeds is gone (a wiped table): seed it again, then ask once more
    jdbc.update(
        "INSERT INTO hub_reconcile_state (name) VALUES (:name) ON CONFLICT DO NOTHING", params);
    return jdbc.update(take, params) == 1;
  }

  /** Ends a pass: its figures recorded, the watermark set, the lease freed; false if lost. */
  boolean finish(String instance, Finished pass) {
    return jdbc.update(
            "UPDATE hub_reconcile_state SET watermark = :watermark, last_pass_at = :at,"
                + " last_outcome = :outcome, last_orders = :orders, last_recovered = :recovered,"
                + " last_pages = :pages, last_error = :error, locked_by = NULL,"
                + " locked_until = NULL WHERE name = :name AND locked_by = :me",
            new MapSqlParameterSource()
                .addValue("name", ORDERS)
                .addValue("me", instance)
                .addValue("watermark", pass.watermark())
                .addValue("at", pass.at())
                .addValue("outcome", pass.outcome())
                .addValue("orders", pass.orders())
                .addValue("recovered", pass.recovered())
                .addValue("pages", pass.pages())
                .addValue("error", pass.error()))
        == 1;
  }

  /** Frees a lease this instance left (it stopped or crashed during a pass); how many rows. */
  int releaseOwn(String instance) {
    return jdbc.update(
        "UPDATE hub_reconcile_state SET locked_by = NULL, locked_until = NULL"
            + " WHERE locked_by = :me",
        Map.of("me", instance));
  }

  Optional<Row> read() {
    List<Row> rows =
        jdbc.query(
            "SELECT * FROM hub_reconcile_state WHERE name = :name",
            Map.of("name", ORDERS),
            (rs, n) ->
                new Row(
                    rs.getObject("watermark", OffsetDateTime.class),
                    rs.getObject("last_pass_at", OffsetDateTime.class),
                    rs.getString("last_outcome"),
                    (Integer) rs.getObject("last_orders"),
                    (Integer) rs.getObject("last_recovered"),
                    (Integer) rs.getObject("last_pages"),
                    rs.getString("last_error"),
                    rs.getString("locked_by"),
                    rs.getObject("locked_until", OffsetDateTime.class)));
    return rows.stream().findFirst();
  }
}
