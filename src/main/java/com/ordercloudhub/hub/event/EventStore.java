package com.ordercloudhub.hub.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Records each OrderCloud call once. The insert is a single statement, so an event is either wholly
 * committed or absent; a unique key on the call's identity makes re-sent calls, even concurrent
 * ones, land on the first event. Concurrent calls share a transaction ({@link GroupCommit}).
 */
@Component("eventStore")
public class EventStore {

  private static final Logger log = LoggerFactory.getLogger(EventStore.class);
  private static final int DUPLICATE_LOOKUPS = 50;

  private final NamedParameterJdbcTemplate jdbc;
  private final PayloadRedactor redactor;
  private final SecretBox secrets;
  private final ObjectMapper mapper;
  private final Clock clock;
  private final ApplicationEventPublisher publisher;
  private final ReceivedCounter received;
  private final GroupCommit commits;
  private final EventCatalogue catalogue;
  private final LateWebhooks lateWebhooks;

  /** A store that keys events by the built-in business keys only. */
  public EventStore(
      NamedParameterJdbcTemplate jdbc,
      PayloadRedactor redactor,
      SecretBox secrets,
      ObjectMapper mapper,
      Clock clock,
      ApplicationEventPublisher publisher,
      MeterRegistry meters,
      GroupCommit commits) {
    this(
        jdbc,
        redactor,
        secrets,
        mapper,
        clock,
        publisher,
        meters,
        commits,
        new EventCatalogue(new CatalogueProperties(List.of())));
  }

  @Autowired
  public EventStore(
      NamedParameterJdbcTemplate jdbc,
      PayloadRedactor redactor,
      SecretBox secrets,
      ObjectMapper mapper,
      Clock clock,
      ApplicationEventPublisher publisher,
      MeterRegistry meters,
      GroupCommit commits,
      EventCatalogue catalogue) {
    this.catalogue = catalogue;
    this.jdbc = jdbc;
    this.redactor = redactor;
    this.secrets = secrets;
    this.mapper = mapper;
    this.clock = clock;
    this.publisher = publisher;
    this.received = new ReceivedCounter(meters, new ConcurrentHashMap<>());
    this.commits = commits;
    this.lateWebhooks = new LateWebhooks(jdbc);
  }

  /** A post-hook or message was committed and waits for delivery. */
  public record EventStored(String eventId) {}

  /**
   * hub.events.received{type,kind}: new events only, duplicates are not counted again. One counter
   * per type and kind, registered once: a registration per call costs more than the increment.
   */
  private record ReceivedCounter(MeterRegistry meters, Map<String, Counter> byTypeAndKind) {
    void increment(ReceivedEvent event) {
      byTypeAndKind
          .computeIfAbsent(
              event.kind().code() + "\n" + event.eventType(),
              k ->
                  Counter.builder("hub.events.received")
                      .description("Events received and stored, by type and kind")
                      .tag("type", event.eventType())
                      .tag("kind", event.kind().code())
                      .register(meters))
          .increment();
    }
  }

  /**
   * Commits the event, or finds the one it repeats. Concurrent calls are committed together ({@link
   * GroupCommit}); this returns only once the event's own transaction committed.
   *
   * @throws org.springframework.dao.DataAccessException when the database cannot be reached (or the
   *     commit queue is full or too slow); the caller answers 503 and OrderCloud's delivery fails
   *     visibly
   */
  public EventReceipt record(ReceivedEvent event) {
    return record(event, EventOrigin.WEBHOOK);
  }

  /**
   * {@link #record(ReceivedEvent)} for an event that arrived another way OrderCloud sends them: a
   * Delivery Configuration's HTTP target ({@value EventOrigin#DELIVERY}) or Kafka target ({@value
   * EventOrigin#KAFKA}). Deduplicated against every origin by the event's own key.
   */
  public EventReceipt record(ReceivedEvent event, String origin) {
    if (origin.equals(EventOrigin.RECONCILED)) {
      throw new IllegalArgumentException("a reconciled event is recorded with its own dedupe key");
    }
    try (var type = MDC.putCloseable("eventType", event.eventType());
        var kind = MDC.putCloseable("eventKind", event.kind().code())) {
      return store(event, event.dedupeKey(), origin);
    }
  }

