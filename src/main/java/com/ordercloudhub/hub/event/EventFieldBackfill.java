package com.ordercloudhub.hub.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Gives the events stored before search existed their fields ({@link EventFields}): at start, off
 * the request path on a thread of its own, in bounded batches oldest first (event ids sort by
 * time), each batch and the position it reached committed together, so a restart goes on where it
 * stopped. Events stored since carry their fields already; a row written twice (two hubs
 * backfilling) is kept once. A progress line every {@code hub.search.backfill-progress-every}.
 */
@Component
class EventFieldBackfill implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(EventFieldBackfill.class);
  static final String NAME = "fields";

  private final NamedParameterJdbcTemplate jdbc;
  private final TransactionTemplate transactions;

  /** Numbers as sent (a total of 172.80 stays so), as the store reads payloads. */
  private static final ObjectMapper EXACT =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
          .build();

  private final SearchProperties properties;
  private volatile boolean running;
  private volatile Thread worker;

  EventFieldBackfill(
      NamedParameterJdbcTemplate jdbc,
      PlatformTransactionManager transactionManager,
      SearchProperties properties) {
    this.jdbc = jdbc;
    this.transactions = new TransactionTemplate(transactionManager);
    this.properties = properties;
  }

  @EventListener(ApplicationReadyEvent.class)
  void startWhenReady() {
    if (!running || !properties.backfill()) {
      return;
    }
    Thread thread = new Thread(this::runQuietly, "event-field-backfill");
    thread.setDaemon(true);
    worker = thread;
    thread.start();
  }

  private void runQuietly() {
    try {
      run();
    } catch (RuntimeException e) {
      // the next start goes on from the last committed batch
      log.warn("Search backfill stopped: {}; it goes on at the next start", e.toString());
    }
  }

  /**
   * Backfills until done or stopped.
   *
   * @return how many events it read
   */
  long run() {
    long done = 0;
    long nextProgress = properties.backfillProgressEvery();
    while (running && !Thread.currentThread().isInterrupted()) {
      int read = transactions.execute(tx -> batch());
      if (read < 0) {
        if (done > 0) {
          log.info("Search backfill done: {} events", done);
        }
        return done;
      }
      done += read;
      if (done >= nextProgress) {
        log.info("Search backfill: {} events so far", done);
        nextProgress = done + properties.backfillProgressEvery();
      }
      if (!properties.backfillPause().isZero()) {
        LockSupport.parkNanos(properties.backfillPause().toNanos());
      }
    }
    return done;
  }

  /** One batch: read, fields written, position moved. -1 when there is nothing left. */
  private int batch() {
    List<Map<String, Object>> state =
        jdbc.queryForList(
            "SELECT last_id, until_id, done_at FROM hub_event_field_backfill WHERE name = :name"
                + " FOR UPDATE",
            Map.of("name", NAME));
    if (state.isEmpty() || state.get(0).get("done_at") != null) {
      return -1;
    }
    String last = (String) state.get(0).get("last_id");
    String until = (String) state.get(0).get("until_id");
    MapSqlParameterSource params =
        new MapSqlParameterSource()
            .addValue("last", last)
            .addValue("until", until)
            .addValue("limit", properties.backfillBatch())
            .addValue("name", NAME);
    List<Object[]> fields = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    if (until != null) {
      jdbc.query(
          "SELECT id, event_type, business_key, payload FROM hub_event WHERE id <= :until"
              + (last == null ? "" : " AND id > :last")
              + " ORDER BY id LIMIT :limit",
          params,
          rs -> {
            String id = rs.getString("id");
            ids.add(id);
            for (EventFields.Field field :
                EventFields.of(
                    rs.getString("event_type"),
                    rs.getString("business_key"),
                    read(rs.getString("payload")))) {
              fields.add(new Object[] {id, field.name(), field.value(), field.valueKey()});
            }
          });
    }
    if (ids.isEmpty()) {
      jdbc.update(
          "UPDATE hub_event_field_backfill SET done_at = CURRENT_TIMESTAMP WHERE name = :name",
          params);
      return -1;
    }
    if (!fields.isEmpty()) {
      // what this or another hub wrote already stays as it is
      GroupCommit.insertFields(jdbc.getJdbcOperations(), fields, " ON CONFLICT DO NOTHING");
    }
    jdbc.update(
        "UPDATE hub_event_field_backfill SET last_id = :last WHERE name = :name",
        new MapSqlParameterSource()
            .addValue("last", ids.get(ids.size() - 1))
            .addValue("name", NAME));
    return ids.size();
  }

  private JsonNode read(String payload) {
    try {
      return payload == null ? null : EXACT.readTree(payload);
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  @Override
  public void start() {
    running = true;
  }

  @Override
  public void stop() {
    running = false;
    Thread thread = worker;
    if (thread != null) {
      thread.interrupt();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
