package com.ordercloudhub.hub.kafka;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The Kafka intake (hub.kafka), the consumer side of an OrderCloud Delivery Config's Kafka target.
 *
 * @param bootstrapServers the brokers, {@code host:port,…}; empty: the intake is off
 * @param topics the topics read, comma-separated (DeliveryTargets.Kafka.Topic)
 * @param saslUsername SASL PLAIN user (Event Hubs: {@code $ConnectionString})
 * @param saslPassword SASL PLAIN password (Event Hubs: the connection string); never logged
 * @param securityProtocol SASL_SSL (default), SASL_PLAINTEXT, SSL or PLAINTEXT (local and tests)
 * @param groupId the consumer group: hubs sharing it share the partitions
 * @param consumers consumers in this hub (each its own KafkaConsumer in the group)
 * @param maxPollRecords records per poll; each is stored and committed before the next
 * @param maxPartitionFetchBytes bytes fetched per partition per request (the broker sends a larger
 *     first record whole anyway)
 * @param fetchMaxBytes bytes per fetch over all partitions, per consumer
 * @param maxValueSize a record value above this is rejected unread (like a webhook body over
 *     hub.inbound.max-body-size); null: the webhook limit
 * @param reconnectBackoff first wait before reconnecting to an unreachable broker
 * @param reconnectBackoffMax longest wait between reconnects
 * @param storeRetryBackoff first wait before a record whose store failed is read again
 * @param storeRetryBackoffMax longest such wait (stay well under the poll interval, 5 min)
 * @param monitorInterval how often lag and broker reachability are checked (one admin call each)
 */
@ConfigurationProperties("hub.kafka")
public record KafkaIntakeProperties(
    @DefaultValue("") String bootstrapServers,
    @DefaultValue("") List<String> topics,
    @DefaultValue("") String saslUsername,
    @DefaultValue("") String saslPassword,
    @DefaultValue("SASL_SSL") String securityProtocol,
    @DefaultValue("ordercloud-hub") String groupId,
    @DefaultValue("1") int consumers,
    @DefaultValue("100") int maxPollRecords,
    @DefaultValue("6MB") DataSize maxPartitionFetchBytes,
    @DefaultValue("16MB") DataSize fetchMaxBytes,
    DataSize maxValueSize,
    @DefaultValue("500ms") Duration reconnectBackoff,
    @DefaultValue("30s") Duration reconnectBackoffMax,
    @DefaultValue("500ms") Duration storeRetryBackoff,
    @DefaultValue("30s") Duration storeRetryBackoffMax,
    @DefaultValue("15s") Duration monitorInterval) {

  static final List<String> PROTOCOLS = List.of("SASL_SSL", "SASL_PLAINTEXT", "SSL", "PLAINTEXT");

  boolean sasl() {
    return securityProtocol.startsWith("SASL_");
  }

  /** The topics, trimmed, without empty names. */
  List<String> topicNames() {
    return topics.stream().map(String::trim).filter(t -> !t.isEmpty()).toList();
  }

  /** PlainLoginModule's JAAS line; the values quoted as JAAS reads them. */
  String jaasConfig() {
    return "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
        + quote(saslUsername)
        + "\" password=\""
        + quote(saslPassword)
        + "\";";
  }

  private static String quote(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  @Override
  public String toString() {
    return "KafkaIntakeProperties[bootstrapServers="
        + bootstrapServers
        + ", topics="
        + topics
        + ", securityProtocol="
        + securityProtocol
        + ", groupId="
        + groupId
        + ", saslPassword=[redacted]]";
  }
}