  /**
   * Commits an event the reconciler built from the OrderCloud API's order, with its own dedupe key
   * (one per order and event type), so a second pass, or another hub's, lands on the first: then
   * the receipt is a duplicate. Stored with origin {@value EventOrigin#RECONCILED} and routed like
   * a webhook.
   */
  public EventReceipt recordReconciled(ReceivedEvent event, String dedupeKey) {
    try (var type = MDC.putCloseable("eventType", event.eventType());
        var kind = MDC.putCloseable("eventKind", event.kind().code())) {
      return store(event, dedupeKey, EventOrigin.RECONCILED);
    }
  }

  /**
   * From now on, a post-hook of one of these types that arrives after the reconciler recovered the
   * same event (same business key and type) is answered as a duplicate of the recovered one. Called
   * once reconciliation is on; until then intake looks nothing up for it.
   */
  public void answerLateWebhooks(Set<String> eventTypes) {
    lateWebhooks.answer(
        eventTypes, event -> catalogue.businessKeyOf(event.eventType(), event.payload()));
  }

  private EventReceipt store(ReceivedEvent event, String dedupeKey, String origin) {
    String id = EventIds.next(clock);
    OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    if (!origin.equals(EventOrigin.RECONCILED)) {
      // a webhook through a Delivery Config may arrive late too
      Optional<EventReceipt> recovered = lateWebhooks.recoveredBefore(event, now);
      if (recovered.isPresent()) {
        log.info(
            "Late {} {} ignored: the reconciler recovered it before, eventId={}",
            event.kind().code(),
            event.eventType(),
            recovered.get().eventId());
        return recovered.get();
      }
    }
    PayloadRedactor.RedactedJson safe = redactor.redactToJson(event.payload(), mapper);
    // from the tree already parsed: no query, a few property lookups
    String businessKey = catalogue.businessKeyOf(event.eventType(), event.payload());
    MapSqlParameterSource row =
        new MapSqlParameterSource()
            .addValue("id", id)
            .addValue("kind", event.kind().code())
            .addValue("eventType", event.eventType())
            .addValue("route", event.route())
            .addValue("verb", event.verb())
            .addValue("logId", event.logId())
            .addValue("messageType", event.messageType())
            .addValue("ocLogId", event.ocLogId())
            .addValue("recipient", event.recipient())
            .addValue("dedupeKey", dedupeKey)
            .addValue("bodySha256", event.bodySha256())
            .addValue("bodyBytes", event.bodyBytes())
            .addValue("occurredAt", event.occurredAt())
            .addValue("receivedAt", now)
            // post-hooks and messages are delivered; pre-hooks are only answered
            .addValue("dispatchDueAt", event.kind() == EventKind.PRE ? null : now)
            .addValue("businessKey", businessKey)
            .addValue("payload", safe.json())
            .addValue("origin", origin)
            .addValue(
                "sealedSecrets",
                safe.secrets().isEmpty() ? null : secrets.seal(json(safe.secrets()), id));
    GroupCommit.Outcome outcome =
        commits.commit(
            new GroupCommit.Row(
                id,
                dedupeKey,
                event.eventType(),
                now,
                row,
                EventFields.of(event.eventType(), businessKey, event.payload())));
    if (outcome.failure() != null) {
      throw outcome.failure();
    }
    try {
      EventReceipt receipt =
          outcome.receipt() != null ? outcome.receipt() : repeated(dedupeKey, now);
      MDC.put("eventId", receipt.eventId());
      if (receipt.duplicate()) {
        log.info(
            "Duplicate {} {} ignored, first eventId={}",
            event.kind().code(),
            event.eventType(),
            receipt.eventId());
        return receipt;
      }
      log.info(
          "Stored {} {} eventId={} logId={} bytes={}{}",
          event.kind().code(),
          event.eventType(),
          id,
          event.kind() == EventKind.MESSAGE ? event.ocLogId() : event.logId(),
          event.bodyBytes(),
          origin.equals(EventOrigin.WEBHOOK) ? "" : " origin=" + origin);
      received.increment(event);
      if (event.kind() != EventKind.PRE) {
        publisher.publishEvent(new EventStored(id));
      }
      return receipt;
    } finally {
      MDC.remove("eventId");
    }
  }

