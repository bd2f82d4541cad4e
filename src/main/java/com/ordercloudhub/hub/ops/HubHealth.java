package com.ordercloudhub.hub.ops;

import com.ordercloudhub.hub.delivery.DeliveryGauges;
import com.ordercloudhub.hub.delivery.DeliveryProperties;
import com.ordercloudhub.hub.delivery.DestinationSettings;
import com.ordercloudhub.hub.delivery.Dispatcher;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The hub's own health, for the readiness group: the dispatcher (running, and how far behind the
 * oldest due leg is) and each destination's recent record from the ledger. A destination is never
 * called from a health check. Both report {@code DEGRADED} (HTTP 200) rather than DOWN: a slow ERP
 * must not take the hub out of its load balancer; only the database does that.
 */
@Configuration(proxyBeanMethods = false)
class HubHealth {

  static final Status DEGRADED = new Status("DEGRADED");

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
  HealthIndicator destinationsHealth(DeliveryGauges gauges, List<DestinationSettings> settings) {
    return () -> {
      Map<String, Object> details = new LinkedHashMap<>();
      boolean degraded = false;
      Map<String, DeliveryGauges.DestinationRecord> recent = gauges.recentByDestination();
      for (DestinationSettings destination : settings) {
        details.put(
            destination.destination(),
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
}
