package com.ordercloudhub.hub.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.ordercloudhub.hub.support.Fixtures;
import com.ordercloudhub.hub.support.Webhooks;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Events stored before search existed get their fields from the backfill: all of them up to the
 * newest event the migration saw, and after a stop it goes on from the last batch it committed
 * (what it did before is not read again).
 */
abstract class EventFieldBackfillContract {

  @Autowired JdbcTemplate jdbc;
  @Autowired EventFieldBackfill backfill;

  /** Ids that sort before every real event id (time-ordered UUIDs start with 01…). */
  private String[] storedBeforeSearch(String orderId) {
    String prefix = "00000000-bf" + UUID.randomUUID().toString().substring(0, 8) + "-";
    String[] ids = {prefix + "1", prefix + "2", prefix + "3"};
    for (String id : ids) {
      jdbc.update(
          "INSERT INTO hub_event (id, kind, event_type, log_id, dedupe_key, body_sha256,"
              + " body_bytes, received_at, payload, business_key)"
              + " VALUES (?, 'post', 'order.submitted', ?, ?, ?, 10, CURRENT_TIMESTAMP, ?, ?)",
          id,
          "log-" + id,
          "bf-" + id,
          "bf-" + id,
          Webhooks.orderSubmitted(orderId + id.substring(id.length() - 1)).toString(),
          "order:" + orderId + id.substring(id.length() - 1));
    }
    return ids;
  }

  private List<String> orders(String... ids) {
    return jdbc.queryForList(
        "SELECT field_value FROM hub_event_field WHERE name = 'order' AND event_id IN (?, ?, ?)"
            + " ORDER BY event_id",
        String.class,
        (Object[]) ids);
  }

  @Test
  void oldEventsGetTheirFieldsAndAStoppedBackfillGoesOnWhereItStopped() {
    String orderId = "SO-bf-" + UUID.randomUUID().toString().substring(0, 6) + "-";
    String[] ids = storedBeforeSearch(orderId);
    jdbc.update(
        "UPDATE hub_event_field_backfill SET last_id = NULL, until_id = ?, done_at = NULL"
            + " WHERE name = 'fields'",
        ids[2]);
    assertThat(orders(ids)).isEmpty();

    assertThat(backfill.run()).isGreaterThanOrEqualTo(3);

    assertThat(orders(ids)).containsExactly(orderId + "1", orderId + "2", orderId + "3");
    assertThat(
            jdbc.queryForObject(
                "SELECT field_value FROM hub_event_field WHERE event_id = ? AND name = 'email'",
                String.class,
                ids[0]))
        .isEqualTo(
            Fixtures.json(Fixtures.bytes(Fixtures.POST_ORDER_SUBMIT))
                .at("/Response/Body/FromUser/Email")
                .asText());
    assertThat(
            jdbc.queryForObject(
                "SELECT last_id FROM hub_event_field_backfill WHERE name = 'fields'", String.class))
        .isEqualTo(ids[2]);
    assertThat(
            jdbc.queryForObject(
                "SELECT COUNT(*) FROM hub_event_field_backfill WHERE name = 'fields'"
                    + " AND done_at IS NOT NULL",
                Integer.class))
        .isEqualTo(1);
    // done: a second run reads nothing
    assertThat(backfill.run()).isZero();

    // stopped after the first event: the rest is done at the next start, the first not read again
    jdbc.update("DELETE FROM hub_event_field WHERE event_id IN (?, ?, ?)", (Object[]) ids);
    jdbc.update(
        "UPDATE hub_event_field_backfill SET last_id = ?, done_at = NULL WHERE name = 'fields'",
        ids[0]);

    assertThat(backfill.run()).isEqualTo(2);

    assertThat(orders(ids)).containsExactly(orderId + "2", orderId + "3");
  }
}
