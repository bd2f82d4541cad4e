package com.ordercloudhub.hub.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;

/** Health checks that touch shared resources answer from their last result. */
class HealthSnapshotsTest {

  @Test
  void aProbeGetsTheLastResultWithoutRunningTheCheckAgain() {
    AtomicInteger runs = new AtomicInteger();
    HealthSnapshots.Snapshot snapshot =
        new HealthSnapshots.Snapshot(
            "db",
            () -> Health.up().withDetail("run", runs.incrementAndGet()).build(),
            Duration.ofMinutes(1).toNanos(),
            Duration.ofMinutes(1).toNanos(),
            Runnable::run);

    Health first = snapshot.health(); // nothing kept yet: checked on the caller
    Health second = snapshot.health();
    Health third = snapshot.health();

    assertThat(runs).hasValue(1);
    assertThat(second).isSameAs(first).isSameAs(third);
    assertThat(snapshot.getHealth(false).getDetails()).isEmpty();
    assertThat(snapshot.getHealth(true).getDetails()).containsEntry("run", 1);
  }

  @Test
  void aProbeThatFindsTheResultOldGetsItAtOnceAndStartsOneCheckInTheBackground() {
    AtomicInteger runs = new AtomicInteger();
    List<Runnable> started = new CopyOnWriteArrayList<>();
    HealthSnapshots.Snapshot snapshot =
        new HealthSnapshots.Snapshot(
            "db",
            () -> Health.up().withDetail("run", runs.incrementAndGet()).build(),
            0,
            Duration.ofMinutes(1).toNanos(),
            started::add);

    Health first = snapshot.health();
    Health second = snapshot.health();
    Health third = snapshot.health();

    assertThat(second).isSameAs(first).isSameAs(third);
    assertThat(started).hasSize(1); // one check at a time
    started.get(0).run();
    assertThat(snapshot.health().getDetails()).containsEntry("run", 2);
  }

  @Test
  void aCheckThatHasNotFinishedForTooLongReportsDown() {
    HealthSnapshots.Snapshot snapshot =
        new HealthSnapshots.Snapshot(
            "db",
            () -> Health.up().build(),
            0,
            Duration.ofMillis(50).toNanos(),
            task -> {}); // a check that never finishes
    assertThat(snapshot.health().getStatus()).isEqualTo(Status.UP); // the first, on the caller
    assertThat(snapshot.health().getStatus()).isEqualTo(Status.UP); // starts the one that hangs

    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () -> {
              Health health = snapshot.health();
              assertThat(health.getStatus()).isEqualTo(Status.DOWN);
              assertThat(String.valueOf(health.getDetails().get("reason")))
                  .contains("has not finished for");
            });
  }

  @Test
  void aCheckThatThrowsIsDownNamingTheFailureButNotItsMessage() {
    HealthSnapshots.Snapshot snapshot =
        new HealthSnapshots.Snapshot(
            "db",
            () -> {
              throw new IllegalStateException("jdbc:postgresql://user:secret@db/hub");
            },
            Duration.ofMinutes(1).toNanos(),
            Duration.ofMinutes(1).toNanos(),
            Runnable::run);

    Health health = snapshot.health();

    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
    assertThat(health.getDetails()).containsEntry("error", "IllegalStateException");
    assertThat(health.toString()).doesNotContain("secret");
  }

  @Test
  void onlyTheNamedChecksAreWrappedAndProbesRefreshThemInTheBackground() throws Exception {
    AtomicReference<Status> status = new AtomicReference<>(Status.UP);
    HealthIndicator db = () -> Health.status(status.get()).build();
    HealthIndicator door = () -> Health.up().build();
    HealthSnapshots snapshots =
        new HealthSnapshots(List.of("db"), Duration.ofMillis(20), Duration.ofSeconds(5));
    try {
      Object wrapped = snapshots.postProcessAfterInitialization(db, "dbHealthIndicator");
      Object untouched = snapshots.postProcessAfterInitialization(door, "doorHealthIndicator");

      assertThat(untouched).isSameAs(door);
      assertThat(wrapped).isInstanceOf(HealthSnapshots.Snapshot.class);
      HealthIndicator probe = (HealthIndicator) wrapped;
      assertThat(probe.health().getStatus()).isEqualTo(Status.UP);

      status.set(Status.DOWN);
      await()
          .atMost(Duration.ofSeconds(5))
          .untilAsserted(() -> assertThat(probe.health().getStatus()).isEqualTo(Status.DOWN));
    } finally {
      snapshots.destroy();
    }
  }

  @Test
  void contributorNamesAreThoseSpringBootDerivesFromBeanNames() {
    assertThat(HealthSnapshots.contributorName("dbHealthIndicator")).isEqualTo("db");
    assertThat(HealthSnapshots.contributorName("diskSpaceHealthIndicator")).isEqualTo("diskSpace");
    assertThat(HealthSnapshots.contributorName("camelHealth")).isEqualTo("camelHealth");
    assertThat(HealthSnapshots.contributorName("HealthIndicator")).isEqualTo("HealthIndicator");
  }
}
