package com.ordercloudhub.hub.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ordercloudhub.hub.support.Fixtures;
import com.ordercloudhub.hub.support.HubTest;
import com.ordercloudhub.hub.support.Payloads;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;

/**
 * Group commit: concurrent calls share transactions, each caller returns only after its own batch
 * committed, duplicates answer the first event within a batch and across batches, and a row the
 * database refuses fails alone. The batch tests hold the first transaction at its start, so the
 * next batch is exactly the calls queued meanwhile.
 */
@HubTest
class GroupCommitTest {

  @Autowired EventStore store;
  @Autowired MeterRegistry meters;
  @Autowired JdbcTemplate jdbc;
  @Autowired NamedParameterJdbcTemplate namedJdbc;
  @Autowired PlatformTransactionManager transactions;
  @Autowired PayloadRedactor redactor;
  @Autowired SecretBox secrets;
  @Autowired ObjectMapper mapper;
  @Autowired Clock clock;
  @Autowired ApplicationEventPublisher publisher;

  final ExecutorService pool = Executors.newFixedThreadPool(32);

  @AfterEach
  void stopPool() throws InterruptedException {
    // no interrupts: an interrupted H2 file write closes the shared test database
    pool.shutdown();
    pool.awaitTermination(60, TimeUnit.SECONDS);
  }

