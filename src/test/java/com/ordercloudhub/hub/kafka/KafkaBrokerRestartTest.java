package com.ordercloudhub.hub.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ordercloudhub.hub.support.HubTest;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A broker restart, as in production: the broker is a process of its own (KRaft, one node, its log
 * on disk), stopped and started again on the same address and log. While it is gone the kafka
 * health component says so (DEGRADED, with the reason); once it is back the intake reconnects by
 * itself, stores what was sent after the restart, and repeats nothing.
 */
@HubTest
class KafkaBrokerRestartTest {

  static final String TOPIC = "ordercloud-sync-restart";
  static final String GROUP = "hub-restart";
  static final String TYPE = "sitecore.ordercloud.messages.ordersync.updated";
  static Path dir;
  static int port;
  static Process broker;

  @Autowired JdbcTemplate jdbc;

  @Autowired
  @Qualifier("kafkaHealthIndicator")
  HealthIndicator health;

  @DynamicPropertySource
  static void kafka(DynamicPropertyRegistry registry) throws Exception {
    dir = Files.createTempDirectory(Path.of("target"), "kafka-restart-");
    port = freePort();
    int controller = freePort();
    Files.writeString(
        dir.resolve("server.properties"),
        String.join(
            "\n",
            "process.roles=broker,controller",
            "node.id=1",
            "controller.quorum.voters=1@127.0.0.1:" + controller,
            "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controller,
            "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
            "controller.listener.names=CONTROLLER",
            "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
            "inter.broker.listener.name=PLAINTEXT",
            "log.dirs=" + dir.resolve("data").toAbsolutePath(),
            "offsets.topic.replication.factor=1",
            "transaction.state.log.replication.factor=1",
            "transaction.state.log.min.isr=1",
            "group.initial.rebalance.delay.ms=0",
            "auto.create.topics.enable=false",
            ""));
    Process format =
        java(
                "kafka.tools.StorageTool",
                "format",
                "-t",
                Uuid.randomUuid().toString(),
                "-c",
                dir.resolve("server.properties").toString())
            .redirectOutput(dir.resolve("format.log").toFile())
            .start();
    assertThat(format.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(format.exitValue()).as("kafka-storage format").isZero();
    startBroker();
    try (Admin admin = admin()) {
      admin
          .createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
    }
    KafkaIntakeContract.intake(registry, "unused-" + UUID.randomUUID(), GROUP);
    registry.add("hub.kafka.bootstrap-servers", () -> "127.0.0.1:" + port);
    registry.add("hub.kafka.topics", () -> TOPIC);
  }

  /** The JVM running the tests starts the broker with the same classes (kafka_2.13 is on them). */
  static ProcessBuilder java(String main, String... args) {
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                main));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectErrorStream(true);
  }

  static void startBroker() throws Exception {
    broker =
        java("kafka.Kafka", dir.resolve("server.properties").toString())
            .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("broker.log").toFile()))
            .start();
    await()
        .atMost(Duration.ofSeconds(60))
        .ignoreExceptions()
        .until(
            () -> {
              try (Admin admin = admin()) {
                return !admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty();
              }
            });
  }

  static void stopBroker() throws InterruptedException {
    broker.destroy(); // SIGTERM: a clean shutdown that keeps the log, as a restart does
    if (!broker.waitFor(60, TimeUnit.SECONDS)) {
      broker.destroyForcibly().waitFor();
    }
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (broker != null) {
      stopBroker();
    }
  }

  static Admin admin() {
    return Admin.create(
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + port,
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000));
  }

  static void send(String orderId) throws Exception {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + port);
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
      ProducerRecord<String, String> record =
          new ProducerRecord<>(TOPIC, orderId, KafkaIntakeContract.orderSync(orderId));
      record.headers().add("type", TYPE.getBytes(StandardCharsets.UTF_8));
      producer.send(record).get(30, TimeUnit.SECONDS);
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  int stored(String id) {
    return jdbc.queryForObject(
        "SELECT COUNT(*) FROM hub_event WHERE log_id = ? AND origin = 'kafka'", Integer.class, id);
  }

  @Test
  void theIntakeShowsTheOutageAndStoresWhatIsSentAfterTheBrokerIsBack() throws Exception {
    String before = "SO-before-" + UUID.randomUUID();
    send(before);
    await().atMost(Duration.ofSeconds(60)).until(() -> stored(before) == 1);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> health.health().getStatus().getCode().equals("UP"));

    stopBroker();
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              assertThat(health.health().getStatus().getCode()).isEqualTo("DEGRADED");
              assertThat((String) health.health().getDetails().get("reason"))
                  .startsWith("brokers not reachable");
            });

    startBroker();
    String after = "SO-after-" + UUID.randomUUID();
    send(after);

    await().atMost(Duration.ofSeconds(90)).until(() -> stored(after) == 1);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> health.health().getStatus().getCode().equals("UP"));
    // the record read before the outage was committed then: not read and stored again
    assertThat(stored(before)).isEqualTo(1);
    assertThat(
            jdbc.queryForObject(
                "SELECT COALESCE(SUM(duplicates), 0) FROM hub_event WHERE origin = 'kafka'",
                Integer.class))
        .isZero();
  }
}