  private EventReceipt repeated(String dedupeKey, OffsetDateTime now) {
    MapSqlParameterSource key =
        new MapSqlParameterSource().addValue("dedupeKey", dedupeKey).addValue("now", now);
    // the first call's row may not be visible for an instant when both arrived together
    for (int attempt = 0; attempt < DUPLICATE_LOOKUPS; attempt++) {
      List<EventReceipt> first =
          jdbc.query(
              "SELECT id, event_type FROM hub_event WHERE dedupe_key = :dedupeKey",
              key,
              (rs, n) -> new EventReceipt(rs.getString("id"), rs.getString("event_type"), true));
      if (!first.isEmpty()) {
        jdbc.update(
            "UPDATE hub_event SET duplicates = duplicates + 1, last_duplicate_at = :now"
                + " WHERE dedupe_key = :dedupeKey",
            key);
        return first.get(0);
      }
      LockSupport.parkNanos(2_000_000L);
    }
    throw new IllegalStateException("A duplicate's first event stayed invisible: " + dedupeKey);
  }

  /**
   * How long ago the store last committed a batch of received events; empty when none since start.
   * A commit just now proves the database answers, however busy its connection pool is.
   */
  public Optional<Duration> sinceLastCommit() {
    long nanos = commits.sinceLastCommitNanos();
    return nanos == Long.MAX_VALUE ? Optional.empty() : Optional.of(Duration.ofNanos(nanos));
  }

