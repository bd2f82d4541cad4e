package com.ordercloudhub.hub.kafka;

import com.ordercloudhub.hub.config.SecretRule;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;

/**
 * The Kafka intake's state for health and metrics. Every {@code hub.kafka.monitor-interval} one
 * admin round (describe the topics, their end offsets, the group's committed offsets; bounded by
 * the partitions of the configured topics) tells whether the brokers answer and how far the group
 * is behind: {@code hub.kafka.lag{topic,partition}} and {@code hub.kafka.lag.total}. The intake
 * reports store failures here (the record is read again, its offset not committed).
 */
public class KafkaMonitor implements InitializingBean, DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(KafkaMonitor.class);
  private static final int ADMIN_TIMEOUT_MS = 5_000;

  /** What health shows: degraded with a reason, or fine, and the details. */
  public record State(boolean degraded, String reason, Map<String, Object> details) {}

  private final KafkaIntakeProperties properties;
  private final MeterRegistry meters;
  private final SecretRule secrets;
  private final Clock clock;
  private final Map<TopicPartition, AtomicLong> lag = new ConcurrentHashMap<>();
  private final AtomicLong totalLag = new AtomicLong();
  private volatile Admin admin;
  private volatile ScheduledExecutorService schedule;
  private volatile String brokerProblem = "not checked yet";
  private volatile Instant brokerProblemSince;
  private volatile Instant lastChecked;
  private volatile String storeProblem;
  private volatile Instant storeProblemSince;
  private final AtomicLong storeFailures = new AtomicLong();

  KafkaMonitor(
      KafkaIntakeProperties properties, MeterRegistry meters, SecretRule secrets, Clock clock) {
    this.properties = properties;
    this.meters = meters;
    this.secrets = secrets;
    this.clock = clock;
    this.brokerProblemSince = clock.instant();
  }

  @Override
  public void afterPropertiesSet() {
    Gauge.builder("hub.kafka.lag.total", totalLag, AtomicLong::get)
        .description("Records on the intake's topics not yet committed by its group")
        .register(meters);
    Properties config = new Properties();
    config.putAll(KafkaIntakeRoute.clientSecurity(properties));
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrapServers());
    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, ADMIN_TIMEOUT_MS);
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, ADMIN_TIMEOUT_MS);
    config.put(
        AdminClientConfig.RECONNECT_BACKOFF_MS_CONFIG, properties.reconnectBackoff().toMillis());
    config.put(
        AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG,
        properties.reconnectBackoffMax().toMillis());
    config.put(AdminClientConfig.CLIENT_ID_CONFIG, properties.groupId() + "-monitor");
    admin = Admin.create(config);
    schedule =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "kafka-monitor");
              thread.setDaemon(true);
              return thread;
            });
    long every = Math.max(100, properties.monitorInterval().toMillis());
    schedule.scheduleWithFixedDelay(this::check, 0, every, TimeUnit.MILLISECONDS);
  }

  @Override
  public void destroy() {
    if (schedule != null) {
      schedule.shutdownNow();
    }
    if (admin != null) {
      admin.close(java.time.Duration.ofSeconds(2));
    }
  }

  /** One admin round: reachability and lag. Never throws (the schedule would stop). */
  void check() {
    try {
      List<String> topics = properties.topicNames();
      Map<String, TopicDescription> described =
          admin.describeTopics(topics).allTopicNames().get(ADMIN_TIMEOUT_MS, TimeUnit.MILLISECONDS);
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      described
          .values()
          .forEach(
              d ->
                  d.partitions()
                      .forEach(
                          p ->
                              latest.put(
                                  new TopicPartition(d.name(), p.partition()),
                                  OffsetSpec.latest())));
      Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
          admin.listOffsets(latest).all().get(ADMIN_TIMEOUT_MS, TimeUnit.MILLISECONDS);
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin
              .listConsumerGroupOffsets(properties.groupId())
              .partitionsToOffsetAndMetadata()
              .get(ADMIN_TIMEOUT_MS, TimeUnit.MILLISECONDS);
      long total = 0;
      for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end :
          ends.entrySet()) {
        OffsetAndMetadata done = committed.get(end.getKey());
        long behind = Math.max(0, end.getValue().offset() - (done == null ? 0 : done.offset()));
        gauge(end.getKey()).set(behind);
        total += behind;
      }
      totalLag.set(total);
      if (brokerProblem != null) {
        log.info("Kafka brokers answer again; intake lag {} records", total);
      }
      brokerProblem = null;
      brokerProblemSince = null;
      lastChecked = clock.instant();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      String reason =
          "brokers not reachable: "
              + cause.getClass().getSimpleName()
              + (cause.getMessage() == null ? "" : ": " + secrets.mask(cause.getMessage()));
      if (brokerProblem == null) {
        brokerProblemSince = clock.instant();
        log.warn("Kafka intake: {}", reason);
      }
      brokerProblem = reason.length() > 300 ? reason.substring(0, 300) + "…" : reason;
      lastChecked = clock.instant();
    }
  }

  private AtomicLong gauge(TopicPartition partition) {
    return lag.computeIfAbsent(
        partition,
        p -> {
          AtomicLong value = new AtomicLong();
          Gauge.builder("hub.kafka.lag", value, AtomicLong::get)
              .description("Records of a partition not yet committed by the intake's group")
              .tag("topic", p.topic())
              .tag("partition", Integer.toString(p.partition()))
              .register(meters);
          return value;
        });
  }

  /** The store failed for a record (it is read again after a back-off). */
  void storeFailed(String reason) {
    storeFailures.incrementAndGet();
    if (storeProblem == null) {
      storeProblemSince = clock.instant();
    }
    storeProblem = reason;
  }

  /** A record was stored (or rejected and kept): the store answers. */
  void storeAnswered() {
    if (storeProblem != null) {
      storeProblem = null;
      storeProblemSince = null;
    }
  }

  /** The total lag at the last check. */
  public long totalLag() {
    return totalLag.get();
  }

  public State state() {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("topics", properties.topicNames());
    details.put("groupId", properties.groupId());
    details.put("lag", totalLag.get());
    details.put("lastChecked", lastChecked);
    details.put("storeFailures", storeFailures.get());
    String broker = brokerProblem;
    String store = storeProblem;
    if (broker != null) {
      details.put("brokerProblemSince", brokerProblemSince);
    }
    if (store != null) {
      details.put("storeProblemSince", storeProblemSince);
    }
    String reason =
        broker != null && store != null
            ? broker + "; store failing: " + store
            : broker != null ? broker : store != null ? "store failing: " + store : null;
    if (reason != null) {
      details.put("reason", reason);
    }
    return new State(reason != null, reason, details);
  }
}
