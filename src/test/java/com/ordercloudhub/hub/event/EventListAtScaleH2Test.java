package com.ordercloudhub.hub.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.ordercloudhub.hub.support.HubTest;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * The event list at 100,000 events on H2, the embedded default. In a context (and database) of its
 * own with the dispatcher off: in the shared one, the backlog earlier tests left (GroupCommitTest's
 * thousands of order.submitted events) was being routed throughout, and its writes and CPU made
 * every figure here 10–100 times what the list costs.
 */
@HubTest
@TestPropertySource(properties = "hub.delivery.enabled=false")
class EventListAtScaleH2Test extends EventListAtScaleContract {

  /**
   * The dead-leg filter is a probe of the leg index per event read newest first, never an
   * uncorrelated {@code IN (SELECT …)}: H2 re-runs such a subquery whenever anything in the
   * database was written since its last run, and under the full build (a dispatcher routing a
   * backlog beside this test) that took 5–8 s a page and emptied the connection pool; with the
   * probe it is ~10 ms. Asserted on H2's EXPLAIN ANALYZE: the index walk in received_at order, a
   * correlated index lookup per event, about 51 × 101 seeded events read for 51 rows with one leg
   * in 101 dead, plus the events other tests stored in this database (all newer).
   */
  @Test
  void theDeadLegFilterProbesTheLegIndexPerEventNewestFirst() {
    EventStore.ListQuery list = store.listQuery(query("dead legs"));

    String plan =
        explain("EXPLAIN ANALYZE " + list.sql(), list.params().getValues())
            .toLowerCase(Locale.ROOT);

    assertThat(plan)
        .contains("/* public.ix_hub_event_received */")
        .containsPattern("hub_delivery_leg\\S*_index\\S*: event_id = hub_event.id \\*/")
        .contains("/* index sorted */");
    long eventsRead =
        Long.parseLong(
            Pattern.compile("ix_hub_event_received \\*/\\s+/\\* scancount: (\\d+)")
                .matcher(plan)
                .results()
                .findFirst()
                .orElseThrow(() -> new AssertionError("no scan count in\n" + plan))
                .group(1));
    // events other tests stored in this database are newer than the seeded ones: read too
    long others =
        jdbc.queryForObject(
            "SELECT COUNT(*) FROM hub_event WHERE id NOT LIKE 'seed-%'", Long.class);
    assertThat(eventsRead).isBetween(51L, 51L * 101 + 101 + others);
  }

  String explain(String statement, Map<String, Object> params) {
    return named.queryForList(statement, params, String.class).stream()
        .collect(Collectors.joining("\n"));
  }

  @Override
  String plan(String sql, Map<String, Object> params) {
    return explain("EXPLAIN " + sql, params);
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
  String series() {
    return "SYSTEM_RANGE(0, 99999) AS r(x)";
  }

  @Override
  String ago() {
    return "DATEADD(SECOND, -x, CURRENT_TIMESTAMP)";
  }
}
