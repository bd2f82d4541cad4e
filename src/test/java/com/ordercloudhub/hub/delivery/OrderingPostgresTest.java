package com.ordercloudhub.hub.delivery;

import com.ordercloudhub.hub.support.DeliveryTest;
import com.ordercloudhub.hub.support.EmbeddedPostgresServer;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Ordering per business key on PostgreSQL (embedded binaries), as production runs it. */
@DeliveryTest
class OrderingPostgresTest extends OrderingContract {

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    String url = EmbeddedPostgresServer.newDatabase();
    registry.add("spring.datasource.url", () -> url);
    registry.add("spring.datasource.username", () -> "postgres");
    registry.add("spring.datasource.password", () -> "postgres");
  }
}
