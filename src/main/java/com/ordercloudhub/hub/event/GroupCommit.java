package com.ordercloudhub.hub.event;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlParameter;
import org.springframework.jdbc.core.SqlTypeValue;
import org.springframework.jdbc.core.StatementCreatorUtils;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterUtils;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Commits concurrent calls' events together. A caller queues its row; when fewer than {@code
 * writers} batches are being written, the caller becomes a leader: it takes every row waiting now
 * (up to {@code max-batch}, no linger), inserts them in one transaction with a JDBC batch, commits
 * and hands each caller its outcome. So a lone call commits at once, as before, and under load one
 * commit (one fsync) serves many calls. Every caller returns only after its own batch committed.
 *
 * <p>Bounded: a full queue refuses at once, a call that waited {@code wait-timeout} without being
 * taken is withdrawn (never stored) and refused; both are {@link DataAccessException}s, which the
 * inbound routes answer {@code 503 store_unavailable}. A batch the database refuses is retried row
 * by row, so only the row it refuses fails.
 */
@Component
class GroupCommit {

  static final String INSERT =
      """
      INSERT INTO hub_event (id, kind, event_type, route, verb, log_id, message_type, oc_log_id,
                             recipient, dedupe_key, body_sha256, body_bytes, occurred_at,
                             received_at, payload, sealed_secrets, dispatch_due_at, business_key,
                             origin)
      VALUES (:id, :kind, :eventType, :route, :verb, :logId, :messageType, :ocLogId,
              :recipient, :dedupeKey, :bodySha256, :bodyBytes, :occurredAt,
              :receivedAt, :payload, :sealedSecrets, :dispatchDueAt, :businessKey, :origin)
      ON CONFLICT DO NOTHING
      """;

  /**
   * {@link #INSERT} with its parameters by position, and their names in that order: each row's
   * values are set straight from its parameters, without the named-parameter machinery looking
   * every name up several times per row.
   */
  static final String INSERT_BY_POSITION =
      NamedParameterUtils.substituteNamedParameters(INSERT, new MapSqlParameterSource());

  static final List<String> INSERT_PARAMETERS =
      NamedParameterUtils.buildSqlParameterList(
              NamedParameterUtils.parseSqlStatement(INSERT), new MapSqlParameterSource())
          .stream()
          .map(SqlParameter::getName)
          .toList();

  /** An event ready to insert: its identity and the statement's parameters. */
  record Row(
      String id,
      String dedupeKey,
      String eventType,
      OffsetDateTime receivedAt,
      MapSqlParameterSource params,
      List<EventFields.Field> fields) {

    Row(
        String id,
        String dedupeKey,
        String eventType,
        OffsetDateTime receivedAt,
        MapSqlParameterSource params) {
      this(id, dedupeKey, eventType, receivedAt, params, List.of());
    }
  }

  /**
   * Most field rows in one INSERT: 4 parameters each, well below the drivers' 32,767 (a batch of
   * {@code max-batch} 10,000 events with all seven fields takes a few statements).
   */
  static final int FIELDS_PER_STATEMENT = 2_000;

  /**
   * What people know about the inserted events ({@link EventFields}), in the same transaction: one
   * multi-row INSERT for the whole batch, since a row per statement (even batched over JDBC) halved
   * intake on PostgreSQL ({@code bench/search.sh}).
   *
   * @param suffix appended to the statement (the backfill's {@code ON CONFLICT DO NOTHING}), or ""
   */
  static void insertFields(JdbcOperations jdbc, List<Object[]> fields, String suffix) {
    for (int from = 0; from < fields.size(); from += FIELDS_PER_STATEMENT) {
      List<Object[]> chunk =
          fields.subList(from, Math.min(fields.size(), from + FIELDS_PER_STATEMENT));
      StringBuilder sql =
          new StringBuilder(
              "INSERT INTO hub_event_field (event_id, name, field_value, value_key) VALUES ");
      Object[] values = new Object[chunk.size() * 4];
      int[] types = new int[values.length];
      for (int i = 0; i < chunk.size(); i++) {
        sql.append(i == 0 ? "(?, ?, ?, ?)" : ", (?, ?, ?, ?)");
        System.arraycopy(chunk.get(i), 0, values, i * 4, 4);
      }
      java.util.Arrays.fill(types, Types.VARCHAR);
      jdbc.update(sql.append(suffix).toString(), values, types);
    }
  }

