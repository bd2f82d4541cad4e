package com.ordercloudhub.hub.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ordercloudhub.hub.support.HubTest;
import com.ordercloudhub.hub.support.RestartablePostgres;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The database goes away while records arrive: nothing is committed past the record that could not
 * be stored, the kafka health component says the store is failing, and once the database is back
 * every record is stored once and the group's offsets reach the end of the topic.
 */
@HubTest
class KafkaStoreOutageTest {

  static final String TOPIC = "ordercloud-sync-outage";
  static final String GROUP = "hub-outage";
  static final Duration WAIT = Duration.ofSeconds(60);
  static RestartablePostgres postgres;

  @Autowired JdbcTemplate jdbc;

  @Autowired
  @Qualifier("kafkaHealthIndicator")
  HealthIndicator health;

  @DynamicPropertySource
  static void ownPostgresAndKafka(DynamicPropertyRegistry registry) throws IOException {
    postgres = RestartablePostgres.startFor(registry, "pg-kafka-outage-");
    KafkaIntakeContract.intake(registry, TOPIC, GROUP);
  }

  @AfterAll
  static void stop() throws IOException {
    postgres.stop();
  }

  int stored(String orderId) {
    return jdbc.queryForObject(
        "SELECT COUNT(*) FROM hub_event WHERE log_id = ? AND origin = 'kafka'",
        Integer.class,
        orderId);
  }

  static void send(String orderId) {
    KafkaIntakeContract.kafka()
        .send(
            TOPIC,
            orderId,
            KafkaIntakeContract.orderSync(orderId),
            Map.of("type", "sitecore.ordercloud.messages.ordersync.updated"));
  }

  static long committedTotal() {
    return KafkaIntakeContract.kafka().committed(GROUP, TOPIC).values().stream()
        .mapToLong(Long::longValue)
        .sum();
  }

  static long endTotal() {
    return KafkaIntakeContract.kafka().endOffsets(TOPIC, 4).values().stream()
        .mapToLong(Long::longValue)
        .sum();
  }

  @Test
  void recordsThatArriveWhileTheDatabaseIsDownAreStoredOnceWhenItReturnsAndCommittedOnlyThen()
      throws IOException {
    String before = "SO-before-" + UUID.randomUUID();
    send(before);
    await().atMost(WAIT).untilAsserted(() -> assertThat(stored(before)).isEqualTo(1));
    await().atMost(WAIT).untilAsserted(() -> assertThat(committedTotal()).isEqualTo(endTotal()));

    postgres.stop();
    String[] during = new String[6];
    for (int i = 0; i < during.length; i++) {
      during[i] = "SO-during-" + i + "-" + UUID.randomUUID();
      send(during[i]);
    }
    long committedBefore = committedTotal();
    try {
      await()
          .atMost(WAIT)
          .untilAsserted(
              () -> {
                Health shown = health.health();
                assertThat(shown.getStatus().getCode()).isEqualTo("DEGRADED");
                assertThat(String.valueOf(shown.getDetails())).contains("store failing");
              });
      // while the store fails, the group commits nothing past what was stored
      assertThat(committedTotal()).isEqualTo(committedBefore);
      assertThat(endTotal()).isEqualTo(committedBefore + during.length);
    } finally {
      postgres.start();
    }

    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              for (String orderId : during) {
                assertThat(stored(orderId)).as(orderId).isEqualTo(1);
              }
            });
    await().atMost(WAIT).untilAsserted(() -> assertThat(committedTotal()).isEqualTo(endTotal()));
    assertThat(stored(before)).isEqualTo(1);
    await()
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(health.health().getStatus().getCode()).isEqualTo("UP"));
  }
}
