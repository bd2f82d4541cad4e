package com.ordercloudhub.hub.support;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.springframework.jdbc.core.JdbcTemplate;

/** Reads an event's legs from the delivery ledger, and waits for one to reach a status. */
public final class Legs {

  private final JdbcTemplate jdbc;

  public Legs(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * The leg's row (status, attempts, last_error, note, idempotency_key), or empty before planning.
   */
  public Map<String, Object> of(String eventId, String destination) {
    List<Map<String, Object>> rows =
        jdbc.queryForList(
            "SELECT status, attempts, last_error, note, idempotency_key FROM hub_delivery_leg"
                + " WHERE event_id = ? AND destination = ?",
            eventId,
            destination);
    return rows.isEmpty() ? Map.of() : rows.get(0);
  }

  public String status(String eventId, String destination) {
    return (String) of(eventId, destination).get("status");
  }

  /** Waits for the leg to be in this status and returns its row. */
  public Map<String, Object> awaitStatus(String eventId, String destination, String status) {
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> status.equals(status(eventId, destination)));
    return of(eventId, destination);
  }

  /** "destination: reason" for each skipped leg of the event, by destination. */
  public List<String> skipped(String eventId) {
    return jdbc.queryForList(
        "SELECT destination || ': ' || last_error FROM hub_delivery_leg WHERE event_id = ?"
            + " AND status = 'skipped' ORDER BY destination",
        String.class,
        eventId);
  }
}
