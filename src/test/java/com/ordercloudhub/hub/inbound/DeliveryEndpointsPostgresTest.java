package com.ordercloudhub.hub.inbound;

import com.ordercloudhub.hub.support.EmbeddedPostgresServer;
import com.ordercloudhub.hub.support.HubTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The Delivery Configuration HTTP target on PostgreSQL (embedded binaries, loopback). */
@HubTest
class DeliveryEndpointsPostgresTest extends DeliveryEndpointsContract {

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    String url = EmbeddedPostgresServer.newDatabase();
    registry.add("spring.datasource.url", () -> url);
    registry.add("spring.datasource.username", () -> "postgres");
    registry.add("spring.datasource.password", () -> "postgres");
  }
}
