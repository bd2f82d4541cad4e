package com.ordercloudhub.hub.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ordercloudhub.hub.support.HubTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.kafka.KafkaConstants;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The Kafka intake contract on H2, plus what needs the route itself: an offset committed only after
 * the store (a commit that fails once makes the record be read again, and deduplicated), two
 * consumers of one group sharing four partitions, lag and health.
 */
@HubTest
class KafkaIntakeH2Test extends KafkaIntakeContract {

  static final String TOPIC = "ordercloud-sync-h2";
  static final String GROUP = "hub-h2";

  @Autowired CamelContext camel;
  @Autowired MeterRegistry meters;

  @Autowired
  @Qualifier("kafkaHealthIndicator")
  HealthIndicator health;

  @DynamicPropertySource
  static void kafka(DynamicPropertyRegistry registry) {
    intake(registry, TOPIC, GROUP);
    registry.add("hub.kafka.consumers", () -> "2");
  }

  @Override
  String topic() {
    return TOPIC;
  }

  @Override
  String group() {
    return GROUP;
  }

  @Test
  void anOffsetIsCommittedOnlyAfterTheStoreSoARecordWhoseCommitFailedIsReadAgainAndDeduplicated()
      throws Exception {
    String order = "SO-commit-" + UUID.randomUUID();
    AtomicBoolean failed = new AtomicBoolean();
    AdviceWith.adviceWith(
        camel,
        KafkaIntakeRoute.ROUTE_ID,
        route ->
            route
                .weaveById("kafka-intake-commit")
                .before()
                .process(
                    exchange -> {
                      byte[] key = exchange.getIn().getHeader(KafkaConstants.KEY, byte[].class);
                      if (key != null
                          && new String(key).equals(order)
                          && failed.compareAndSet(false, true)) {
                        // the event is committed to the store; the consumer dies before its commit
                        throw new IllegalStateException("consumer stopped before the commit");
                      }
                    }));
    var sent =
        kafka()
            .send(
                TOPIC,
                order,
                orderSync(order),
                Map.of("type", "sitecore.ordercloud.messages.ordersync.updated"));

    // read again after the failed commit: the same event, counted as its duplicate
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(kafkaEvents(order))
                    .singleElement()
                    .satisfies(
                        row ->
                            assertThat(((Number) row.get("duplicates")).intValue()).isEqualTo(1)));
    assertThat(failed).isTrue();
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(kafka().committed(GROUP, TOPIC).get(sent.partition()))
                    .isGreaterThan(sent.offset()));
  }

  @Test
  void twoConsumersOfOneGroupShareFourPartitionsAndStoreEveryRecordOnce() {
    String batch = "SO-many-" + UUID.randomUUID() + "-";
    for (int i = 0; i < 200; i++) {
      kafka()
          .send(
              TOPIC,
              batch + i,
              orderSync(batch + i),
              Map.of("type", "sitecore.ordercloud.messages.ordersync.updated"));
    }

    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(
                        jdbc.queryForObject(
                            "SELECT COUNT(*) FROM hub_event WHERE log_id LIKE ? AND origin = 'kafka'",
                            Integer.class,
                            batch + "%"))
                    .isEqualTo(200));
    assertThat(
            jdbc.queryForObject(
                "SELECT COUNT(DISTINCT log_id) FROM hub_event WHERE log_id LIKE ?",
                Integer.class,
                batch + "%"))
        .isEqualTo(200);
    // each record read once: no record was stored twice and deduplicated
    assertThat(
            jdbc.queryForObject(
                "SELECT SUM(duplicates) FROM hub_event WHERE log_id LIKE ?",
                Integer.class,
                batch + "%"))
        .isZero();
    assertThat(kafka().membersWithPartitions(GROUP)).isEqualTo(2);
    assertThat(
            jdbc.queryForList(
                "SELECT DISTINCT kind FROM hub_event WHERE log_id LIKE ?",
                String.class,
                batch + "%"))
        .isEqualTo(List.of("sync"));
    awaitAllCommitted();
    // lag: the gauges follow the group's commits
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(meters.get("hub.kafka.lag.total").gauge().value()).isZero();
              assertThat(meters.find("hub.kafka.lag").tag("topic", TOPIC).gauges()).hasSize(4);
            });
    assertThat(health.health().getStatus()).isEqualTo(Status.UP);
    assertThat(health.health().getDetails()).containsEntry("groupId", GROUP);
  }
}
