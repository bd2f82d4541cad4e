package com.ordercloudhub.hub.reconcile;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code reconcile} in {@code /actuator/health}: whether reconciliation is on, and this instance's
 * last pass with its figures. Always UP: a failed pass is reported, not a reason to take the hub
 * out of rotation (the next pass lists the same window again). Answers from memory, no query.
 */
@Component("reconcileHealthIndicator")
class ReconcileHealth implements HealthIndicator {

  private final Reconciler reconciler;

  ReconcileHealth(Reconciler reconciler) {
    this.reconciler = reconciler;
  }

  @Override
  public Health health() {
    Health.Builder health =
        Health.up()
            .withDetail("enabled", reconciler.enabled())
            .withDetail("eventTypes", reconciler.recoveredTypes());
    reconciler
        .lastPass()
        .ifPresent(
            pass -> {
              Map<String, Object> last = new LinkedHashMap<>();
              last.put("outcome", pass.outcome());
              last.put("endedAt", pass.endedAt());
              last.put("ordersChecked", pass.orders());
              last.put("eventsRecovered", pass.recovered());
              last.put("pages", pass.pages());
              last.put("throttled", pass.throttled());
              last.put("durationMs", pass.durationMs());
              last.put("changedAfter", pass.since());
              last.put("watermark", pass.watermark());
              last.put("error", pass.error());
              last.values().removeIf(v -> v == null);
              health.withDetail("lastPass", last);
            });
    return health.build();
  }
}
