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
  String series() {
    return "SYSTEM_RANGE(0, 99999) AS r(x)";
  }

  @Override
  String ago() {
    return "DATEADD(SECOND, -x, CURRENT_TIMESTAMP)";
  }
}
