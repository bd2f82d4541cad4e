package com.ordercloudhub.hub.event;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Finds events by what people know: an order, shipment, return or user ID or an e-mail ({@link
 * EventFields}, exact in any case), a LogID (webhooks' or the Message Sender's, exact), an event
 * ID; and reads an order's or a user's events in time order. Every query goes through an index
 * (asserted with EXPLAIN in SearchAtScaleContract) and reads a bounded number of rows.
 */
@Component
public class EventSearch {

  static final String SUMMARY_COLUMNS =
      "e.id, e.kind, e.event_type, e.route, e.verb, e.log_id, e.message_type, e.oc_log_id,"
          + " e.recipient, e.body_bytes, e.occurred_at, e.received_at, e.duplicates,"
          + " e.last_duplicate_at, e.origin, e.business_key";

  /** One search query's SQL and parameters (apart, so a test can ask for its plan). */
  record Query(String sql, MapSqlParameterSource params) {}

  /**
   * An event a search found.
   *
   * @param match what matched: a field name ({@link EventFields#SEARCHED}), {@code log-id} or
   *     {@code event-id}
   * @param value the matched value as stored
   * @param businessKey the event's business key ({@code order:SO-1}), or null
   */
  public record Hit(
      String match,
      String value,
      String eventId,
      String eventType,
      OffsetDateTime receivedAt,
      String businessKey) {}

  /** An event of an order's or user's page. */
  public record Story(List<EventSummary> events, boolean more) {}

  private final NamedParameterJdbcTemplate jdbc;

  public EventSearch(NamedParameterJdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  static Query byField(String key, int limit) {
    return new Query(
        "SELECT f.name, f.field_value, e.id, e.event_type, e.received_at, e.business_key"
            + " FROM hub_event_field f JOIN hub_event e ON e.id = f.event_id"
            + " WHERE f.value_key = :key ORDER BY f.value_key DESC, f.event_id DESC LIMIT :limit",
        new MapSqlParameterSource().addValue("key", key).addValue("limit", limit));
  }

  static Query byColumn(String column, String value, int limit) {
    return new Query(
        "SELECT e.id, e.event_type, e.received_at, e.business_key FROM hub_event e WHERE e."
            + column
            + " = :value LIMIT :limit",
        new MapSqlParameterSource().addValue("value", value).addValue("limit", limit));
  }

  static Query ofKey(String businessKey, int limit) {
    return new Query(
        "SELECT "
            + SUMMARY_COLUMNS
            + " FROM hub_event e WHERE e.business_key = :key"
            + " ORDER BY e.business_key DESC, e.received_at DESC, e.id DESC LIMIT :limit",
        new MapSqlParameterSource().addValue("key", businessKey).addValue("limit", limit));
  }

  static Query ofField(String name, String value, int limit) {
    return new Query(
        "SELECT "
            + SUMMARY_COLUMNS
            + " FROM hub_event_field f JOIN hub_event e ON e.id = f.event_id"
            + " WHERE f.value_key = :key AND f.name = :name AND f.field_value = :value"
            + " ORDER BY f.value_key DESC, f.event_id DESC LIMIT :limit",
        new MapSqlParameterSource()
            .addValue("key", EventFields.key(value))
            .addValue("name", name)
            .addValue("value", value)
            .addValue("limit", limit));
  }

  /**
   * The events that match {@code q}, newest first per kind of match: at most {@code limit} per
   * kind. {@code q} is trimmed; the caller bounds its length.
   */
  public List<Hit> search(String q, int limit) {
    String text = q.trim();
    List<Hit> hits = new ArrayList<>();
    String key = EventFields.key(text);
    if (key != null) {
      Query fields = byField(key, limit);
      jdbc.query(
          fields.sql(),
          fields.params(),
          rs -> {
            hits.add(
                new Hit(
                    rs.getString("name"),
                    rs.getString("field_value"),
                    rs.getString("id"),
                    rs.getString("event_type"),
                    rs.getObject("received_at", OffsetDateTime.class),
                    rs.getString("business_key")));
          });
    }
    for (String column : List.of("id", "log_id", "oc_log_id")) {
      Query found = byColumn(column, text, limit);
      jdbc.query(
          found.sql(),
          found.params(),
          rs -> {
            hits.add(
                new Hit(
                    column.equals("id") ? "event-id" : "log-id",
                    text,
                    rs.getString("id"),
                    rs.getString("event_type"),
                    rs.getObject("received_at", OffsetDateTime.class),
                    rs.getString("business_key")));
          });
    }
    return hits;
  }

  /** The fields of these events, by event ID then name (for a page of at most a few hundred). */
  public Map<String, Map<String, String>> fieldsOf(Collection<String> eventIds) {
    Map<String, Map<String, String>> fields = new LinkedHashMap<>();
    if (eventIds.isEmpty()) {
      return fields;
    }
    jdbc.query(
        "SELECT event_id, name, field_value FROM hub_event_field WHERE event_id IN (:ids)",
        Map.of("ids", eventIds),
        rs -> {
          fields
              .computeIfAbsent(rs.getString("event_id"), id -> new LinkedHashMap<>())
              .put(rs.getString("name"), rs.getString("field_value"));
        });
    return fields;
  }

  /**
   * The newest {@code limit} events of a business key ({@code order:SO-1}), newest first, and
   * whether there are older ones.
   */
  public Story eventsOfKey(String businessKey, int limit) {
    return story(ofKey(businessKey, limit + 1), limit);
  }

  /** The newest {@code limit} events whose field {@code name} is exactly {@code value}. */
  public Story eventsWithField(String name, String value, int limit) {
    if (EventFields.key(value) == null) {
      return new Story(List.of(), false);
    }
    return story(ofField(name, value, limit + 1), limit);
  }

  private Story story(Query query, int limit) {
    List<EventSummary> found =
        jdbc.query(query.sql(), query.params(), (rs, n) -> EventStore.summary(rs));
    return found.size() > limit
        ? new Story(found.subList(0, limit), true)
        : new Story(found, false);
  }
}
