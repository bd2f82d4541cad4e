package com.ordercloudhub.hub.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ordercloudhub.hub.event.ReceivedEvent;
import com.ordercloudhub.hub.support.EmbeddedKafkaServer;
import com.ordercloudhub.hub.support.StoreProbe;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The Kafka intake against a real broker, on each database (H2 and PostgreSQL subclasses): both
 * value shapes OrderCloud's samples read, the type beside the value, and a poison record kept and
 * committed past without its value.
 */
abstract class KafkaIntakeContract {

  static final Duration WAIT = Duration.ofSeconds(60);

  @Autowired JdbcTemplate jdbc;

  StoreProbe store;

  abstract String topic();

  abstract String group();

  static EmbeddedKafkaServer kafka() {
    return EmbeddedKafkaServer.shared();
  }

  /** The intake on the shared broker, reading its own topic (4 partitions) in its own group. */
  static void intake(DynamicPropertyRegistry registry, String topic, String group) {
    kafka().createTopic(topic, 4);
    registry.add("hub.kafka.bootstrap-servers", () -> kafka().bootstrapServers());
    registry.add("hub.kafka.topics", () -> topic);
    registry.add("hub.kafka.group-id", () -> group);
    registry.add("hub.kafka.security-protocol", () -> "PLAINTEXT");
    registry.add("hub.kafka.monitor-interval", () -> "300ms");
    registry.add("hub.kafka.store-retry-backoff", () -> "100ms");
    registry.add("hub.kafka.store-retry-backoff-max", () -> "500ms");
    registry.add("hub.kafka.reconnect-backoff", () -> "100ms");
    registry.add("hub.kafka.reconnect-backoff-max", () -> "1s");
    registry.add("hub.kafka.max-value-size", () -> "64KB");
  }

  @BeforeEach
  void probe() {
    store = new StoreProbe(jdbc);
  }

  static String orderSync(String orderId) {
    return "{\"ID\":\""
        + orderId
        + "\",\"LastUpdated\":\"2026-12-03T10:00:00+00:00\",\"Total\":172.80,"
        + "\"Status\":\"Open\",\"LineItems\":[{\"ID\":\"L1\",\"Quantity\":2}]}";
  }

  List<Map<String, Object>> kafkaEvents(String entityId) {
    return jdbc.queryForList(
        "SELECT kind, event_type, origin, log_id, duplicates FROM hub_event WHERE log_id = ?",
        entityId);
  }