  /**
   * What became of a row: stored (receipt not a duplicate), a duplicate of the receipt's event, a
   * conflict whose first event was not visible yet ({@code receipt} and {@code failure} null), or a
   * failure.
   */
  record Outcome(EventReceipt receipt, RuntimeException failure) {
    static final Outcome UNRESOLVED = new Outcome(null, null);
  }

  private static final int QUEUED = 0;
  private static final int TAKEN = 1;
  private static final int WITHDRAWN = 2;

  /** A caller's row on its way: queued, taken by a writer, or withdrawn by its caller. */
  static final class Pending {
    final Row row;
    final Thread caller = Thread.currentThread();
    final AtomicInteger state = new AtomicInteger(QUEUED);
    volatile Outcome outcome;

    Pending(Row row) {
      this.row = row;
    }

    void complete(Outcome result) {
      outcome = result;
      LockSupport.unpark(caller);
    }
  }

  private final NamedParameterJdbcTemplate jdbc;
  private final TransactionTemplate transactions;
  private final GroupCommitProperties properties;
  private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger waiting = new AtomicInteger();
  private volatile long lastCommitNanos;
  private final Semaphore writers;
  private final DistributionSummary batchSizes;
  private final Counter commits;
  private final Counter retriedAlone;
  private final Counter refusedFull;
  private final Counter refusedTimeout;

  GroupCommit(
      JdbcTemplate jdbcTemplate,
      PlatformTransactionManager transactionManager,
      GroupCommitProperties properties,
      MeterRegistry meters) {
    this.jdbc = new NamedParameterJdbcTemplate(jdbcTemplate);
    this.transactions = new TransactionTemplate(transactionManager);
    // a batch holds other callers' rows: it never joins a transaction the leader may be in
    this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    // the database itself gives up on a batch as late as a caller would
    this.transactions.setTimeout(
        (int) Math.max(1, (properties.waitTimeout().toMillis() + 999) / 1000));
    this.properties = properties;
    this.writers = new Semaphore(properties.writers());
    this.batchSizes =
        DistributionSummary.builder("hub.event.store.batch.size")
            .description("Events committed in one transaction of the event store")
            .serviceLevelObjectives(1, 2, 4, 8, 16, 32, 64, 128, 256)
            .register(meters);
    this.commits =
        Counter.builder("hub.event.store.commits")
            .description("Transactions that committed events (one per batch)")
            .register(meters);
    this.retriedAlone =
        Counter.builder("hub.event.store.retried")
            .description("Events of a refused batch retried in a transaction of their own")
            .register(meters);
    this.refusedFull = refused(meters, "queue_full");
    this.refusedTimeout = refused(meters, "timeout");
  }

  private static Counter refused(MeterRegistry meters, String reason) {
    return Counter.builder("hub.event.store.refused")
        .description("Events refused before any write: the commit queue was full or too slow")
        .tag("reason", reason)
        .register(meters);
  }

  /** Rows waiting for a writer now (for tests). */
  int waiting() {
    return waiting.get();
  }

