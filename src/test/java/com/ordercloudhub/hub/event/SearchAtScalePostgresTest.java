package com.ordercloudhub.hub.event;

import com.ordercloudhub.hub.support.EmbeddedPostgresServer;
import com.ordercloudhub.hub.support.HubTest;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Search at 100,000 events on PostgreSQL (embedded binaries), as production runs it. */
@HubTest
class SearchAtScalePostgresTest extends SearchAtScaleContract {

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    String url = EmbeddedPostgresServer.newDatabase();
    registry.add("spring.datasource.url", () -> url);
    registry.add("spring.datasource.username", () -> "postgres");
    registry.add("spring.datasource.password", () -> "postgres");
  }

  @Override
  String plan(String sql, Map<String, Object> params) {
    return named.queryForList("EXPLAIN " + sql, params, String.class).stream()
        .collect(Collectors.joining("\n"));
  }

  @Override
  boolean scans(String plan) {
    return plan.contains("Seq Scan on hub_event");
  }

  @Override
  void analyze() {
    jdbc.execute("ANALYZE hub_event");
    jdbc.execute("ANALYZE hub_event_field");
  }

  @Override
  String series() {
    return "generate_series(0, 99999) AS r(x)";
  }

  @Override
  String ago() {
    return "CURRENT_TIMESTAMP - x * INTERVAL '1 second'";
  }
}
