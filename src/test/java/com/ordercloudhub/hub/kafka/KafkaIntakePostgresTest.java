package com.ordercloudhub.hub.kafka;

import com.ordercloudhub.hub.support.EmbeddedPostgresServer;
import com.ordercloudhub.hub.support.HubTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The Kafka intake contract on PostgreSQL (embedded binaries, loopback), as production runs it. */
@HubTest
class KafkaIntakePostgresTest extends KafkaIntakeContract {

  static final String TOPIC = "ordercloud-sync-pg";
  static final String GROUP = "hub-pg";

  @DynamicPropertySource
  static void postgresAndKafka(DynamicPropertyRegistry registry) {
    String url = EmbeddedPostgresServer.newDatabase();
    registry.add("spring.datasource.url", () -> url);
    registry.add("spring.datasource.username", () -> "postgres");
    registry.add("spring.datasource.password", () -> "postgres");
    intake(registry, TOPIC, GROUP);
  }

  @Override
  String topic() {
    return TOPIC;
  }

  @Override
  String group() {
    return GROUP;
  }
}
