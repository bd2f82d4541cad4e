package com.ordercloudhub.hub.ops;

import com.ordercloudhub.hub.support.EmbeddedPostgresServer;
import com.ordercloudhub.hub.support.HubTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The charts' figures on PostgreSQL (embedded binaries, loopback), as production runs it. */
@HubTest
class ChartsApiPostgresTest extends ChartsApiContract {

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    String url = EmbeddedPostgresServer.newDatabase();
    registry.add("spring.datasource.url", () -> url);
    registry.add("spring.datasource.username", () -> "postgres");
    registry.add("spring.datasource.password", () -> "postgres");
  }

  @Override
  void preferIndexes(JdbcTemplate jdbc) {
    // in this transaction only: a scan of the few test rows would otherwise be cheaper
    jdbc.execute("SET LOCAL enable_seqscan = off");
  }
}
