package com.ordercloudhub.hub.ops;

import com.ordercloudhub.hub.config.SettingException;
import com.ordercloudhub.hub.delivery.DeliveryGauges;
import com.ordercloudhub.hub.delivery.DeliveryProperties;
import com.ordercloudhub.hub.delivery.Destination;
import com.ordercloudhub.hub.delivery.Dispatcher;
import com.ordercloudhub.hub.event.EventStore;
import com.ordercloudhub.hub.kafka.KafkaMonitor;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.actuate.jdbc.DataSourceHealthIndicator;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The hub's own health, for the readiness group: the dispatcher (running, and how far behind the
 * oldest due leg is) and each destination's recent record from the ledger. A destination is never
 * called from a health check. Both report {@code DEGRADED} (HTTP 200) rather than DOWN: a slow ERP
 * must not take the hub out of its load balancer; only the database does that.
 */
@Configuration(proxyBeanMethods = false)
class HubHealth {

  static final Status DEGRADED = new Status("DEGRADED");
  private static final Duration RECENT_COMMIT = Duration.ofSeconds(2);

  /**
   * The checks that touch a shared resource answer from a snapshot (see HealthSnapshots). Static
   * and bound by hand: a bean post-processor is created before configuration properties are.
   */
  @Bean
  static HealthSnapshots healthSnapshots(Environment environment) {
    Binder binder = Binder.get(environment);
    List<String> names =
        binder
            .bind("hub.health.snapshot", Bindable.listOf(String.class))
            .orElse(
                List.of(
                    "db",
                    "camelHealth",
                    "camelReadinessState",
                    "camelLivenessState",
                    "diskSpace",
                    "ssl"));
    Duration refresh =
        binder.bind("hub.health.refresh", Duration.class).orElse(Duration.ofSeconds(1));
    Duration maxAge =
        binder.bind("hub.health.max-age", Duration.class).orElse(Duration.ofSeconds(5));
    if (refresh.isNegative() || refresh.isZero()) {
      throw new SettingException(
          "HUB_HEALTH_REFRESH", "hub.health.refresh", "must be above zero", "set e.g. 1s");
    }
    if (maxAge.compareTo(refresh) <= 0) {
      throw new SettingException(
          "HUB_HEALTH_MAX_AGE",
          "hub.health.max-age",
          "must be longer than hub.health.refresh (" + refresh + ")",
          "set e.g. 5s");
    }
    return new HealthSnapshots(names, refresh, maxAge);
  }

  /**
   * The database: UP when the event store committed within the last two seconds (a flood can hold
   * every pool connection; the commits prove the database answers), else a validation on a pooled
   * connection, as Spring Boot's own check does. Answered from a snapshot like the others.
   */
  @Bean("dbHealthIndicator")
  HealthIndicator dbHealth(DataSource dataSource, EventStore store) {
    DataSourceHealthIndicator validation = new DataSourceHealthIndicator(dataSource);
    return () ->
        store
            .sinceLastCommit()
            .filter(since -> since.compareTo(RECENT_COMMIT) < 0)
            .map(since -> Health.up().withDetail("lastCommitMillisAgo", since.toMillis()).build())
            .orElseGet(validation::health);
  }

  @Bean("dispatcherHealthIndicator")
  HealthIndicator dispatcherHealth(
      Dispatcher dispatcher, DeliveryGauges gauges, DeliveryProperties delivery) {
    Duration lagWarning = delivery.lagWarning();
    return () -> {
      Duration lag = gauges.oldestDue();
      Health.Builder health =
          !delivery.enabled()
              ? Health.up().withDetail("enabled", false)
              : !dispatcher.isRunning()
                  ? Health.down().withDetail("running", false)
                  : lag.compareTo(lagWarning) > 0 ? Health.status(DEGRADED) : Health.up();
      return health
          .withDetail("instance", dispatcher.instance())
          .withDetail("oldestDueSeconds", lag.toSeconds())
          .withDetail("lagWarningSeconds", lagWarning.toSeconds())
          .build();
    };
  }

  @Bean("destinationsHealthIndicator")
  HealthIndicator destinationsHealth(DeliveryGauges gauges, List<Destination> destinations) {
    return () -> {
      Map<String, Object> details = new LinkedHashMap<>();
      boolean degraded = false;
      Map<String, DeliveryGauges.DestinationRecord> recent = gauges.recentByDestination();
      for (Destination destination : destinations) {
        details.put(
            destination.name(),
            destination
                .missing()
                .map(reason -> (Object) Map.of("configured", false, "reason", reason))
                .orElse(null));
      }
      for (Map.Entry<String, DeliveryGauges.DestinationRecord> entry : recent.entrySet()) {
        DeliveryGauges.DestinationRecord record = entry.getValue();
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("failing", record.failing());
        detail.put("recentFailures", record.failures());
        detail.put("lastSuccess", record.lastSuccess());
        detail.put("lastFailure", record.lastFailure());
        details.put(entry.getKey(), detail);
        degraded |= record.failing();
      }
      details.values().removeIf(v -> v == null);
      return (degraded ? Health.status(DEGRADED) : Health.up())
          .withDetail("window", "last 15 minutes, as of " + gauges.refreshedAt())
          .withDetails(details)
          .build();
    };
  }

  /**
   * The Kafka intake (when configured): DEGRADED with a reason while its brokers do not answer or
   * the store fails for its records (they are read again; nothing is committed past them), with the
   * group's lag. Never DOWN: webhooks still arrive over HTTP.
   */
  @Bean("kafkaHealthIndicator")
  HealthIndicator kafkaHealth(ObjectProvider<KafkaMonitor> monitor) {
    return () -> {
      KafkaMonitor kafka = monitor.getIfAvailable();
      if (kafka == null) {
        return Health.up().withDetail("enabled", false).build();
      }
      KafkaMonitor.State state = kafka.state();
      return (state.degraded() ? Health.status(DEGRADED) : Health.up())
          .withDetails(state.details())
          .build();
    };
  }
}
