package com.ordercloudhub.hub.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.ordercloudhub.hub.support.EmbeddedPostgresServer;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The ordering check stays one cheap query as the ledger grows: on PostgreSQL with 40,000 events
 * and legs (keys with hundreds of delivered legs among them) and statistics, it reads the ledger
 * and the event table only through indexes.
 */
class LegOrderPlanPostgresTest {

  @Test
  void theCheckBeforeEachAttemptReadsOnlyThroughIndexes() {
    DriverManagerDataSource db =
        new DriverManagerDataSource(EmbeddedPostgresServer.newDatabase(), "postgres", "postgres");
    Flyway.configure().dataSource(db).load().migrate();
    NamedParameterJdbcTemplate jdbc = new NamedParameterJdbcTemplate(db);
    // 400 keys of 100 events each, every event routed with one delivered erp leg; a few retrying
    jdbc.getJdbcTemplate()
        .update(
            """
            INSERT INTO hub_event (id, kind, event_type, dedupe_key, body_sha256, body_bytes,
              occurred_at, received_at, payload, routed_at, business_key)
            SELECT 'evt-' || LPAD(CAST(x AS VARCHAR), 8, '0'), 'post', 'order.updated',
                   LPAD(CAST(x AS VARCHAR), 64, '0'), 'x', 2,
                   TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00' + x * INTERVAL '1 second',
                   TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00' + x * INTERVAL '1 second',
                   '{}', TIMESTAMP WITH TIME ZONE '2026-01-02 00:00:00+00',
                   'order:K' || CAST(MOD(x, 400) AS VARCHAR)
            FROM generate_series(1, 40000) AS s(x)
            """);
    jdbc.getJdbcTemplate()
        .update(
            """
            INSERT INTO hub_delivery_leg (id, event_id, destination, status, attempts,
              idempotency_key, created_at, updated_at, business_key, ordered_at)
            SELECT 'leg-' || LPAD(CAST(x AS VARCHAR), 8, '0'), 'evt-' || LPAD(CAST(x AS VARCHAR), 8, '0'),
                   'erp', CASE WHEN MOD(x, 997) = 0 THEN 'retrying' ELSE 'delivered' END, 1,
                   'evt-' || LPAD(CAST(x AS VARCHAR), 8, '0') || ':erp',
                   TIMESTAMP WITH TIME ZONE '2026-01-02 00:00:00+00',
                   TIMESTAMP WITH TIME ZONE '2026-01-02 00:00:00+00',
                   'order:K' || CAST(MOD(x, 400) AS VARCHAR),
                   TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00' + x * INTERVAL '1 second'
            FROM generate_series(1, 40000) AS s(x)
            """);
    jdbc.getJdbcTemplate().execute("ANALYZE");

    List<String> plan =
        jdbc.queryForList(
            "EXPLAIN " + LegOrder.BLOCKERS, Map.of("id", "leg-00039999"), String.class);
    String text = String.join("\n", plan);

    assertThat(text)
        .as(text)
        .contains("ix_hub_delivery_leg_order", "ix_hub_event_business_key")
        .doesNotContain("Seq Scan on hub_delivery_leg", "Seq Scan on hub_event");
  }
}
