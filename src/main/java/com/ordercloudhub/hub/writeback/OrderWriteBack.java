package com.ordercloudhub.hub.writeback;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.ordercloudhub.hub.config.SecretRule;
import com.ordercloudhub.hub.config.SettingException;
import com.ordercloudhub.hub.delivery.Dispatcher;
import com.ordercloudhub.hub.delivery.PermanentDeliveryException;
import com.ordercloudhub.hub.destination.ordercloud.OrderCloudApi;
import com.ordercloudhub.hub.destination.ordercloud.OrderCloudApiProperties;
import com.ordercloudhub.hub.event.JsonFields;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;

/**
 * Writes each order's integration status to its xp in OrderCloud when the legs of its events
 * settle: every time a leg is delivered or becomes dead, the event's order is looked at on a thread
 * of its own (never the delivery's), and once none of its counted legs is pending or retrying the
 * order is PATCHed ({@code PATCH v1/orders/{direction}/{orderID}}, {@code {"xp":{"<key>":…}}}) with
 * the hub's own API client, unless OrderCloud already has that state. A failed PATCH is logged,
 * recorded in {@code hub_writeback} and tried again ({@code hub.writeback.retry-delays}, picked up
 * again after a restart); it never changes a leg.
 */
@Component
@ConditionalOnProperty(prefix = "hub.writeback", name = "enabled", havingValue = "true")
class OrderWriteBack {

  private static final Logger log = LoggerFactory.getLogger(OrderWriteBack.class);

  /** Roles that allow {@code PATCH v1/orders/…} besides the configured one. */
  static final String FULL_ACCESS = "FullAccess";

  private final WritebackProperties properties;
  private final OrderCloudApi api;
  private final NamedParameterJdbcTemplate jdbc;
  private final ObjectMapper mapper;
  private final Clock clock;
  private final SecretRule rule;
  private final ScheduledExecutorService worker;

  /**
   * Orders whose failed write waits here for its retry: until it runs, the outcomes of the order's
   * legs do not PATCH (legs that end together each ask; OrderCloud is asked again after the retry's
   * delay, and the retry sends the state as it is then).
   */
  private final Set<OrderRef> retryQueued = ConcurrentHashMap.newKeySet();

  private final MeterRegistry meters;

  OrderWriteBack(
      WritebackProperties properties,
      OrderCloudApiProperties client,
      OrderCloudApi api,
      NamedParameterJdbcTemplate jdbc,
      ObjectMapper mapper,
      Clock clock,
      SecretRule rule,
      MeterRegistry meters) {
    check(properties, client);
    this.properties = properties;
    this.api = api;
    this.jdbc = jdbc;
    this.mapper = mapper;
    this.clock = clock;
    this.rule = rule;
    this.meters = meters;
    ScheduledThreadPoolExecutor executor =
        new ScheduledThreadPoolExecutor(1, new CustomizableThreadFactory("writeback-"));
    executor.setRemoveOnCancelPolicy(true);
    this.worker = executor;
    log.info(
        "Write-back on: order xp.{} for {} (role {})",
        properties.xpKey(),
        properties.destinations().isEmpty() ? "every destination" : properties.destinations(),
        properties.role());
  }

  /** Write-back needs the hub's own API client, asking for a role that may PATCH orders. */
  static void check(WritebackProperties properties, OrderCloudApiProperties client) {
    if (!client.configured()) {
      throw new SettingException(
          "ORDERCLOUD_CLIENT_ID",
          "hub.ordercloud.api.client-id",
          "is not set, and hub.writeback.enabled needs the hub's own OrderCloud API client",
          "Set ORDERCLOUD_CLIENT_ID and ORDERCLOUD_CLIENT_SECRET, or set hub.writeback.enabled to"
              + " false.");
    }
    List<String> roles =
        Arrays.asList(client.scope() == null ? new String[0] : client.scope().trim().split("\\s+"));
    if (!roles.contains(properties.role()) && !roles.contains(FULL_ACCESS)) {
      throw new SettingException(
          "hub.ordercloud.api.scope",
          "hub.ordercloud.api.scope",
          "is \""
              + client.scope()
              + "\", without "
              + properties.role()
              + ", which write-back needs to PATCH orders (hub.writeback.role)",
          "Add "
              + properties.role()
              + " to hub.ordercloud.api.scope (space-separated) and give the API client that role"
              + " in OrderCloud.");
    }
  }

  @EventListener
  void onDelivered(Dispatcher.LegDelivered delivered) {
    request(delivered.eventId());
  }

