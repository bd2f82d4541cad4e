package com.ordercloudhub.hub.support;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A real Kafka broker (spring-kafka-test's embedded KRaft broker, in the test JVM, loopback) and
 * what the Kafka tests do with it: create topics, send records as OrderCloud would, read the
 * committed offsets of a group.
 */
public final class EmbeddedKafkaServer implements AutoCloseable {

  private static EmbeddedKafkaServer shared;

  private final EmbeddedKafkaKraftBroker broker;
  private final int port;
  private KafkaProducer<byte[], byte[]> producer;

  private EmbeddedKafkaServer(int port) {
    this.broker = new EmbeddedKafkaKraftBroker(1, 4);
    if (port > 0) {
      broker.kafkaPorts(port);
    }
    broker.brokerProperty("auto.create.topics.enable", "false");
    broker.brokerProperty("group.initial.rebalance.delay.ms", "0");
    broker.brokerProperty("offsets.topic.replication.factor", "1");
    broker.afterPropertiesSet();
    String servers = broker.getBrokersAsString();
    this.port = Integer.parseInt(servers.substring(servers.lastIndexOf(':') + 1));
  }

  /** The broker shared by the test run, started on first use. */
  public static synchronized EmbeddedKafkaServer shared() {
    if (shared == null) {
      shared = new EmbeddedKafkaServer(0);
      Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
    }
    return shared;
  }

  /** A broker of its own (a test that stops it), on this port, or any free one with 0. */
  public static EmbeddedKafkaServer start(int port) {
    return new EmbeddedKafkaServer(port);
  }

  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  public void createTopic(String topic, int partitions) {
    try (Admin admin = admin()) {
      admin
          .createTopics(List.of(new NewTopic(topic, partitions, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
        throw new IllegalStateException("Topic " + topic + " was not created", e);
      }
    } catch (InterruptedException | TimeoutException e) {
      throw new IllegalStateException("Topic " + topic + " was not created", e);
    }
  }

  /** Sends one record and waits for the broker's acknowledgement; returns where it landed. */
  public synchronized RecordMetadata send(
      String topic, Integer partition, String key, byte[] value, Map<String, String> headers) {
    if (producer == null) {
      Properties config = new Properties();
      config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
      config.put(ProducerConfig.ACKS_CONFIG, "all");
      config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
      config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
      config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 20_000);
      config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
      config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
      producer = new KafkaProducer<>(config);
    }
    ProducerRecord<byte[], byte[]> record =
        new ProducerRecord<>(
            topic, partition, key == null ? null : key.getBytes(StandardCharsets.UTF_8), value);
    headers.forEach(
        (name, text) -> record.headers().add(name, text.getBytes(StandardCharsets.UTF_8)));
    try {
      return producer.send(record).get(30, TimeUnit.SECONDS);
    } catch (InterruptedException | ExecutionException | TimeoutException e) {
      throw new IllegalStateException("Record to " + topic + " was not acknowledged", e);
    }
  }

  public RecordMetadata send(String topic, String key, String value, Map<String, String> headers) {
    return send(topic, null, key, value.getBytes(StandardCharsets.UTF_8), headers);
  }

  /** The group's committed offset per partition of the topic (absent: nothing committed). */
  public Map<Integer, Long> committed(String group, String topic) {
    try (Admin admin = admin()) {
      Map<TopicPartition, OffsetAndMetadata> offsets =
          admin
              .listConsumerGroupOffsets(group)
              .partitionsToOffsetAndMetadata()
              .get(20, TimeUnit.SECONDS);
      return offsets.entrySet().stream()
          .filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
          .collect(Collectors.toMap(e -> e.getKey().partition(), e -> e.getValue().offset()));
    } catch (InterruptedException | ExecutionException | TimeoutException e) {
      throw new IllegalStateException("Offsets of " + group + " not read", e);
    }
  }

  /** The end offset (next offset to be written) of each partition of the topic. */
  public Map<Integer, Long> endOffsets(String topic, int partitions) {
    try (Admin admin = admin()) {
      Map<TopicPartition, OffsetSpec> latest =
          java.util.stream.IntStream.range(0, partitions)
              .boxed()
              .collect(
                  Collectors.toMap(p -> new TopicPartition(topic, p), p -> OffsetSpec.latest()));
      return admin.listOffsets(latest).all().get(20, TimeUnit.SECONDS).entrySet().stream()
          .collect(Collectors.toMap(e -> e.getKey().partition(), e -> e.getValue().offset()));
    } catch (InterruptedException | ExecutionException | TimeoutException e) {
      throw new IllegalStateException("End offsets of " + topic + " not read", e);
    }
  }

  /** How many members the group has, each with at least one partition of the topic. */
  public int membersWithPartitions(String group) {
    try (Admin admin = admin()) {
      return (int)
          admin
              .describeConsumerGroups(List.of(group))
              .all()
              .get(20, TimeUnit.SECONDS)
              .get(group)
              .members()
              .stream()
              .filter(m -> !m.assignment().topicPartitions().isEmpty())
              .count();
    } catch (InterruptedException | ExecutionException | TimeoutException e) {
      throw new IllegalStateException("Group " + group + " not described", e);
    }
  }

  public Admin admin() {
    Properties config = new Properties();
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 20_000);
    return Admin.create(config);
  }

  @Override
  public synchronized void close() {
    if (producer != null) {
      producer.close(Duration.ofSeconds(2));
      producer = null;
    }
    broker.destroy();
  }
}
