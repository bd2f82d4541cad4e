package com.ordercloudhub.hub.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The main port's request threads: a bounded wait for one, then the overflow threads. */
class RequestQueueTest {

  final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  final RequestQueue queue = new RequestQueue("test", 1, 1, 2, 1, meters);
  final CountDownLatch release = new CountDownLatch(1);

  @AfterEach
  void stop() {
    release.countDown();
    queue.shutdown();
  }

  private Runnable held(List<String> ran, String name) {
    return () -> {
      ran.add(name + (RequestQueue.overflowing() ? " overflow" : ""));
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    };
  }

  /** The one request thread taken, and the queue's two places. */
  private void fill(List<String> ran) {
    queue.execute(held(ran, "running"));
    await().until(() -> ran.contains("running"));
    queue.execute(held(ran, "waiting 1"));
    queue.execute(held(ran, "waiting 2"));
  }

  @Test
  void beyondTheQueuesCapacityRequestsRunOnTheOverflowThreadsMarkedAsSuch() {
    List<String> ran = new CopyOnWriteArrayList<>();
    fill(ran);
    queue.execute(held(ran, "refused")); // runs at once, on an overflow thread

    await().until(() -> ran.contains("refused overflow"));
    assertThat(ran).containsExactly("running", "refused overflow");
    assertThat(meters.get("hub.inbound.request.queue").gauge().value()).isEqualTo(2);
    assertThat(meters.get("hub.inbound.request.queue.overflowed").counter().count()).isEqualTo(1);

    release.countDown();
    await().until(() -> ran.size() == 4);
    assertThat(ran).contains("waiting 1", "waiting 2");
    assertThat(RequestQueue.overflowing()).isFalse();
  }

  @Test
  void theOverflowLineNeverRejectsSoTomcatNeverClosesAndLogsPerCall() {
    List<String> ran = new CopyOnWriteArrayList<>();
    fill(ran);
    queue.execute(held(ran, "overflow running")); // the overflow thread, held
    await().until(() -> ran.contains("overflow running overflow"));
    for (int i = 0; i < 1000; i++) {
      queue.execute(held(ran, "overflow waiting")); // waits for the overflow thread
    }

    release.countDown();
    await().until(() -> ran.size() == 1004);
  }

  @Test
  void anAdmittedCallWhoseBodyEndsOnAnOverflowThreadRunsItsRouteOnARequestThread() {
    List<String> ran = new CopyOnWriteArrayList<>();
    fill(ran);
    // a socket event on the overflow thread finishes a body: its route is handed on
    queue.execute(() -> queue.runAdmitted(held(ran, "route")));
    queue.runAdmitted(() -> ran.add("here" + (RequestQueue.overflowing() ? " overflow" : "")));

    assertThat(ran).contains("here").doesNotContain("route overflow");
    release.countDown();
    await().until(() -> ran.contains("route"));
    assertThat(ran).doesNotContain("route overflow");
  }
}
