package com.ordercloudhub.hub.ops;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * Health checks that touch something shared (the database pool, Camel's checks of every route, the
 * disk) answer a probe from their last result; when that result is older than {@code
 * hub.health.refresh} the probe starts a new check on a thread of the checks' own and still gets
 * the last result at once. A probe then costs no pool connection and no wait: during a flood of
 * post-hooks that holds every database connection, health still answers at once, saying what the
 * last check found. A check that has not finished for {@code hub.health.max-age} reports DOWN (a
 * database that does not answer a validation in that time is not one to send traffic to). Checks
 * run only when health is asked, at most once per refresh interval each: no probe, no check (and
 * none of a check's log lines). A result older than the max age is not served: the probe checks.
 */
final class HealthSnapshots implements BeanPostProcessor, DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(HealthSnapshots.class);

  private final Set<String> names;
  private final long refreshNanos;
  private final long maxAgeNanos;
  private final ThreadPoolExecutor threads;

  HealthSnapshots(List<String> names, Duration refresh, Duration maxAge) {
    this.names = Set.copyOf(names);
    this.refreshNanos = refresh.toNanos();
    this.maxAgeNanos = maxAge.toNanos();
    // one thread per check, so a check that hangs (a database that does not answer) delays no other
    int size = Math.max(1, names.size());
    this.threads =
        new ThreadPoolExecutor(
            size,
            size,
            60,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, "health-checks");
              t.setDaemon(true);
              return t;
            });
    this.threads.allowCoreThreadTimeOut(true);
  }

  /** The contributor name Spring Boot derives from a bean name. */
  static String contributorName(String beanName) {
    for (String suffix : List.of("HealthIndicator", "HealthContributor")) {
      if (beanName.length() > suffix.length() && beanName.endsWith(suffix)) {
        return beanName.substring(0, beanName.length() - suffix.length());
      }
    }
    return beanName;
  }

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    if (bean instanceof HealthIndicator indicator
        && !(bean instanceof Snapshot)
        && names.contains(contributorName(beanName))) {
      return new Snapshot(contributorName(beanName), indicator, refreshNanos, maxAgeNanos, threads);
    }
    return bean;
  }

  @Override
  public void destroy() {
    threads.shutdownNow();
  }

  /** One check's last result, refreshed in the background when a probe finds it old. */
  static final class Snapshot implements HealthIndicator {

    private record Result(Health health, long at) {}

    private final String name;
    private final HealthIndicator check;
    private final long refreshNanos;
    private final long maxAgeNanos;
    private final Executor threads;
    private final AtomicLong runningSince = new AtomicLong(); // 0: no check running
    private volatile Result last;

    Snapshot(
        String name, HealthIndicator check, long refreshNanos, long maxAgeNanos, Executor threads) {
      this.name = name;
      this.check = check;
      this.refreshNanos = refreshNanos;
      this.maxAgeNanos = maxAgeNanos;
      this.threads = threads;
    }

    /** Runs the check now, on this thread, and keeps its result. */
    Health refresh() {
      Health health;
      try {
        health = check.health();
      } catch (RuntimeException e) {
        log.debug("Health check {} failed", name, e);
        health = Health.down().withDetail("error", e.getClass().getSimpleName()).build();
      }
      last = new Result(health, System.nanoTime());
      return health;
    }

    @Override
    public Health health() {
      long now = System.nanoTime();
      Result result = last;
      long since = runningSince.get();
      if (since != 0 && now - since > maxAgeNanos) {
        return Health.down()
            .withDetail(
                "reason", "the check has not finished for " + (now - since) / 1_000_000 + " ms")
            .build();
      }
      if (result == null || (since == 0 && now - result.at() > maxAgeNanos)) {
        return refresh(); // the first probe, or the first in a long while: checked on the caller
      }
      if (now - result.at() > refreshNanos && runningSince.compareAndSet(0, now)) {
        try {
          threads.execute(
              () -> {
                try {
                  refresh();
                } finally {
                  runningSince.set(0);
                }
              });
        } catch (RejectedExecutionException e) {
          runningSince.set(0); // stopping
        }
      }
      return result.health();
    }

    @Override
    public Health getHealth(boolean includeDetails) {
      Health health = health();
      return includeDetails ? health : Health.status(health.getStatus()).build();
    }
  }
}
