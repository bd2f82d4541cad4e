package com.ordercloudhub.hub.prehook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.ordercloudhub.hub.event.EventIds;
import com.ordercloudhub.hub.event.EventReceipt;
import com.ordercloudhub.hub.event.EventStore;
import com.ordercloudhub.hub.event.ReceivedEvent;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Records a pre-hook and the decision it got. It runs off the response path (a wire tap), so a slow
 * or unavailable database never delays a shopper's checkout; a failure is logged, not raised.
 */
@Component("preHookRecorder")
public class PreHookRecorder {

  private static final Logger log = LoggerFactory.getLogger(PreHookRecorder.class);

  private final EventStore events;
  private final NamedParameterJdbcTemplate jdbc;
  private final ObjectMapper mapper;
  private final Clock clock;

  public PreHookRecorder(
      EventStore events, NamedParameterJdbcTemplate jdbc, ObjectMapper mapper, Clock clock) {
    this.events = events;
    this.jdbc = jdbc;
    this.mapper = mapper;
    this.clock = clock;
  }

  /** The decisions recorded for a stored pre-hook event, oldest first. */
  public List<RecordedDecision> decisionsFor(String eventId) {
    return decisionsFor(List.of(eventId)).getOrDefault(eventId, List.of());
  }

  /** The decisions recorded for several events (an order's page) in one query, oldest first. */
  public Map<String, List<RecordedDecision>> decisionsFor(Collection<String> eventIds) {
    Map<String, List<RecordedDecision>> decisions = new LinkedHashMap<>();
    if (eventIds.isEmpty()) {
      return decisions;
    }
    jdbc.query(
        "SELECT event_id, proceed, answer, checks, duration_ms, decided_at"
            + " FROM hub_prehook_decision WHERE event_id IN (:ids) ORDER BY decided_at",
        Map.of("ids", eventIds),
        rs -> {
          decisions
              .computeIfAbsent(rs.getString("event_id"), id -> new ArrayList<>())
              .add(
                  new RecordedDecision(
                      rs.getBoolean("proceed"),
                      rs.getString("answer"),
                      rs.getString("checks"),
                      rs.getInt("duration_ms"),
                      rs.getObject("decided_at", OffsetDateTime.class)));
        });
    return decisions;
  }

  /** A decision as stored; {@code answer} and {@code checks} are JSON text. */
  public record RecordedDecision(
      boolean proceed, String answer, String checks, int durationMs, OffsetDateTime decidedAt) {}

  public void record(@Body ReceivedEvent event, Exchange exchange) {
    PreHookDecision decision =
        exchange.getProperty(PreHookDecision.PROPERTY, PreHookDecision.class);
    // the time to the decision, as the latency metric has it; not whenever this wire tap ran
    Long decidedAfter = exchange.getProperty(PreHooks.ELAPSED_MS, Long.class);
    long elapsedMs = decidedAfter != null ? decidedAfter : exchange.getClock().elapsed();
    try {
      EventReceipt receipt = events.record(event);
      jdbc.update(
          """
          INSERT INTO hub_prehook_decision (id, event_id, proceed, answer, checks, duration_ms,
                                            decided_at)
          VALUES (:id, :eventId, :proceed, :answer, :checks, :durationMs, :decidedAt)
          """,
          new MapSqlParameterSource()
              .addValue("id", EventIds.next(clock))
              .addValue("eventId", receipt.eventId())
              .addValue("proceed", decision.proceed())
              .addValue("answer", mapper.writeValueAsString(decision.answer()))
              .addValue("checks", mapper.writeValueAsString(decision.checks()))
              .addValue("durationMs", (int) Math.min(Integer.MAX_VALUE, elapsedMs))
              .addValue(
                  "decidedAt", OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC)));
      log.info(
          "Pre-hook {} answered proceed={} in {} ms eventId={} logId={}",
          event.eventType(),
          decision.proceed(),
          elapsedMs,
          receipt.eventId(),
          event.logId());
    } catch (RuntimeException | JsonProcessingException e) {
      log.error(
          "Pre-hook {} (logId={}) was answered proceed={} but could not be recorded: {}",
          event.eventType(),
          event.logId(),
          decision.proceed(),
          e.toString());
    }
  }
}
