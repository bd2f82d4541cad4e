package com.ordercloudhub.hub.kafka;

import com.ordercloudhub.hub.config.SecretRule;
import com.ordercloudhub.hub.config.SettingException;
import com.ordercloudhub.hub.event.EventCatalogue;
import com.ordercloudhub.hub.event.EventStore;
import com.ordercloudhub.hub.inbound.InboundProperties;
import com.ordercloudhub.hub.inbound.OcEnvelope;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.apache.camel.Processor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** The Kafka intake's beans: only when {@code hub.kafka.bootstrap-servers} is set. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("!'${hub.kafka.bootstrap-servers:}'.trim().isEmpty()")
@EnableConfigurationProperties(KafkaIntakeProperties.class)
class KafkaIntakeConfig {

  @Bean
  KafkaIntakeRoute kafkaIntakeRoute(KafkaIntakeProperties properties) {
    check(properties);
    return new KafkaIntakeRoute(properties);
  }

  @Bean
  KafkaMonitor kafkaMonitor(
      KafkaIntakeProperties properties, MeterRegistry meters, SecretRule secrets, Clock clock) {
    check(properties);
    return new KafkaMonitor(properties, meters, secrets, clock);
  }

  @Bean
  KafkaIntake kafkaIntake(
      KafkaIntakeProperties properties,
      InboundProperties inbound,
      OcEnvelope envelope,
      EventCatalogue catalogue,
      EventStore store,
      NamedParameterJdbcTemplate jdbc,
      SecretRule secrets,
      Clock clock,
      MeterRegistry meters,
      KafkaMonitor monitor) {
    long limit =
        properties.maxValueSize() != null
            ? properties.maxValueSize().toBytes()
            : inbound.maxBodySize().toBytes();
    return new KafkaIntake(
        envelope,
        catalogue,
        store,
        new KafkaRejections(jdbc, secrets, clock, meters),
        monitor,
        limit,
        properties.storeRetryBackoff(),
        properties.storeRetryBackoffMax());
  }

  @Bean
  Processor kafkaIntakeStore(KafkaIntake intake) {
    return intake::store;
  }

  @Bean
  Processor kafkaIntakeCommit(KafkaIntake intake) {
    return intake::commit;
  }

  private static void check(KafkaIntakeProperties properties) {
    if (properties.topicNames().isEmpty()) {
      throw new SettingException(
          "KAFKA_TOPICS",
          "hub.kafka.topics",
          "is empty while KAFKA_BOOTSTRAP_SERVERS is set",
          "name the Delivery Config's Topic, e.g. ordercloud-sync");
    }
    if (!KafkaIntakeProperties.PROTOCOLS.contains(properties.securityProtocol())) {
      throw new SettingException(
          "KAFKA_SECURITY_PROTOCOL",
          "hub.kafka.security-protocol",
          "must be one of " + KafkaIntakeProperties.PROTOCOLS,
          "set SASL_SSL (the default, with PLAIN) for Event Hubs or Confluent Cloud");
    }
    if (properties.sasl()
        && (properties.saslUsername().isBlank() || properties.saslPassword().isEmpty())) {
      throw new SettingException(
          "KAFKA_SASL_USERNAME",
          "hub.kafka.sasl-username",
          "and KAFKA_SASL_PASSWORD are required with " + properties.securityProtocol(),
          "set both (Event Hubs: username $ConnectionString, the connection string as password)");
    }
    if (properties.consumers() < 1 || properties.maxPollRecords() < 1) {
      throw new SettingException(
          "KAFKA_CONSUMERS",
          "hub.kafka.consumers",
          "and hub.kafka.max-poll-records must be at least 1",
          "set e.g. 1 and 100");
    }
  }
}