  /**
   * The secrets kept sealed for an event (reset codes, one-time passwords), by JSON pointer into
   * its payload; empty when none are kept (or they were erased). In memory only.
   */
  @SuppressWarnings("unchecked")
  public Map<String, String> secretsOf(String eventId) {
    List<String> sealed =
        jdbc.queryForList(
            "SELECT sealed_secrets FROM hub_event WHERE id = :id",
            Map.of("id", eventId),
            String.class);
    if (sealed.isEmpty() || sealed.get(0) == null) {
      return Map.of();
    }
    try {
      return mapper.readValue(secrets.open(sealed.get(0), eventId), Map.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("The sealed secrets of " + eventId + " are unreadable", e);
    }
  }

  /** Erases an event's sealed secrets: once the email that needed them is delivered. */
  public boolean eraseSecrets(String eventId) {
    return jdbc.update(
            "UPDATE hub_event SET sealed_secrets = NULL WHERE id = :id AND sealed_secrets IS NOT NULL",
            Map.of("id", eventId))
        > 0;
  }

  /**
   * Whether a post-hook event of this type is stored for this business key, of any origin (the
   * reconciler asks before it recovers one).
   */
  public boolean holdsPostHook(String businessKey, String eventType) {
    return !jdbc.queryForList(
            "SELECT id FROM hub_event WHERE business_key = :key AND event_type = :type"
                + " AND kind = 'post' LIMIT 1",
            new MapSqlParameterSource().addValue("key", businessKey).addValue("type", eventType),
            String.class)
        .isEmpty();
  }

  /**
   * A stored event of the same type and business key as this one but about a later state of it (a
   * later {@code occurred_at}: a sync message's {@code LastUpdated}), the latest such; empty when
   * there is none, or the event has no key or no time. A destination that replaces what it holds
   * with each event (the ERP's sales order from an OrderSync) then need not send an older state
   * that arrived late.
   */
  public Optional<String> newerOfSameKey(String eventId) {
    return jdbc
        .queryForList(
            "SELECT n.id FROM hub_event e JOIN hub_event n ON n.business_key = e.business_key"
                + " AND n.event_type = e.event_type AND n.occurred_at > e.occurred_at"
                + " WHERE e.id = :id ORDER BY n.occurred_at DESC, n.id LIMIT 1",
            Map.of("id", eventId),
            String.class)
        .stream()
        .findFirst();
  }

  public Optional<StoredEvent> find(String id) {
    return jdbc
        .query(
            "SELECT * FROM hub_event WHERE id = :id",
            Map.of("id", id),
            (rs, n) ->
                new StoredEvent(
                    summary(rs),
                    safe(rs.getString("payload")),
                    rs.getString("sealed_secrets") != null))
        .stream()
        .findFirst();
  }

  /** Stored payloads re-read with their numbers exact, as OcEnvelope read them (no doubles). */
  private static final ObjectReader EXACT =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
          .build()
          .readerFor(JsonNode.class);

  /**
   * A stored payload through today's secret rule once more: rows stored under an older, narrower
   * rule are shown (and simulated) with what the rule now calls a secret masked. A row the rule
   * leaves as it is (most: it was redacted when stored) is shown as stored, not written again.
   */
  private String safe(String payload) {
    if (payload == null) {
      return null;
    }
    try {
      return EXACT.readValue(payload) instanceof ObjectNode node && redactor.wouldChange(node)
          ? redactor.redactToJson(node, mapper).json()
          : payload;
    } catch (JsonProcessingException e) {
      return payload;
    }
  }

  /** A page of events, newest first. */
  public EventPage list(EventQuery query) {
    ListQuery page = listQuery(query);
    List<EventSummary> found = jdbc.query(page.sql(), page.params(), (rs, n) -> summary(rs));
    return found.size() > query.size()
        ? new EventPage(found.subList(0, query.size()), true)
        : new EventPage(found, false);
  }

  /** The list's SQL and parameters (apart, so a test can ask the database for its plan). */
  record ListQuery(String sql, MapSqlParameterSource params) {}

  ListQuery listQuery(EventQuery query) {
    StringBuilder sql =
        new StringBuilder(
            "SELECT id, kind, event_type, route, verb, log_id, message_type, oc_log_id, recipient,"
                + " body_bytes, occurred_at, received_at, duplicates, last_duplicate_at, origin"
                + " FROM hub_event WHERE 1 = 1");
    MapSqlParameterSource params = new MapSqlParameterSource();
    if (query.type() != null) {
      if (query.type().endsWith("*")) {
        sql.append(" AND event_type LIKE :type");
        params.addValue("type", query.type().substring(0, query.type().length() - 1) + "%");
      } else {
        sql.append(" AND event_type = :type");
        params.addValue("type", query.type());
      }
    }
    if (query.kind() != null) {
      sql.append(" AND kind = :kind");
      params.addValue("kind", query.kind().code());
    }
    if (query.since() != null) {
      sql.append(" AND received_at >= :since");
      params.addValue("since", query.since());
    }
    if (query.until() != null) {
      sql.append(" AND received_at < :until");
      params.addValue("until", query.until());
    }
    if (query.legStatus() != null || query.destination() != null) {
      // EXISTS, probed through uq_hub_delivery_leg (event_id, destination) per event read in
      // received_at order: H2 re-runs an uncorrelated IN (SELECT …) for every row whenever anything
      // in the database was written since its last run (a busy dispatcher: seconds per page);
      // PostgreSQL plans both as the same semi-join
      sql.append(" AND EXISTS (SELECT 1 FROM hub_delivery_leg l WHERE l.event_id = hub_event.id");
      if (query.legStatus() != null) {
        sql.append(" AND l.status = :legStatus");
        params.addValue("legStatus", query.legStatus());
      }
      if (query.destination() != null) {
        sql.append(" AND l.destination = :destination");
        params.addValue("destination", query.destination());
      }
      sql.append(")");
    }
    sql.append(" ORDER BY received_at DESC, id DESC LIMIT :limit OFFSET :offset");
    // one row more than asked tells whether another page exists, without counting them all
    params
        .addValue("limit", query.size() + 1)
        .addValue("offset", (long) query.page() * query.size());
    return new ListQuery(sql.toString(), params);
  }

  static EventSummary summary(ResultSet rs) throws SQLException {
    return new EventSummary(
        rs.getString("id"),
        EventKind.fromCode(rs.getString("kind")).orElseThrow(),
        rs.getString("event_type"),
        rs.getString("route"),
        rs.getString("verb"),
        rs.getString("log_id"),
        rs.getString("message_type"),
        rs.getString("oc_log_id"),
        rs.getString("recipient"),
        rs.getInt("body_bytes"),
        rs.getObject("occurred_at", OffsetDateTime.class),
        rs.getObject("received_at", OffsetDateTime.class),
        rs.getInt("duplicates"),
        rs.getObject("last_duplicate_at", OffsetDateTime.class),
        rs.getString("origin"));
  }

  private String json(Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A parsed payload could not be written back as JSON", e);
    }
  }
}