  @EventListener
  void onDead(Dispatcher.LegDead dead) {
    request(dead.eventId());
  }

  /** Write-backs that were still to be tried when this hub (or another) stopped. */
  @EventListener(ApplicationReadyEvent.class)
  void resume() {
    try {
      List<String> events =
          jdbc.queryForList(
              "SELECT event_id FROM hub_writeback WHERE outcome = 'retrying'",
              Map.of(),
              String.class);
      events.forEach(this::request);
      if (!events.isEmpty()) {
        log.info("Write-back: {} orders to try again", events.size());
      }
    } catch (RuntimeException e) {
      log.warn("Write-back could not look for orders to try again: {}", e.toString());
    }
  }

  @PreDestroy
  void stop() {
    worker.shutdownNow();
  }

  /** Looks at the event's order off the caller's thread. */
  void request(String eventId) {
    try {
      worker.execute(() -> sync(eventId, 1));
    } catch (RejectedExecutionException stopping) {
      log.warn("Write-back for event {} not looked at: the hub is stopping", eventId);
    }
  }

  /** The order of an order event, as the hub's PATCH names it. */
  record OrderRef(String direction, String orderId) {}

  void sync(String eventId, int attempt) {
    OrderRef order;
    IntegrationState state;
    try {
      Optional<OrderRef> found = orderOf(eventId);
      if (found.isEmpty()) {
        return;
      }
      order = found.get();
      state = IntegrationState.of(legsOf(order), properties::counts);
      if (!state.settled()
          || state.isEmpty()
          || retryQueued.contains(order)
          || alreadyWritten(order, state)) {
        return;
      }
    } catch (RuntimeException e) {
      // the database: the next leg outcome of the order looks again
      log.error(
          "Write-back for event {} could not read its order's legs: {}", eventId, e.toString());
      return;
    }
    String body = state.patchBody(mapper, properties.xpKey(), clock.instant());
    try {
      api.patchOrder(null, order.direction(), order.orderId(), body);
      record(order, state, eventId, "written", attempt, null);
      log.info(
          "Write-back: order {} ({}) is {} in OrderCloud, attempt {}",
          order.orderId(),
          order.direction(),
          state.status(),
          attempt);
    } catch (RuntimeException e) {
      boolean permanent = e instanceof PermanentDeliveryException;
      String error = shorten(rule.mask(e.getMessage() == null ? e.toString() : e.getMessage()));
      List<Duration> delays = properties.retryDelays();
      if (!permanent && attempt <= delays.size()) {
        Duration delay = delays.get(attempt - 1);
        safely(() -> record(order, state, eventId, "retrying", attempt, error));
        log.warn(
            "Write-back of order {} ({}) failed, attempt {}, trying again in {}: {}",
            order.orderId(),
            order.direction(),
            attempt,
            delay,
            error);
        schedule(order, eventId, attempt + 1, delay);
      } else {
        safely(() -> record(order, state, eventId, "failed", attempt, error));
        log.error(
            "Write-back of order {} ({}) failed after attempt {}, not tried again: {}",
            order.orderId(),
            order.direction(),
            attempt,
            error);
      }
    }
  }

