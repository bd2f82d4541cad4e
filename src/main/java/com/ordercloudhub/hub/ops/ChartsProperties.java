package com.ordercloudhub.hub.ops;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The charts of the {@code /ops} overview and {@code GET /api/charts}.
 *
 * @param hours the window shown when none is asked for
 * @param maxHours the longest window that may be asked for ({@code hours=} beyond it is a 400)
 * @param step the width of one bucket: at least a minute, at most an hour, and a whole fraction of
 *     an hour (1m, 5m, 10m, 15m, 30m, 1h, …) so buckets start on the clock's round minutes
 * @param topTypes event types drawn on their own; the rest are added up as "other"
 * @param cache how long an answer is given again without reading the ledger (0: not kept)
 */
@Validated
@ConfigurationProperties("hub.ops.charts")
record ChartsProperties(
    @DefaultValue("24") @Min(1) int hours,
    @DefaultValue("168") @Min(1) int maxHours,
    @DefaultValue("5m") Duration step,
    @DefaultValue("8") @Min(1) int topTypes,
    @DefaultValue("30s") Duration cache) {

  ChartsProperties {
    if (step.compareTo(Duration.ofMinutes(1)) < 0
        || step.compareTo(Duration.ofHours(1)) > 0
        || step.toNanos() % Duration.ofSeconds(1).toNanos() != 0
        || Duration.ofHours(1).toSeconds() % step.toSeconds() != 0) {
      throw new IllegalArgumentException(
          "hub.ops.charts.step must be between 1m and 1h and divide an hour, e.g. 5m; was " + step);
    }
    if (hours > maxHours) {
      throw new IllegalArgumentException(
          "hub.ops.charts.hours ("
              + hours
              + ") is more than hub.ops.charts.max-hours ("
              + maxHours
              + ")");
    }
    if (cache.isNegative()) {
      throw new IllegalArgumentException("hub.ops.charts.cache must not be negative");
    }
  }
}
