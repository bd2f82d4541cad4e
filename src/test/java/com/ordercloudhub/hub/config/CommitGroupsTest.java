package com.ordercloudhub.hub.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class CommitGroupsTest {

  @Test
  void aLoneItemIsWrittenAtOnceByItsOwnCaller() {
    List<List<String>> batches = Collections.synchronizedList(new ArrayList<>());
    List<Thread> writers = Collections.synchronizedList(new ArrayList<>());
    CommitGroups<String> groups =
        new CommitGroups<>(
            batch -> {
              writers.add(Thread.currentThread());
              batches.add(batch);
            },
            e -> true,
            2,
            64);

    groups.write("a");

    assertThat(batches).containsExactly(List.of("a"));
    assertThat(writers).containsExactly(Thread.currentThread());
  }

  @Test
  void itemsQueuedWhileABatchIsWrittenShareTheNextOneAndEachIsWrittenOnce() throws Exception {
    List<List<Integer>> batches = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch firstBatchStarted = new CountDownLatch(1);
    CountDownLatch othersQueued = new CountDownLatch(1);
    CommitGroups<Integer> groups =
        new CommitGroups<>(
            batch -> {
              batches.add(batch);
              if (batch.contains(0)) {
                firstBatchStarted.countDown();
                await(othersQueued);
              }
            },
            e -> true,
            1,
            64);
    ExecutorService callers = Executors.newFixedThreadPool(21);
    try {
      List<Future<?>> calls = new ArrayList<>();
      calls.add(callers.submit(() -> groups.write(0)));
      await(firstBatchStarted);
      // 20 callers arrive while the only writer's slot is busy with item 0
      for (int i = 1; i <= 20; i++) {
        int item = i;
        calls.add(callers.submit(() -> groups.write(item)));
      }
      // every one of them is queued behind the busy writer; then the first batch ends
      Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> groups.waiting() == 20);
      othersQueued.countDown();
      for (Future<?> call : calls) {
        call.get(10, TimeUnit.SECONDS);
      }
    } finally {
      callers.shutdownNow();
    }

    List<Integer> written = batches.stream().flatMap(List::stream).sorted().toList();
    assertThat(written).hasSize(21).doesNotHaveDuplicates();
    assertThat(batches.get(0)).containsExactly(0);
    // the 20 that waited went in one batch
    assertThat(batches).hasSize(2);
    assertThat(batches.get(1)).hasSize(20);
  }

  @Test
  void aRefusedItemFailsOnlyItsOwnCallerTheOthersOfItsBatchAreWrittenAlone() throws Exception {
    List<List<String>> batches = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch holding = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CommitGroups<String> groups =
        new CommitGroups<>(
            batch -> {
              if (batch.contains("hold")) {
                holding.countDown();
                await(release);
              }
              if (batch.contains("bad")) {
                throw new IllegalStateException("refused: bad");
              }
              batches.add(batch);
            },
            e -> true,
            1,
            64);
    ExecutorService callers = Executors.newFixedThreadPool(4);
    try {
      Future<?> first = callers.submit(() -> groups.write("hold"));
      await(holding);
      List<Future<?>> rest = new ArrayList<>();
      for (String item : List.of("good-1", "bad", "good-2")) {
        rest.add(callers.submit(() -> groups.write(item)));
      }
      Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> groups.waiting() == 3);
      release.countDown();
      first.get(10, TimeUnit.SECONDS);
      rest.get(0).get(10, TimeUnit.SECONDS);
      rest.get(2).get(10, TimeUnit.SECONDS);
      assertThatThrownBy(() -> rest.get(1).get(10, TimeUnit.SECONDS))
          .hasCauseInstanceOf(IllegalStateException.class)
          .hasMessageContaining("refused: bad");
    } finally {
      callers.shutdownNow();
    }
    assertThat(batches.stream().flatMap(List::stream).sorted())
        .containsExactly("good-1", "good-2", "hold");
  }

  @Test
  void aFailureThatIsEveryonesIsHandedToTheWholeBatchWithoutWritingEachAgain() throws Exception {
    java.util.concurrent.atomic.AtomicInteger writes =
        new java.util.concurrent.atomic.AtomicInteger();
    CountDownLatch holding = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CommitGroups<String> groups =
        new CommitGroups<>(
            batch -> {
              writes.incrementAndGet();
              if (batch.contains("hold")) {
                holding.countDown();
                await(release);
                return;
              }
              throw new IllegalStateException("database away");
            },
            e -> !e.getMessage().contains("away"),
            1,
            64);
    ExecutorService callers = Executors.newFixedThreadPool(4);
    try {
      Future<?> first = callers.submit(() -> groups.write("hold"));
      await(holding);
      List<Future<?>> rest = new ArrayList<>();
      for (String item : List.of("a", "b", "c")) {
        rest.add(callers.submit(() -> groups.write(item)));
      }
      Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> groups.waiting() == 3);
      release.countDown();
      first.get(10, TimeUnit.SECONDS);
      for (Future<?> call : rest) {
        assertThatThrownBy(() -> call.get(10, TimeUnit.SECONDS)).hasMessageContaining("away");
      }
    } finally {
      callers.shutdownNow();
    }
    // the held batch, then one for a, b and c together: not three more, one per item
    assertThat(writes).hasValue(2);
  }

  @Test
  void aWriterThatFailsAloneHandsItsCallerTheFailure() {
    CommitGroups<String> groups =
        new CommitGroups<>(
            batch -> {
              throw new IllegalStateException("no database");
            },
            e -> true,
            1,
            8);

    assertThatThrownBy(() -> groups.write("a")).hasMessage("no database");
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("timed out waiting");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
