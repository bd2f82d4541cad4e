package com.ordercloudhub.hub.delivery;

import com.ordercloudhub.hub.support.EmbeddedPostgresServer;
import com.ordercloudhub.hub.support.HubTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Delivery on PostgreSQL (embedded binaries), as production runs it. */
@HubTest
class DeliveryPostgresTest extends DeliveryContract {

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    String url = EmbeddedPostgresServer.newDatabase();
    registry.add("spring.datasource.url", () -> url);
    registry.add("spring.datasource.username", () -> "postgres");
    registry.add("spring.datasource.password", () -> "postgres");
  }
}
