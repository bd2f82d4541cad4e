package com.ordercloudhub.hub.event;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * A post-hook that arrives after the reconciler recovered its event (OrderCloud's call was slow, or
 * the hub was refusing it and it came later): answered as a duplicate of the recovered event, so an
 * order never gets a second {@code order.submitted}. Only for the event types the reconciler
 * recovers and only while reconciliation is on: otherwise nothing is looked up, and intake costs
 * what it did.
 */
final class LateWebhooks {

  private final NamedParameterJdbcTemplate jdbc;
  private volatile Set<String> types = Set.of();
  private volatile Function<ReceivedEvent, String> businessKeyOf = event -> null;

  LateWebhooks(NamedParameterJdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Turns the check on for these types, with the event catalogue's business key of a call. */
  void answer(Set<String> eventTypes, Function<ReceivedEvent, String> businessKey) {
    this.businessKeyOf = businessKey;
    this.types = Set.copyOf(eventTypes);
  }

  /**
   * The recovered event this post-hook repeats, its duplicate counted; empty when it repeats none
   * (or is not of a recovered type).
   */
  Optional<EventReceipt> recoveredBefore(ReceivedEvent event, OffsetDateTime now) {
    if (event.kind() != EventKind.POST || !types.contains(event.eventType())) {
      return Optional.empty();
    }
    String key = businessKeyOf.apply(event);
    if (key == null) {
      return Optional.empty();
    }
    MapSqlParameterSource params =
        new MapSqlParameterSource()
            .addValue("key", key)
            .addValue("type", event.eventType())
            .addValue("origin", EventOrigin.RECONCILED)
            .addValue("now", now);
    List<String> recovered =
        jdbc.queryForList(
            "SELECT id FROM hub_event WHERE business_key = :key AND event_type = :type"
                + " AND origin = :origin ORDER BY received_at, id LIMIT 1",
            params,
            String.class);
    if (recovered.isEmpty()) {
      return Optional.empty();
    }
    jdbc.update(
        "UPDATE hub_event SET duplicates = duplicates + 1, last_duplicate_at = :now WHERE id = :id",
        params.addValue("id", recovered.get(0)));
    return Optional.of(new EventReceipt(recovered.get(0), event.eventType(), true));
  }
}
