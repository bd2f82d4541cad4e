package com.ordercloudhub.hub.ops;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Writes ledger rows at known times, as the hub would have written them, for the charts' tests:
 * events (not due for dispatch, so the running hub leaves them alone), legs, attempts and pre-hook
 * decisions.
 */
final class ChartLedger {

  private final JdbcTemplate jdbc;

  ChartLedger(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  static OffsetDateTime at(Instant time) {
    return OffsetDateTime.ofInstant(time, ZoneOffset.UTC);
  }

  /** A received event of the type and kind; its id. */
  String event(String kind, String eventType, Instant received) {
    String id = UUID.randomUUID().toString();
    jdbc.update(
        "INSERT INTO hub_event (id, kind, event_type, dedupe_key, body_sha256, body_bytes,"
            + " received_at, payload) VALUES (?, ?, ?, ?, ?, 2, ?, '{}')",
        id,
        kind,
        eventType,
        "charts-" + id,
        "0".repeat(64),
        at(received));
    return id;
  }

  /** A leg of the event; its id. {@code delivered} may be null. */
  String leg(
      String eventId,
      String destination,
      String status,
      Instant created,
      Instant updated,
      Instant delivered) {
    String id = UUID.randomUUID().toString();
    jdbc.update(
        "INSERT INTO hub_delivery_leg (id, event_id, destination, status, idempotency_key,"
            + " created_at, updated_at, delivered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        id,
        eventId,
        destination,
        status,
        eventId + ":" + destination,
        at(created),
        at(updated),
        delivered == null ? null : at(delivered));
    return id;
  }

  void attempt(String legId, String outcome, Instant started) {
    jdbc.update(
        "INSERT INTO hub_delivery_attempt (id, leg_id, attempt, started_at, duration_ms, outcome,"
            + " instance) VALUES (?, ?, 1, ?, 12, ?, 'charts-test')",
        UUID.randomUUID().toString(),
        legId,
        at(started),
        outcome);
  }

  void decision(String eventId, boolean proceed, int durationMs, Instant decided) {
    jdbc.update(
        "INSERT INTO hub_prehook_decision (id, event_id, proceed, answer, duration_ms, decided_at)"
            + " VALUES (?, ?, ?, '{}', ?, ?)",
        UUID.randomUUID().toString(),
        eventId,
        proceed,
        durationMs,
        at(decided));
  }
}
