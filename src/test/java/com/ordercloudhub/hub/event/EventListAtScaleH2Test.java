package com.ordercloudhub.hub.event;

import com.ordercloudhub.hub.support.HubTest;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The event list at 100,000 events on H2, the embedded default. */
@HubTest
class EventListAtScaleH2Test extends EventListAtScaleContract {

  @Override
  String plan(String sql, Map<String, Object> params) {
    return named.queryForList("EXPLAIN " + sql, params, String.class).stream()
        .collect(Collectors.joining("\n"));
  }

  @Override
  boolean scansEvents(String plan) {
    return plan.toLowerCase(Locale.ROOT).contains("hub_event.tablescan");
  }

  @Override
  void analyze() {
    jdbc.execute("ANALYZE");
  }

  @Override
  String seedEvents() {
    return """
        INSERT INTO hub_event (id, kind, event_type, route, verb, log_id, dedupe_key,
         body_sha256, body_bytes, received_at, payload, routed_at)
        SELECT 'seed-' || LPAD(CAST(x AS VARCHAR), 31, '0'),
               CASE WHEN MOD(x, 10) = 0 THEN 'message' ELSE 'post' END,
               CASE WHEN MOD(x, 10) = 0 THEN 'message.ordersubmitted'
                    WHEN MOD(x, 5) = 0 THEN 'order.submitted'
                    WHEN MOD(x, 5) = 1 THEN 'order.approved'
                    WHEN MOD(x, 5) = 2 THEN 'shipment.created'
                    WHEN MOD(x, 5) = 3 THEN 'user.updated'
                    ELSE 'address.saved' END,
               CASE WHEN MOD(x, 10) = 0 THEN NULL ELSE 'v1/orders/{direction}/{orderID}/submit' END,
               CASE WHEN MOD(x, 10) = 0 THEN NULL ELSE 'POST' END,
               'log-' || CAST(x AS VARCHAR),
               LPAD(CAST(x AS VARCHAR), 64, '0'),
               LPAD(CAST(x AS VARCHAR), 64, 'f'),
               2048, DATEADD(SECOND, -x, CURRENT_TIMESTAMP), '{"seeded":' || CAST(x AS VARCHAR) || '}', DATEADD(SECOND, -x, CURRENT_TIMESTAMP)
        FROM SYSTEM_RANGE(0, 99999) AS r(x)
        """;
  }

  @Override
  String seedLegs() {
    return """
        INSERT INTO hub_delivery_leg (id, event_id, destination, status, attempts, last_error,
         idempotency_key, created_at, updated_at, delivered_at)
        SELECT 'leg-' || LPAD(CAST(x AS VARCHAR), 32, '0'),
               'seed-' || LPAD(CAST(x AS VARCHAR), 31, '0'),
               (CASE MOD(x, 4) WHEN 0 THEN 'database' WHEN 1 THEN 'erp' WHEN 2 THEN 'crm' ELSE 'email' END),
               CASE WHEN MOD(x, 101) = 7 THEN 'dead' ELSE 'delivered' END,
               1,
               CASE WHEN MOD(x, 101) = 7 THEN 'HTTP 422 from the test' END,
               'seed-' || LPAD(CAST(x AS VARCHAR), 31, '0') || ':' || (CASE MOD(x, 4) WHEN 0 THEN 'database' WHEN 1 THEN 'erp' WHEN 2 THEN 'crm' ELSE 'email' END),
               DATEADD(SECOND, -x, CURRENT_TIMESTAMP), DATEADD(SECOND, -x, CURRENT_TIMESTAMP),
               CASE WHEN MOD(x, 101) = 7 THEN NULL ELSE DATEADD(SECOND, -x, CURRENT_TIMESTAMP) END
        FROM SYSTEM_RANGE(0, 99999) AS r(x)
        """;
  }
}
