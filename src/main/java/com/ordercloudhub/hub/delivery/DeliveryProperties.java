package com.ordercloudhub.hub.delivery;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How stored events are delivered.
 *
 * @param enabled run the dispatcher in this instance (an intake-only instance sets false)
 * @param instanceId this instance's name in claims and attempts; default host name and port
 * @param pollInterval how often to look for due work when idle
 * @param batchSize events claimed at once
 * @param concurrency events delivered in parallel by this instance (I/O-bound: each waits on its
 *     destinations most of the time)
 * @param legConcurrency threads beside the event workers that take the other legs of an event, so
 *     an event's legs to different destinations go out together; when all are busy the event's own
 *     worker takes them one after another (0: always one after another)
 * @param lease how long a claim holds; a claim left by a dead instance is free after it
 * @param shutdownGrace how long a stopping instance lets running deliveries finish
 * @param retrySchedule delays between attempts for every destination; after the last, the leg is
 *     dead
 * @param destinations per-destination settings, by destination name ({@code database}, …)
 * @param lagWarning health reports DEGRADED when the oldest due leg has waited longer
 * @param ordering {@code per-key}: legs of one business key to one destination are attempted in
 *     event order; {@code none}: each leg as soon as it is due; a destination may override it
 */
@Validated
@ConfigurationProperties("hub.delivery")
public record DeliveryProperties(
    @DefaultValue("true") boolean enabled,
    String instanceId,
    @DefaultValue("1s") Duration pollInterval,
    @DefaultValue("50") @Min(1) @Max(1000) int batchSize,
    @DefaultValue("12") @Min(1) @Max(256) int concurrency,
    @DefaultValue("4") @Min(0) @Max(256) int legConcurrency,
    @DefaultValue("5m") Duration lease,
    @DefaultValue("30s") Duration shutdownGrace,
    @DefaultValue({"10s", "30s", "2m", "10m", "30m", "1h", "3h", "6h", "12h", "24h"})
        List<Duration> retrySchedule,
    @DefaultValue Map<String, Destination> destinations,
    @DefaultValue("5m") Duration lagWarning,
    @DefaultValue("per-key") Ordering ordering) {

  /** Whether legs wait for the earlier legs of their business key to the same destination. */
  public enum Ordering {
    /** In event order per business key and destination; a dead leg holds the later ones. */
    PER_KEY,
    /** As soon as each is due. */
    NONE
  }

  /**
   * @param retrySchedule this destination's delays, replacing the default schedule
   * @param ordering this destination's ordering, replacing the default, or null
   */
  public record Destination(List<Duration> retrySchedule, Ordering ordering) {}

  /** The ordering that applies to a destination. */
  public Ordering orderingFor(String destination) {
    Destination own = destinations.get(destination);
    return own != null && own.ordering() != null ? own.ordering() : ordering;
  }

  /** The schedule that applies to a destination. */
  public RetrySchedule scheduleFor(String destination) {
    Destination own = destinations.get(destination);
    return new RetrySchedule(
        own != null && own.retrySchedule() != null && !own.retrySchedule().isEmpty()
            ? own.retrySchedule()
            : retrySchedule);
  }
}