  @Test
  void concurrentCallsAreEachStoredOnceCommittedBeforeTheyReturnInFewerTransactions()
      throws Exception {
    int threads = 32;
    int callsEach = 10;
    double commitsBefore = meters.counter("hub.event.store.commits").count();
    CountDownLatch start = new CountDownLatch(1);
    List<Future<List<String>>> work = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      work.add(
          pool.submit(
              () -> {
                start.await();
                List<String> notVisible = new ArrayList<>();
                for (int i = 0; i < callsEach; i++) {
                  String logId = UUID.randomUUID().toString();
                  EventReceipt receipt = store.record(postHook(logId));
                  // another connection sees the row the moment the call returns: it committed
                  if (count("SELECT COUNT(*) FROM hub_event WHERE id = ?", receipt.eventId())
                      != 1) {
                    notVisible.add(logId);
                  }
                  assertThat(receipt.duplicate()).isFalse();
                }
                return notVisible;
              }));
    }
    start.countDown();
    List<String> notVisible = new ArrayList<>();
    for (Future<List<String>> done : work) {
      notVisible.addAll(done.get(120, TimeUnit.SECONDS));
    }
    double commits = meters.counter("hub.event.store.commits").count() - commitsBefore;
    System.out.printf(
        "GroupCommitTest: %d calls from %d threads committed in %.0f transactions%n",
        threads * callsEach, threads, commits);
    assertThat(notVisible).as("events not committed when their call returned").isEmpty();
    assertThat(commits).isLessThan(threads * callsEach).isGreaterThan(0);
  }

  @Test
  void repeatsInOneBatchAndAcrossBatchesAnswerTheFirstEventAndAreCounted() throws Exception {
    Gate gate = new Gate(transactions);
    SimpleMeterRegistry own = new SimpleMeterRegistry();
    EventStore gated = gatedStore(gate, own, Duration.ofSeconds(30), 1000);
    String earlier = UUID.randomUUID().toString();
    String twice = UUID.randomUUID().toString();
    String once = UUID.randomUUID().toString();

    Future<EventReceipt> first = pool.submit(() -> gated.record(postHook(earlier)));
    gate.awaitEntered();
    // the next batch, queued while the first is held: two repeats of the held event, one call
    // sent three times, one call sent once
    List<Future<EventReceipt>> batch = new ArrayList<>();
    for (String logId : List.of(earlier, earlier, twice, twice, twice, once)) {
      batch.add(pool.submit(() -> gated.record(postHook(logId))));
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> gatedCommit.waiting() == 6);
    gate.open();

    EventReceipt held = first.get(30, TimeUnit.SECONDS);
    List<EventReceipt> answers = new ArrayList<>();
    for (Future<EventReceipt> call : batch) {
      answers.add(call.get(30, TimeUnit.SECONDS));
    }
    assertThat(held.duplicate()).isFalse();
    assertThat(answers.subList(0, 2))
        .containsOnly(new EventReceipt(held.eventId(), held.eventType(), true));
    List<EventReceipt> thrice = answers.subList(2, 5);
    assertThat(thrice.stream().map(EventReceipt::eventId).distinct()).hasSize(1);
    assertThat(thrice.stream().filter(a -> !a.duplicate())).hasSize(1);
    assertThat(answers.get(5).duplicate()).isFalse();

    assertThat(rowsOf(earlier)).containsExactly(Map.entry(held.eventId(), 2));
    assertThat(rowsOf(twice)).containsExactly(Map.entry(thrice.get(0).eventId(), 2));
    assertThat(rowsOf(once)).containsExactly(Map.entry(answers.get(5).eventId(), 0));
    assertThat(own.summary("hub.event.store.batch.size").max()).isEqualTo(6);
    assertThat(own.counter("hub.event.store.commits").count()).isEqualTo(2);
  }

  @Test
  void aRowTheDatabaseRefusesFailsAloneAndTheRestOfItsBatchIsStored() throws Exception {
    Gate gate = new Gate(transactions);
    SimpleMeterRegistry own = new SimpleMeterRegistry();
    EventStore gated = gatedStore(gate, own, Duration.ofSeconds(30), 1000);
    Future<EventReceipt> first =
        pool.submit(() -> gated.record(postHook(UUID.randomUUID().toString())));
    gate.awaitEntered();
    List<String> good = new ArrayList<>();
    List<Future<EventReceipt>> calls = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      String logId = UUID.randomUUID().toString();
      good.add(logId);
      calls.add(pool.submit(() -> gated.record(postHook(logId))));
    }
    String refusedLogId = UUID.randomUUID().toString();
    // event_type is VARCHAR(120): the database refuses this row, and only this row
    Future<EventReceipt> refused =
        pool.submit(
            () -> gated.record(postHook(refusedLogId).withEventType("order." + "x".repeat(200))));
    await().atMost(Duration.ofSeconds(30)).until(() -> gatedCommit.waiting() == 6);
    gate.open();

    first.get(30, TimeUnit.SECONDS);
    for (Future<EventReceipt> call : calls) {
      assertThat(call.get(30, TimeUnit.SECONDS).duplicate()).isFalse();
    }
    assertThatThrownBy(() -> refused.get(30, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(DataAccessException.class);
    for (String logId : good) {
      assertThat(count("SELECT COUNT(*) FROM hub_event WHERE log_id = ?", logId)).isEqualTo(1);
    }
    assertThat(count("SELECT COUNT(*) FROM hub_event WHERE log_id = ?", refusedLogId)).isZero();
    // the six were one batch: refused whole, then each retried alone
    assertThat(own.counter("hub.event.store.retried").count()).isEqualTo(6);
  }

  @Test
  void aCallNotTakenInTimeIsRefusedAndNeverStoredAndAFullQueueRefusesAtOnce() throws Exception {
    Gate gate = new Gate(transactions);
    EventStore gated = gatedStore(gate, new SimpleMeterRegistry(), Duration.ofMillis(300), 1);
    Future<EventReceipt> first =
        pool.submit(() -> gated.record(postHook(UUID.randomUUID().toString())));
    gate.awaitEntered();
    String late = UUID.randomUUID().toString();
    Future<EventReceipt> waiting = pool.submit(() -> gated.record(postHook(late)));
    await().atMost(Duration.ofSeconds(30)).until(() -> gatedCommit.waiting() == 1);

    // the queue holds one event: the next call is refused without waiting
    assertThatThrownBy(() -> gated.record(postHook(UUID.randomUUID().toString())))
        .isInstanceOf(TransientDataAccessResourceException.class);
    assertThatThrownBy(() -> waiting.get(30, TimeUnit.SECONDS))
        .hasCauseInstanceOf(QueryTimeoutException.class);
    gate.open();
    assertThat(first.get(30, TimeUnit.SECONDS).duplicate()).isFalse();
    assertThat(count("SELECT COUNT(*) FROM hub_event WHERE log_id = ?", late)).isZero();
    assertThat(gatedCommit.waiting()).isZero();
  }

  // --- support ---------------------------------------------------------------------------------

  GroupCommit gatedCommit;

  private EventStore gatedStore(
      Gate gate, MeterRegistry own, Duration waitTimeout, int queueCapacity) {
    gatedCommit =
        new GroupCommit(
            jdbc, gate, new GroupCommitProperties(256, 1, queueCapacity, waitTimeout), own);
    return new EventStore(namedJdbc, redactor, secrets, mapper, clock, publisher, own, gatedCommit);
  }

  private static ReceivedEvent postHook(String logId) {
    byte[] body = Payloads.fresh(Fixtures.POST_ORDER_SUBMIT, logId);
    ObjectNode payload = (ObjectNode) Fixtures.json(body);
    return new ReceivedEvent(
        EventKind.POST,
        "order.submitted",
        payload.get("Route").asText(),
        "POST",
        logId,
        null,
        null,
        null,
        null,
        ReceivedEvent.sha256Hex(body),
        body.length,
        payload);
  }

  private int count(String sql, String value) {
    return jdbc.queryForObject(sql, Integer.class, value);
  }

  /** The rows stored for a LogID: id → duplicates. */
  private Map<String, Integer> rowsOf(String logId) {
    return jdbc
        .queryForList("SELECT id, duplicates FROM hub_event WHERE log_id = ?", logId)
        .stream()
        .collect(
            Collectors.toMap(
                r -> (String) r.get("id"), r -> ((Number) r.get("duplicates")).intValue()));
  }

  /** Transactions that hold the first one at its start until opened. */
  static final class Gate implements PlatformTransactionManager {
    final PlatformTransactionManager delegate;
    final AtomicBoolean first = new AtomicBoolean(true);
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch opened = new CountDownLatch(1);

    Gate(PlatformTransactionManager delegate) {
      this.delegate = delegate;
    }

    void awaitEntered() throws InterruptedException {
      assertThat(entered.await(30, TimeUnit.SECONDS)).as("the first batch began").isTrue();
    }

    void open() {
      opened.countDown();
    }

    @Override
    public TransactionStatus getTransaction(TransactionDefinition definition) {
      if (first.getAndSet(false)) {
        entered.countDown();
        try {
          opened.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return delegate.getTransaction(definition);
    }

    @Override
    public void commit(TransactionStatus status) {
      delegate.commit(status);
    }

    @Override
    public void rollback(TransactionStatus status) {
      delegate.rollback(status);
    }
  }
}
