package com.ordercloudhub.hub.inbound;

import com.ordercloudhub.hub.support.EmbeddedPostgresServer;
import com.ordercloudhub.hub.support.HubTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Strict, exact input on PostgreSQL (embedded binaries), where a NUL in an identity failed the
 * insert (503 store_unavailable) and a NUL in a reporting column failed the upsert.
 */
@HubTest
class StrictInputPostgresTest extends StrictInputContract {

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    String url = EmbeddedPostgresServer.newDatabase();
    registry.add("spring.datasource.url", () -> url);
    registry.add("spring.datasource.username", () -> "postgres");
    registry.add("spring.datasource.password", () -> "postgres");
  }
}
