package com.ordercloudhub.hub.event;

import com.ordercloudhub.hub.support.HubTest;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.test.context.TestPropertySource;

/**
 * Search at 100,000 events on H2, the embedded default, with the dispatcher off (as {@link
 * EventListAtScaleH2Test}), in a context and database of its own (the setting given only makes it
 * so): that test's first page must be its own newest seeded events.
 */
@HubTest
@TestPropertySource(properties = {"hub.delivery.enabled=false", "hub.search.max-results=50"})
class SearchAtScaleH2Test extends SearchAtScaleContract {

  @Override
  String plan(String sql, Map<String, Object> params) {
    return named.queryForList("EXPLAIN " + sql, params, String.class).stream()
        .collect(Collectors.joining("\n"));
  }

  @Override
  boolean scans(String plan) {
    String text = plan.toLowerCase(Locale.ROOT);
    return text.contains("hub_event.tablescan") || text.contains("hub_event_field.tablescan");
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