  /** Every partition's committed offset reached its end: nothing is left to be read again. */
  void awaitAllCommitted() {
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(kafka().committed(group(), topic()))
                    .containsAllEntriesOf(withoutEmpty(kafka().endOffsets(topic(), 4))));
  }

  private static Map<Integer, Long> withoutEmpty(Map<Integer, Long> ends) {
    ends.values().removeIf(end -> end == 0);
    return ends;
  }

  // --- value shapes ---------------------------------------------------------------------------

  @Test
  void theEnvelopeAndABareValueWithItsTypeBesideAreStoredAsKafkaEvents() {
    String order = "SO-K-" + UUID.randomUUID();
    String buyer = "buyer-" + UUID.randomUUID();
    String product = "prod-" + UUID.randomUUID();
    kafka()
        .send(
            topic(),
            order,
            "{\"Headers\":{\"type\":\"sitecore.ordercloud.messages.ordersync.updated\"},"
                + "\"Payload\":"
                + orderSync(order)
                + "}",
            Map.of());
    kafka()
        .send(
            topic(),
            buyer,
            "{\"ID\":\"" + buyer + "\",\"Name\":\"Buyer\",\"Active\":true}",
            Map.of("type", "sitecore.ordercloud.messages.entitysync.buyer.updated"));
    kafka()
        .send(
            topic(),
            product,
            "{\"ID\":\"" + product + "\",\"Name\":\"Widget\"}",
            Map.of("ce_type", "sitecore.ordercloud.messages.product.updated"));

    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(kafkaEvents(order))
                  .singleElement()
                  .satisfies(
                      row ->
                          assertThat(row)
                              .containsEntry("kind", "sync")
                              .containsEntry("event_type", "order.synced")
                              .containsEntry("origin", "kafka"));
              assertThat(kafkaEvents(buyer))
                  .singleElement()
                  .satisfies(row -> assertThat(row).containsEntry("event_type", "buyer.synced"));
              assertThat(kafkaEvents(product))
                  .singleElement()
                  .satisfies(row -> assertThat(row).containsEntry("event_type", "product.synced"));
            });
    awaitAllCommitted();
  }

  @Test
  void aWebhookInsideThePayloadIsStoredAsThePostHookItIs() {
    String logId = "kafka-log-" + UUID.randomUUID();
    kafka()
        .send(
            topic(),
            "SO-W1",
            "{\"Headers\":{\"type\":\"sitecore.ordercloud.messages.webhook\"},\"Payload\":{"
                + "\"Route\":\"v1/orders/{direction}/{orderID}/submit\","
                + "\"RouteParams\":{\"direction\":\"Outgoing\",\"orderID\":\"SO-W1\"},"
                + "\"Verb\":\"POST\",\"LogID\":\""
                + logId
                + "\",\"Response\":{\"Body\":{\"ID\":\"SO-W1\"}}}}",
            Map.of());

    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(kafkaEvents(logId))
                    .singleElement()
                    .satisfies(
                        row ->
                            assertThat(row)
                                .containsEntry("kind", "post")
                                .containsEntry("event_type", "order.submitted")
                                .containsEntry("origin", "kafka")));
  }

  // --- poison records -------------------------------------------------------------------------

  @Test
  void aPoisonRecordIsKeptWithoutItsValueAndTheNextRecordIsStored() {
    String marker = "poison-" + UUID.randomUUID();
    byte[] poison =
        ("{\"ID\":\"" + marker + "\",\"Password\":\"hunter2-" + marker + "\"")
            .getBytes(StandardCharsets.UTF_8); // unterminated: not JSON
    String next = "SO-after-" + UUID.randomUUID();
    RecordMetadata bad =
        kafka()
            .send(
                topic(),
                0,
                "key-" + marker,
                poison,
                Map.of("type", "sitecore.ordercloud.messages.ordersync.updated"));
    kafka()
        .send(
            topic(),
            0,
            next,
            orderSync(next).getBytes(StandardCharsets.UTF_8),
            Map.of("type", "sitecore.ordercloud.messages.ordersync.updated"));
    RecordMetadata untyped =
        kafka()
            .send(
                topic(),
                0,
                null,
                ("{\"ID\":\"" + marker + "-untyped\"}").getBytes(StandardCharsets.UTF_8),
                Map.of());

    await().atMost(WAIT).untilAsserted(() -> assertThat(kafkaEvents(next)).hasSize(1));
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(kafka().committed(group(), topic()).get(0))
                    .isGreaterThan(untyped.offset()));
    Map<String, Object> rejected =
        jdbc.queryForMap(
            "SELECT * FROM hub_kafka_rejected WHERE topic = ? AND kafka_partition = 0"
                + " AND kafka_offset = ?",
            topic(),
            bad.offset());
    assertThat(rejected)
        .containsEntry("record_key", "key-" + marker)
        .containsEntry("value_sha256", ReceivedEvent.sha256Hex(poison))
        .containsEntry("value_bytes", (long) poison.length);
    assertThat((String) rejected.get("reason")).startsWith("malformed_json");
    assertThat(
            jdbc.queryForObject(
                "SELECT reason FROM hub_kafka_rejected WHERE topic = ? AND kafka_offset = ?"
                    + " AND kafka_partition = 0",
                String.class,
                topic(),
                untyped.offset()))
        .contains("type is missing");
    // the value is never stored: not the poison's password, nor its ID
    assertThat(store.everything())
        .doesNotContain("hunter2-" + marker)
        .doesNotContain(marker + "\"");
  }

  @Test
  void aValueOverTheLimitIsRejectedUnread() {
    String id = "big-" + UUID.randomUUID();
    byte[] big =
        ("{\"ID\":\"" + id + "\",\"Pad\":\"" + "x".repeat(70_000) + "\"}")
            .getBytes(StandardCharsets.UTF_8);
    RecordMetadata sent =
        kafka()
            .send(
                topic(),
                1,
                null,
                big,
                Map.of("type", "sitecore.ordercloud.messages.ordersync.updated"));

    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(
                        jdbc.queryForList(
                            "SELECT reason FROM hub_kafka_rejected WHERE topic = ?"
                                + " AND kafka_partition = 1 AND kafka_offset = ?",
                            String.class,
                            topic(),
                            sent.offset()))
                    .singleElement()
                    .asString()
                    .startsWith("value_too_large"));
    assertThat(kafkaEvents(id)).isEmpty();
  }
}