  private void schedule(OrderRef order, String eventId, int attempt, Duration delay) {
    retryQueued.add(order);
    try {
      worker.schedule(
          () -> {
            retryQueued.remove(order);
            sync(eventId, attempt);
          },
          delay.toMillis(),
          TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException stopping) {
      // recorded as retrying: picked up at the next start
      retryQueued.remove(order);
    }
  }

  /**
   * The event's order, for a post-hook of an order event; recorded as one of the order's events.
   */
  Optional<OrderRef> orderOf(String eventId) {
    List<String> payloads =
        jdbc.query(
            "SELECT payload FROM hub_event WHERE id = :id AND kind = 'post'"
                + " AND event_type LIKE 'order.%'",
            Map.of("id", eventId), (rs, n) -> rs.getString("payload"));
    if (payloads.isEmpty()) {
      return Optional.empty();
    }
    Optional<OrderRef> order = orderIn(payloads.get(0));
    order.ifPresent(found -> remember(eventId, found));
    return order;
  }

  /** Direction and order ID from a post-hook: RouteParams, else the answered order's ID. */
  Optional<OrderRef> orderIn(String payloadJson) {
    JsonNode payload;
    try {
      payload = mapper.readTree(payloadJson);
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
    String orderId = JsonFields.text(JsonFields.get(payload, "RouteParams"), "orderID");
    if (orderId == null || orderId.isBlank()) {
      orderId = JsonFields.text(JsonFields.path(payload, "Response", "Body"), "ID");
    }
    if (orderId == null || orderId.isBlank()) {
      return Optional.empty();
    }
    String direction = properties.direction();
    if (direction == null || direction.isBlank()) {
      direction = JsonFields.text(JsonFields.get(payload, "RouteParams"), "direction");
    }
    if (direction == null || direction.isBlank()) {
      direction = "Incoming";
    }
    return Optional.of(new OrderRef(direction, orderId));
  }

  private void remember(String eventId, OrderRef order) {
    try {
      jdbc.update(
          "INSERT INTO hub_writeback_event (event_id, direction, order_id, created_at)"
              + " VALUES (:eventId, :direction, :orderId, :now)",
          params(order).addValue("eventId", eventId).addValue("now", now()));
    } catch (DuplicateKeyException known) {
      // looked at before
    }
  }

  /** Every leg of the order's events, oldest event first. */
  List<IntegrationState.Leg> legsOf(OrderRef order) {
    return jdbc.query(
        """
        SELECT l.event_id, l.destination, l.status, l.reference
        FROM hub_writeback_event w
        JOIN hub_event e ON e.id = w.event_id
        JOIN hub_delivery_leg l ON l.event_id = w.event_id
        WHERE w.order_id = :orderId AND w.direction = :direction
        ORDER BY COALESCE(e.occurred_at, e.received_at), e.received_at, e.id, l.destination
        """,
        params(order),
        (rs, n) ->
            new IntegrationState.Leg(
                rs.getString("event_id"),
                rs.getString("destination"),
                rs.getString("status"),
                rs.getString("reference")));
  }

  private boolean alreadyWritten(OrderRef order, IntegrationState state) {
    // TEXT is a CLOB on H2: read as a string
    List<String> written =
        jdbc.query(
            "SELECT state FROM hub_writeback WHERE direction = :direction"
                + " AND order_id = :orderId AND outcome = 'written'",
            params(order),
            (rs, n) -> rs.getString("state"));
    return !written.isEmpty() && state.xpObject(mapper).toString().equals(written.get(0));
  }

  private void record(
      OrderRef order,
      IntegrationState state,
      String eventId,
      String outcome,
      int attempt,
      String error) {
    count(outcome);
    OffsetDateTime now = now();
    MapSqlParameterSource values =
        params(order)
            .addValue("status", state.status())
            .addValue("state", state.xpObject(mapper).toString())
            .addValue("eventId", eventId)
            .addValue("outcome", outcome)
            .addValue("attempts", attempt)
            .addValue("error", error)
            .addValue("now", now)
            .addValue("written", "written".equals(outcome) ? now : null);
    String update =
        "UPDATE hub_writeback SET status = :status, state = :state, event_id = :eventId,"
            + " outcome = :outcome, attempts = :attempts, last_error = :error, updated_at = :now"
            + ("written".equals(outcome) ? ", written_at = :now" : "")
            + " WHERE direction = :direction AND order_id = :orderId";
    if (jdbc.update(update, values) > 0) {
      return;
    }
    try {
      jdbc.update(
          """
          INSERT INTO hub_writeback (direction, order_id, status, state, event_id, outcome,
                                     attempts, last_error, updated_at, written_at)
          VALUES (:direction, :orderId, :status, :state, :eventId, :outcome, :attempts, :error,
                  :now, :written)
          """,
          values);
    } catch (DuplicateKeyException raced) {
      jdbc.update(update, values);
    }
  }

  /** Counts each PATCH by what it came to: written, retrying, failed. */
  private void count(String outcome) {
    Counter.builder("hub.writeback.patches")
        .description("Write-back PATCHes of orders to OrderCloud, by outcome")
        .tag("outcome", outcome)
        .register(meters)
        .increment();
  }

  private static MapSqlParameterSource params(OrderRef order) {
    return new MapSqlParameterSource()
        .addValue("direction", order.direction())
        .addValue("orderId", order.orderId());
  }

  private static void safely(Runnable action) {
    try {
      action.run();
    } catch (RuntimeException e) {
      log.warn("Write-back outcome not recorded: {}", e.toString());
    }
  }

  private static String shorten(String text) {
    String clean = text.replaceAll("\\s+", " ");
    return clean.length() > 1000 ? clean.substring(0, 999) + "…" : clean;
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
  }
}
