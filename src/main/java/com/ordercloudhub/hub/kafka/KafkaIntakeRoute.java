package com.ordercloudhub.hub.kafka;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.component.kafka.KafkaConfiguration;
import org.apache.camel.component.kafka.KafkaEndpoint;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The Kafka intake route, {@code kafka-intake}: read a record, store it (or keep it as rejected),
 * then commit its offset. A Java route rather than a YAML file in routes/inbound: it exists only
 * when {@code hub.kafka.bootstrap-servers} is set (a {@code kafka:} endpoint in a YAML file would
 * be started, and reloaded, on every hub), and its SASL password is set on the endpoint's
 * configuration, so it is in no endpoint URI that Camel logs, dumps or shows in Hawtio.
 *
 * <p>Offsets are committed by hand ({@code autoCommitEnable=false}, {@code
 * allowManualCommit=true}), each one after its record's event committed. A step that fails (the
 * database is down) leaves the offset; {@code breakOnFirstError=true} makes the consumer read the
 * partition again from that record, after the intake's back-off.
 */
class KafkaIntakeRoute extends RouteBuilder {

  static final String ROUTE_ID = "kafka-intake";

  private final KafkaIntakeProperties properties;

  KafkaIntakeRoute(KafkaIntakeProperties properties) {
    this.properties = properties;
  }

  @Override
  public void configure() {
    // built here rather than looked up: the context's endpoint strategies (the dry-run guard) would
    // hand back a wrapper, and the registry would share it; this endpoint is the route's alone
    KafkaComponent component = getContext().getComponent("kafka", KafkaComponent.class);
    KafkaConfiguration config = component.getConfiguration().copy();
    String topics = String.join(",", properties.topicNames());
    config.setTopic(topics);
    KafkaEndpoint endpoint = new KafkaEndpoint("kafka:" + topics, component);
    endpoint.setConfiguration(config);
    config.setBrokers(properties.bootstrapServers());
    config.setGroupId(properties.groupId());
    config.setClientId(properties.groupId());
    config.setConsumersCount(properties.consumers());
    config.setMaxPollRecords(properties.maxPollRecords());
    config.setAutoCommitEnable(false);
    config.setAllowManualCommit(true);
    config.setBreakOnFirstError(true);
    // a group that has committed nothing yet starts at the oldest record: nothing sent before the
    // first hub started is skipped
    config.setAutoOffsetReset("earliest");
    config.setKeyDeserializer(ByteArrayDeserializer.class.getName());
    // the value once, as bytes: hashed, size-checked and parsed from this one array
    config.setValueDeserializer(ByteArrayDeserializer.class.getName());
    config.setMaxPartitionFetchBytes(bytes(properties.maxPartitionFetchBytes().toBytes()));
    config.setFetchMaxBytes(bytes(properties.fetchMaxBytes().toBytes()));
    config.setReconnectBackoffMs(millis(properties.reconnectBackoff().toMillis()));
    config.setReconnectBackoffMaxMs(millis(properties.reconnectBackoffMax().toMillis()));
    config.setSecurityProtocol(properties.securityProtocol());
    if (properties.sasl()) {
      config.setSaslMechanism("PLAIN");
      config.setSaslJaasConfig(properties.jaasConfig());
    }
    errorHandler(noErrorHandler());
    from(endpoint)
        .routeId(ROUTE_ID)
        .routeDescription("OrderCloud Delivery Config Kafka target: store, then commit the offset")
        .process("kafkaIntakeStore")
        .id("kafka-intake-store")
        .process("kafkaIntakeCommit")
        .id("kafka-intake-commit");
  }

  /** The security settings the consumer and the monitor's admin client share. */
  static Map<String, Object> clientSecurity(KafkaIntakeProperties properties) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, properties.securityProtocol());
    if (properties.sasl()) {
      config.put(SaslConfigs.SASL_MECHANISM, "PLAIN");
      config.put(SaslConfigs.SASL_JAAS_CONFIG, properties.jaasConfig());
    }
    return config;
  }

  private static int bytes(long value) {
    return (int) Math.min(Integer.MAX_VALUE, value);
  }

  private static int millis(long value) {
    return (int) Math.min(Integer.MAX_VALUE, Math.max(1, value));
  }
}