  /**
   * Queues the row and returns once its batch committed (or failed).
   *
   * @throws DataAccessException when the queue is full or the row waited too long to be taken
   */
  Outcome commit(Row row) {
    if (waiting.incrementAndGet() > properties.queueCapacity()) {
      waiting.decrementAndGet();
      refusedFull.increment();
      throw new TransientDataAccessResourceException(
          "The event store's commit queue is full ("
              + properties.queueCapacity()
              + " events waiting); nothing was stored");
    }
    Pending mine = new Pending(row);
    queue.add(mine);
    long deadline = System.nanoTime() + properties.waitTimeout().toNanos();
    boolean interrupted = false;
    try {
      while (true) {
        Outcome outcome = mine.outcome;
        if (outcome != null) {
          return outcome;
        }
        if (mine.state.get() == QUEUED && writers.tryAcquire()) {
          try {
            lead();
          } finally {
            writers.release();
            wakeNextLeader();
          }
          continue;
        }
        long left = deadline - System.nanoTime();
        if ((left <= 0 || interrupted) && mine.state.compareAndSet(QUEUED, WITHDRAWN)) {
          waiting.decrementAndGet();
          refusedTimeout.increment();
          throw new QueryTimeoutException(
              "The event store did not take the event within "
                  + properties.waitTimeout()
                  + "; nothing was stored");
        }
        // once taken, the batch's own statement timeout bounds the wait
        LockSupport.parkNanos(this, left > 0 ? left : 1_000_000L);
        interrupted |= Thread.interrupted();
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** A writer slot came free: the oldest waiting caller takes the lead. */
  private void wakeNextLeader() {
    for (Pending next : queue) {
      if (next.state.get() == QUEUED) {
        LockSupport.unpark(next.caller);
        return;
      }
    }
  }

  /** Takes what is waiting now, writes it as one batch and answers each caller. */
  private void lead() {
    List<Pending> batch = new ArrayList<>();
    while (batch.size() < properties.maxBatch()) {
      Pending next = queue.poll();
      if (next == null) {
        break;
      }
      if (next.state.compareAndSet(QUEUED, TAKEN)) {
        waiting.decrementAndGet();
        batch.add(next);
      }
    }
    if (batch.isEmpty()) {
      return;
    }
    try {
      Map<Pending, Outcome> outcomes = write(batch);
      batch.forEach(p -> p.complete(outcomes.get(p)));
    } catch (DataAccessException e) {
      if (batch.size() == 1 || isUnreachable(e)) {
        batch.forEach(p -> p.complete(new Outcome(null, e)));
      } else {
        aloneEach(batch);
      }
    } catch (RuntimeException | Error e) {
      RuntimeException failure =
          e instanceof RuntimeException r ? r : new IllegalStateException("Batch failed", e);
      batch.forEach(p -> p.complete(new Outcome(null, failure)));
      throw e;
    }
  }

  /** The batch was refused: each row on its own, so only the row the database refuses fails. */
  private void aloneEach(List<Pending> batch) {
    for (Pending pending : batch) {
      retriedAlone.increment();
      Outcome outcome;
      try {
        outcome = write(List.of(pending)).get(pending);
      } catch (RuntimeException e) {
        outcome = new Outcome(null, e);
      }
      pending.complete(outcome);
    }
  }

  private static boolean isUnreachable(DataAccessException e) {
    // the database is away: retrying row by row would only make each caller wait longer
    // (or too slow: a timed-out batch alone would time out again, once per row)
    return e instanceof DataAccessResourceFailureException
        || e instanceof TransientDataAccessException;
  }

  /**
   * One transaction: the batch's rows inserted (a repeat within the batch or of a stored event is
   * not inserted), each duplicate counted on its first event, committed.
   */
  private Map<Pending, Outcome> write(List<Pending> batch) {
    Map<Pending, Outcome> outcomes;
    try {
      outcomes = transactions.execute(status -> inTransaction(batch));
    } catch (TransactionException e) {
      // no connection or no commit: the store is unavailable (503), like a failed statement
      throw new DataAccessResourceFailureException(
          "The event store's transaction failed: " + e.getMessage(), e);
    }
    committed(batch.size());
    return outcomes;
  }

  private Map<Pending, Outcome> inTransaction(List<Pending> batch) {
    Map<Pending, Outcome> outcomes = new HashMap<>();
    // the first row of each dedupe key in the batch is inserted; the others repeat it
    Map<String, Pending> firsts = new LinkedHashMap<>();
    List<Pending> repeats = new ArrayList<>();
    for (Pending pending : batch) {
      if (firsts.putIfAbsent(pending.row.dedupeKey(), pending) != null) {
        repeats.add(pending);
      }
    }
    // rows (and below, duplicate counts) are written in key order: two batches holding the same
    // keys
    // then lock them in the same order and wait for each other instead of deadlocking until the
    // transaction timeout (seen with a post-hook and a message each sent twice at once)
    List<Pending> inserting = new ArrayList<>(firsts.values());
    inserting.sort(Comparator.comparing((Pending p) -> p.row.dedupeKey()));
    int[] counts =
        jdbc.getJdbcOperations()
            .batchUpdate(
                INSERT_BY_POSITION,
                new BatchPreparedStatementSetter() {
                  @Override
                  public void setValues(PreparedStatement ps, int i) throws SQLException {
                    setInsertValues(ps, inserting.get(i).row.params());
                  }

                  @Override
                  public int getBatchSize() {
                    return inserting.size();
                  }
                });
    List<String> conflicted = new ArrayList<>();
    Map<String, EventReceipt> firstEvents = new HashMap<>();
    List<Object[]> fields = new ArrayList<>();
    for (int i = 0; i < inserting.size(); i++) {
      Row row = inserting.get(i).row;
      if (inserted(counts, i, row)) {
        for (EventFields.Field field : row.fields()) {
          fields.add(new Object[] {row.id(), field.name(), field.value(), field.valueKey()});
        }
        firstEvents.put(row.dedupeKey(), new EventReceipt(row.id(), row.eventType(), true));
        outcomes.put(
            inserting.get(i),
            new Outcome(new EventReceipt(row.id(), row.eventType(), false), null));
      } else {
        conflicted.add(row.dedupeKey());
        repeats.add(inserting.get(i));
      }
    }
    if (!fields.isEmpty()) {
      insertFields(jdbc.getJdbcOperations(), fields, "");
    }
    if (!conflicted.isEmpty()) {
      jdbc.query(
          "SELECT id, event_type, dedupe_key FROM hub_event WHERE dedupe_key IN (:keys)",
          Map.of("keys", conflicted),
          rs -> {
            firstEvents.put(
                rs.getString("dedupe_key"),
                new EventReceipt(rs.getString("id"), rs.getString("event_type"), true));
          });
    }
    countDuplicates(repeats, firstEvents, outcomes);
    return outcomes;
  }

  /** As the named statement would set them: each value by its type (a null as the column's). */
  static void setInsertValues(PreparedStatement ps, MapSqlParameterSource params)
      throws SQLException {
    Map<String, Object> values = params.getValues();
    for (int i = 0; i < INSERT_PARAMETERS.size(); i++) {
      String name = INSERT_PARAMETERS.get(i);
      Object value = values.get(name);
      if (value == null && !values.containsKey(name)) {
        throw new InvalidDataAccessApiUsageException(
            "No value supplied for the SQL parameter '" + name + "'");
      }
      StatementCreatorUtils.setParameterValue(ps, i + 1, SqlTypeValue.TYPE_UNKNOWN, value);
    }
  }

  private boolean inserted(int[] counts, int i, Row row) {
    if (counts[i] >= 0) {
      return counts[i] > 0;
    }
    // a driver that does not tell per row (SUCCESS_NO_INFO): ask for the row itself
    return jdbc.queryForObject(
            "SELECT COUNT(*) FROM hub_event WHERE id = :id", Map.of("id", row.id()), Integer.class)
        > 0;
  }

  private void countDuplicates(
      List<Pending> repeats,
      Map<String, EventReceipt> firstEvents,
      Map<Pending, Outcome> outcomes) {
    Map<String, Integer> perKey = new TreeMap<>();
    Map<String, OffsetDateTime> lastAt = new HashMap<>();
    for (Pending pending : repeats) {
      EventReceipt first = firstEvents.get(pending.row.dedupeKey());
      if (first == null) {
        outcomes.put(pending, Outcome.UNRESOLVED);
        continue;
      }
      outcomes.put(pending, new Outcome(first, null));
      perKey.merge(pending.row.dedupeKey(), 1, Integer::sum);
      lastAt.merge(
          pending.row.dedupeKey(), pending.row.receivedAt(), (a, b) -> a.isAfter(b) ? a : b);
    }
    if (!perKey.isEmpty()) {
      jdbc.batchUpdate(
          "UPDATE hub_event SET duplicates = duplicates + :n, last_duplicate_at = :now"
              + " WHERE dedupe_key = :dedupeKey",
          perKey.entrySet().stream()
              .map(
                  e ->
                      new MapSqlParameterSource()
                          .addValue("n", e.getValue())
                          .addValue("now", lastAt.get(e.getKey()))
                          .addValue("dedupeKey", e.getKey()))
              .toArray(SqlParameterSource[]::new));
    }
  }

  /** Called after the transaction committed: the metrics of one batch. */
  private void committed(int rows) {
    lastCommitNanos = System.nanoTime();
    commits.increment();
    batchSizes.record(rows);
  }

  /** Nanoseconds since a batch last committed, or Long.MAX_VALUE when none has yet. */
  long sinceLastCommitNanos() {
    long last = lastCommitNanos;
    return last == 0 ? Long.MAX_VALUE : System.nanoTime() - last;
  }
}
