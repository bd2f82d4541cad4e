package com.ordercloudhub.hub.reconcile;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Runs reconciliation passes: the first once the hub is ready (the dispatcher runs, so what a pass
 * stores is delivered), then {@code interval} after the end of each, on one thread, so passes never
 * overlap. Stops before the dispatcher, ending a running pass.
 *
 * <p>A lifecycle bean of its own, apart from {@link Reconciler}: Spring starts a lifecycle bean's
 * direct dependencies with it, and the reconciler's include the CamelContext, which must not start
 * before Camel has collected its routes.
 */
@Component
class ReconcileSchedule implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(ReconcileSchedule.class);

  private final Reconciler reconciler;
  private ScheduledExecutorService schedule;
  private volatile boolean running = true;

  ReconcileSchedule(Reconciler reconciler) {
    this.reconciler = reconciler;
  }

  @EventListener(ApplicationReadyEvent.class)
  public synchronized void begin() {
    if (!reconciler.enabled() || schedule != null || !running) {
      return;
    }
    reconciler.releaseOwnLease();
    ReconcileProperties properties = reconciler.properties();
    schedule = Executors.newSingleThreadScheduledExecutor(Reconciler.daemons("reconcile-"));
    schedule.scheduleWithFixedDelay(
        this::pass, 0, properties.interval().toMillis(), TimeUnit.MILLISECONDS);
    log.info(
        "Reconciliation with the OrderCloud API on: {} orders every {} (overlap {}, {} calls at"
            + " once)",
        String.join(" and ", reconciler.directions()),
        properties.interval(),
        properties.overlap(),
        properties.concurrency());
  }

  private void pass() {
    try {
      reconciler.runNow(null);
    } catch (RuntimeException e) {
      // the schedule goes on: a pass that could not even start is tried again next interval
      log.warn("Reconciliation pass could not run: {}", e.toString());
    }
  }

  @Override
  public void start() {
    // the schedule starts with ApplicationReadyEvent, once the dispatcher runs
  }

  @Override
  public boolean isAutoStartup() {
    return true;
  }

  /** Stops before the dispatcher (which stops at MAX - 1000), so a pass ends while all runs. */
  @Override
  public int getPhase() {
    return Integer.MAX_VALUE - 900;
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public synchronized void stop() {
    running = false;
    reconciler.stop();
    if (schedule != null) {
      schedule.shutdown();
      try {
        if (!schedule.awaitTermination(30, TimeUnit.SECONDS)) {
          schedule.shutdownNow();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
