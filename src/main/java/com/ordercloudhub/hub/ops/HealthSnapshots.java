package com.ordercloudhub.hub.ops;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * Health checks that touch something shared (the database pool, Camel's checks, the disk) run on a
 * thread of their own every {@code hub.health.refresh}, and {@code /actuator/health} answers from
 * their last result. A probe then costs the caller no pool connection and no wait: during a flood
 * of post-hooks that holds every database connection, health still answers at once, and it says
 * what the last check found. A check that has not finished for {@code hub.health.max-age} reports
 * DOWN (a database that does not answer a validation in that time is not one to send traffic to).
 */
final class HealthSnapshots implements BeanPostProcessor, DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(HealthSnapshots.class);

  private final Set<String> names;
  private final long refreshNanos;
  private final long maxAgeNanos;
  private final ScheduledThreadPoolExecutor threads;

  HealthSnapshots(List<String> names, Duration refresh, Duration maxAge) {
    this.names = Set.copyOf(names);
    this.refreshNanos = refresh.toNanos();
    this.maxAgeNanos = maxAge.toNanos();
    // one thread per check, so a check that hangs (a database that does not answer) delays no other
    this.threads =
        new ScheduledThreadPoolExecutor(
            Math.max(1, names.size()),
            r -> {
              Thread t = new Thread(r, "health-checks");
              t.setDaemon(true);
              return t;
            });
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
      Snapshot snapshot = new Snapshot(contributorName(beanName), indicator, maxAgeNanos);
      threads.scheduleWithFixedDelay(
          snapshot::refresh, refreshNanos, refreshNanos, TimeUnit.NANOSECONDS);
      return snapshot;
    }
    return bean;
  }

  @Override
  public void destroy() {
    threads.shutdownNow();
  }

  /** One check's last result, refreshed in the background. */
  static final class Snapshot implements HealthIndicator {

    private record Result(Health health, long at) {}

    private final String name;
    private final HealthIndicator check;
    private final long maxAgeNanos;
    private volatile Result last;

    Snapshot(String name, HealthIndicator check, long maxAgeNanos) {
      this.name = name;
      this.check = check;
      this.maxAgeNanos = maxAgeNanos;
    }

    /** Runs the check now and keeps its result. */
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
      Result result = last;
      if (result == null) {
        return refresh(); // before the first background run (start-up): checked on the caller
      }
      long age = System.nanoTime() - result.at();
      if (age > maxAgeNanos) {
        return Health.down()
            .withDetail("reason", "the check has not finished for " + age / 1_000_000 + " ms")
            .build();
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
