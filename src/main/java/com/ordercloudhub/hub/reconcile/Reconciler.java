package com.ordercloudhub.hub.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.ordercloudhub.hub.config.SettingException;
import com.ordercloudhub.hub.delivery.Dispatcher;
import com.ordercloudhub.hub.destination.ordercloud.OrderCloudApi;
import com.ordercloudhub.hub.destination.ordercloud.OrderCloudApiException;
import com.ordercloudhub.hub.destination.ordercloud.OrderCloudThrottledException;
import com.ordercloudhub.hub.event.EventCatalogue;
import com.ordercloudhub.hub.event.EventReceipt;
import com.ordercloudhub.hub.event.EventStore;
import com.ordercloudhub.hub.event.ReceivedEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;

/**
 * Finds what OrderCloud never re-sent. A pass lists, for each configured direction, the orders
 * changed since the watermark (less the overlap: the list comes from a search cache that lags),
 * every page, a few calls at once; decides from each order's state which order events should exist
 * ({@link OrderEvents}); and stores each one no event of any origin holds yet (same business key
 * and type) as a new event of origin {@code reconciled}, built like the webhook ({@link
 * RecoveredEvent}) and routed like one: the dispatcher picks it up. Its dedupe key is one per order
 * and type, so a second pass, or another hub, lands on it.
 *
 * <p>Only one pass runs at a time: here a lock, across hubs the lease in {@link ReconcileState}.
 * The watermark (the newest {@code LastUpdated} seen) moves only after a full pass. A 429 pauses
 * every call of the pass (Retry-After, else a growing wait) and the page is asked again: the pass
 * slows down, it does not fail. {@link ReconcileSchedule} runs a pass at start and {@code interval}
 * after each; {@link #runNow} runs one on demand.
 */
@Component
public class Reconciler {

  private static final Logger log = LoggerFactory.getLogger(Reconciler.class);

  /** The first wait after a 429 without Retry-After; it doubles with each one in a row. */
  static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);

  static final Duration MAX_BACKOFF = Duration.ofMinutes(1);

  /** A lease outlives the longest pass by this much, so it never expires under a running pass. */
  private static final Duration LEASE_MARGIN = Duration.ofMinutes(1);

  private static final Set<String> DIRECTIONS = Set.of("Incoming", "Outgoing");

  /** What a pass came to: {@code complete}, {@code failed}, {@code incomplete} or {@code busy}. */
  public record PassResult(
      String outcome,
      OffsetDateTime since,
      int orders,
      int recovered,
      int deferred,
      int pages,
      int throttled,
      long durationMs,
      OffsetDateTime watermark,
      String error,
      String runningOn,
      OffsetDateTime endedAt) {

    public boolean ran() {
      return !outcome.equals("busy");
    }
  }

  private final ReconcileProperties properties;
  private final boolean enabled;
  private final List<String> directions;
  private final OrderCloudApi api;
  private final EventStore store;
  private final EventCatalogue catalogue;
  private final ReconcileState state;
  private final ObjectMapper mapper;
  private final CamelContext camel;
  private final Clock clock;
  private final String instance;
  private final Map<OrderEvents.Action, String> types;

  private final ReentrantLock running = new ReentrantLock();
  private final CountDownLatch stopping = new CountDownLatch(1);
  private final ExecutorService calls;
  private volatile PassResult lastPass;

  private final Counter ordersChecked;
  private final Timer passTime;
  private final MeterRegistry meters;
  private final AtomicLong lastPassEpochSeconds = new AtomicLong();

  /** This hub's reconciler, known in the lease by the dispatcher's instance name. */
  @Autowired
  Reconciler(
      ReconcileProperties properties,
      OrderCloudApi api,
      EventStore store,
      EventCatalogue catalogue,
      ReconcileState state,
      ObjectMapper mapper,
      CamelContext camel,
      Clock clock,
      Dispatcher dispatcher,
      MeterRegistry meters) {
    this(
        properties,
        api,
        store,
        catalogue,
        state,
        mapper,
        camel,
        clock,
        dispatcher.instance(),
        meters);
  }

  /** A reconciler known in the lease as {@code instance} (tests: a second hub's). */
  Reconciler(
      ReconcileProperties properties,
      OrderCloudApi api,
      EventStore store,
      EventCatalogue catalogue,
      ReconcileState state,
      ObjectMapper mapper,
      CamelContext camel,
      Clock clock,
      String instance,
      MeterRegistry meters) {
    this.properties = properties;
    this.api = api;
    this.store = store;
    this.catalogue = catalogue;
    this.state = state;
    this.mapper = mapper;
    this.camel = camel;
    this.clock = clock;
    this.instance = instance;
    this.meters = meters;
    this.enabled = properties.enabled() != null ? properties.enabled() : api.configured();
    if (enabled && !api.configured()) {
      throw new SettingException(
          "ORDERCLOUD_CLIENT_ID",
          "hub.ordercloud.api.client-id",
          "is not set, but hub.reconcile.enabled is true: reconciliation reads orders with the"
              + " hub's own API client",
          "Set ORDERCLOUD_CLIENT_ID and ORDERCLOUD_CLIENT_SECRET, or hub.reconcile.enabled=false");
    }
    this.directions = properties.directions().stream().map(Reconciler::direction).toList();
    positive(properties.interval(), "interval");
    positive(properties.maxPassDuration(), "max-pass-duration");
    if (properties.overlap().isNegative() || properties.initialLookback().isNegative()) {
      throw new SettingException(
          "HUB_RECONCILE_OVERLAP",
          "hub.reconcile.overlap / initial-lookback",
          "must not be negative",
          "Set e.g. 10m and 1h");
    }
    if (properties.settle().isNegative()
        || properties.settle().compareTo(properties.overlap()) >= 0) {
      throw new SettingException(
          "HUB_RECONCILE_SETTLE",
          "hub.reconcile.settle",
          "must be at least 0 and shorter than hub.reconcile.overlap ("
              + properties.overlap()
              + "), so that an order left to its webhooks is listed again by the next pass",
          "Set e.g. 2m with an overlap of 10m");
    }
    // the event type of each action's route, as the catalogue (with its overrides) classifies it
    this.types = new LinkedHashMap<>();
    for (OrderEvents.Action action : OrderEvents.Action.values()) {
      types.put(action, catalogue.typeOf("POST", action.route()));
    }
    this.calls = Executors.newFixedThreadPool(properties.concurrency(), daemons("reconcile-call-"));
    this.ordersChecked =
        Counter.builder("hub.reconcile.orders.checked")
            .description("Orders read from the OrderCloud API and checked by reconciliation")
            .register(meters);
    this.passTime =
        Timer.builder("hub.reconcile.pass.duration")
            .description("How long reconciliation passes took")
            .register(meters);
    Gauge.builder("hub.reconcile.last.pass.timestamp", lastPassEpochSeconds, AtomicLong::get)
        .description("When this instance's last reconciliation pass ended (epoch seconds)")
        .baseUnit("seconds")
        .register(meters);
    if (enabled) {
      // a webhook arriving after its event was recovered is answered as that event's duplicate
      store.answerLateWebhooks(Set.copyOf(types.values()));
    }
  }

  private static String direction(String configured) {
    String trimmed = configured == null ? "" : configured.trim();
    return DIRECTIONS.stream()
        .filter(d -> d.equalsIgnoreCase(trimmed))
        .findFirst()
        .orElseThrow(
            () ->
                new SettingException(
                    "HUB_RECONCILE_DIRECTIONS",
                    "hub.reconcile.directions",
                    "has \"" + trimmed + "\", which is not Incoming or Outgoing",
                    "Set Incoming (a seller's orders) and/or Outgoing (a supplier's)"));
  }

  static CustomizableThreadFactory daemons(String prefix) {
    CustomizableThreadFactory threads = new CustomizableThreadFactory(prefix);
    threads.setDaemon(true);
    return threads;
  }

  private static void positive(Duration value, String key) {
    if (value.isNegative() || value.isZero()) {
      throw new SettingException(
          "HUB_RECONCILE_" + key.toUpperCase(Locale.ROOT).replace('-', '_'),
          "hub.reconcile." + key,
          "must be above zero",
          "Set e.g. 5m");
    }
  }

  /** This instance's name in the lease. */
  String instance() {
    return instance;
  }

  /** Whether reconciliation is on in this instance. */
  public boolean enabled() {
    return enabled;
  }

  /** This instance's last pass (or refusal), if any. */
  public Optional<PassResult> lastPass() {
    return Optional.ofNullable(lastPass);
  }

  /** The shared row: watermark, last pass of any hub, who holds the lease. */
  Optional<ReconcileState.Row> stateRow() {
    return state.read();
  }

  /** Frees a lease this instance's previous run left (it stopped or crashed during a pass). */
  void releaseOwnLease() {
    if (state.releaseOwn(instance) > 0) {
      log.info("Released the reconciliation lease this instance's previous run left");
    }
  }

  /** The reconciliation's settings. */
  ReconcileProperties properties() {
    return properties;
  }

  /** The directions each pass lists. */
  List<String> directions() {
    return directions;
  }

  // --- a pass ------------------------------------------------------------------------------------

  /**
   * Runs a pass now, here, unless one is running (here or on another hub: outcome {@code busy}).
   *
   * @param since list orders changed after this instead of after the watermark less the overlap
   */
  public PassResult runNow(OffsetDateTime since) {
    if (!running.tryLock()) {
      return busy(instance);
    }
    try {
      OffsetDateTime now = now();
      String me = instance;
      if (!state.tryLock(me, now, now.plus(properties.maxPassDuration()).plus(LEASE_MARGIN))) {
        return busy(state.read().map(ReconcileState.Row::lockedBy).orElse("another hub"));
      }
      return pass(me, now, since);
    } finally {
      running.unlock();
    }
  }

  private PassResult busy(String where) {
    return new PassResult("busy", null, 0, 0, 0, 0, 0, 0, null, null, where, null);
  }

  private PassResult pass(String me, OffsetDateTime started, OffsetDateTime since) {
    long startNanos = System.nanoTime();
    OffsetDateTime watermark = null;
    Pass pass = null;
    String outcome;
    String error = null;
    try {
      watermark = state.read().map(ReconcileState.Row::watermark).orElse(null);
      OffsetDateTime from =
          since != null
              ? since
              : watermark != null
                  ? watermark.minus(properties.overlap())
                  : started.minus(properties.initialLookback());
      pass = new Pass(from.toInstant(), startNanos + properties.maxPassDuration().toNanos());
      for (String direction : directions) {
        pass.list(direction);
      }
      outcome = "complete";
    } catch (PassStopped e) {
      outcome = "incomplete";
      error = e.getMessage();
    } catch (RuntimeException e) {
      outcome = "failed";
      error = e.getMessage() != null ? e.getMessage() : e.toString();
    }
    if (pass != null && pass.failure.get() != null && outcome.equals("complete")) {
      outcome = "failed";
      error = pass.failure.get().getMessage();
    }
    OffsetDateTime next = watermark;
    // a window that starts after the watermark leaves a gap before it: the watermark stays
    boolean fromWatermark = since == null || (watermark != null && !since.isAfter(watermark));
    if (outcome.equals("complete") && fromWatermark && pass.newest.get() != null) {
      OffsetDateTime newest = pass.newest.get().atOffset(ZoneOffset.UTC);
      next = watermark == null || newest.isAfter(watermark) ? newest : watermark;
    }
    long durationMs = (System.nanoTime() - startNanos) / 1_000_000;
    PassResult result =
        new PassResult(
            outcome,
            pass == null ? null : pass.from.atOffset(ZoneOffset.UTC),
            pass == null ? 0 : pass.orders.get(),
            pass == null ? 0 : pass.recovered.get(),
            pass == null ? 0 : pass.deferred.get(),
            pass == null ? 0 : pass.pages.get(),
            pass == null ? 0 : pass.throttled.get(),
            durationMs,
            next,
            error == null ? null : shorten(error),
            me,
            now());
    boolean kept;
    try {
      kept =
          state.finish(
              me,
              new ReconcileState.Finished(
                  result.endedAt(),
                  outcome,
                  result.orders(),
                  result.recovered(),
                  result.pages(),
                  result.error(),
                  next));
    } catch (RuntimeException e) {
      kept = false;
      log.warn("Reconciliation pass could not record its end: {}", e.toString());
    }
    if (!kept) {
      log.warn("Reconciliation lease was lost during the pass: its watermark was not recorded");
    }
    record(result, durationMs);
    return result;
  }

  private void record(PassResult result, long durationMs) {
    lastPass = result;
    lastPassEpochSeconds.set(clock.instant().getEpochSecond());
    passTime.record(Duration.ofMillis(durationMs));
    Counter.builder("hub.reconcile.passes")
        .description("Reconciliation passes, by outcome")
        .tag("outcome", result.outcome())
        .register(meters)
        .increment();
    String line =
        "Reconciliation pass {}: {} orders checked, {} events recovered, {} left to their"
            + " webhooks for now, {} pages, {} ms"
            + " (changed after {}, watermark {}{}){}";
    Object[] args = {
      result.outcome(),
      result.orders(),
      result.recovered(),
      result.deferred(),
      result.pages(),
      durationMs,
      result.since(),
      result.watermark(),
      result.throttled() > 0 ? ", " + result.throttled() + " times slowed down by 429" : "",
      result.error() == null ? "" : ": " + result.error()
    };
    if (result.outcome().equals("complete")) {
      log.info(line, args);
    } else {
      log.warn(line, args);
    }
  }

  /** Signals that the pass stops early: out of time, or the hub stops. */
  private static final class PassStopped extends RuntimeException {
    PassStopped(String message) {
      super(message);
    }
  }

  /** One pass's window, figures and throttle. */
  private final class Pass {
    final Instant from;
    final long deadlineNanos;
    final Exchange exchange = new DefaultExchange(camel);
    final AtomicInteger orders = new AtomicInteger();
    final AtomicInteger recovered = new AtomicInteger();
    final AtomicInteger deferred = new AtomicInteger();
    final AtomicInteger pages = new AtomicInteger();
    final AtomicInteger throttled = new AtomicInteger();
    final AtomicInteger inARow = new AtomicInteger();
    final AtomicReference<Instant> newest = new AtomicReference<>();
    final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    volatile long pausedUntilNanos = System.nanoTime();

    Pass(Instant from, long deadlineNanos) {
      this.from = from;
      this.deadlineNanos = deadlineNanos;
    }

    /** Every page of one direction: the first here, the others on the call threads. */
    void list(String direction) {
      OrderCloudApi.OrderPage first = page(direction, 1);
      check(direction, first);
      List<Future<?>> rest = new ArrayList<>();
      for (int number = 2; number <= first.totalPages(); number++) {
        int page = number;
        rest.add(
            calls.submit(
                () -> {
                  if (failure.get() != null) {
                    return;
                  }
                  try {
                    check(direction, page(direction, page));
                  } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                  }
                }));
      }
      for (Future<?> each : rest) {
        try {
          each.get();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          rest.forEach(f -> f.cancel(true));
          throw new PassStopped("interrupted");
        } catch (ExecutionException e) {
          failure.compareAndSet(null, new IllegalStateException(e.getCause()));
        }
      }
      RuntimeException failed = failure.get();
      if (failed != null) {
        throw failed;
      }
    }

    /** One page, asked again after each 429 until it comes or the pass runs out of time. */
    OrderCloudApi.OrderPage page(String direction, int number) {
      while (true) {
        waitForPause();
        try {
          Optional<OrderCloudApi.OrderPage> page =
              api.ordersChangedAfter(exchange, direction, from, number, properties.pageSize());
          inARow.set(0);
          pages.incrementAndGet();
          return page.orElseGet(() -> new OrderCloudApi.OrderPage(List.of(), number, number));
        } catch (OrderCloudThrottledException e) {
          pause(e.retryAfter().orElse(null));
        } catch (OrderCloudApiException e) {
          if (e.status() != 429) {
            throw e;
          }
          pause(null); // the token endpoint's 429 (no Retry-After passed on)
        }
      }
    }

    private void pause(Duration retryAfter) {
      throttled.incrementAndGet();
      Counter.builder("hub.reconcile.throttled")
          .description("OrderCloud API calls of reconciliation answered 429 and asked again")
          .register(meters)
          .increment();
      int n = inARow.incrementAndGet();
      Duration wait = retryAfter != null ? retryAfter : backoff(n);
      long until = System.nanoTime() + wait.toNanos();
      synchronized (this) {
        if (until - pausedUntilNanos > 0) {
          pausedUntilNanos = until;
        }
      }
      log.info("OrderCloud API answered 429: reconciliation waits {} ms", wait.toMillis());
    }

    /** Waits while the pass is paused by a 429 (every call waits, not only the throttled one). */
    private void waitForPause() {
      while (true) {
        long now = System.nanoTime();
        if (now - deadlineNanos > 0) {
          throw new PassStopped(
              "stopped after hub.reconcile.max-pass-duration ("
                  + properties.maxPassDuration()
                  + ")");
        }
        long left = pausedUntilNanos - now;
        if (left <= 0) {
          return;
        }
        try {
          if (stopping.await(Math.min(left, deadlineNanos - now), TimeUnit.NANOSECONDS)) {
            throw new PassStopped("the hub is stopping");
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new PassStopped("interrupted");
        }
      }
    }

    /** Checks every order of a page, storing the events it lacks. */
    void check(String direction, OrderCloudApi.OrderPage page) {
      for (JsonNode order : page.items()) {
        if (stopping.getCount() == 0) {
          throw new PassStopped("the hub is stopping");
        }
        String orderId = order.path("ID").asText(null);
        if (orderId == null || orderId.isBlank()) {
          continue;
        }
        orders.incrementAndGet();
        ordersChecked.increment();
        Optional<Instant> updated = OrderEvents.lastUpdated(order);
        updated.ifPresent(
            at -> newest.accumulateAndGet(at, (a, b) -> a == null || b.isAfter(a) ? b : a));
        if (updated.isPresent() && settling(updated.get())) {
          // its webhooks may still be on their way; the next pass lists it again (overlap)
          deferred.incrementAndGet();
          continue;
        }
        for (OrderEvents.Expected expected : OrderEvents.of(order)) {
          recover(direction, orderId, order, expected);
        }
      }
    }

    private void recover(
        String direction, String orderId, JsonNode order, OrderEvents.Expected expected) {
      String type = types.get(expected.action());
      ReceivedEvent event =
          catalogue.classify(RecoveredEvent.of(mapper, direction, order, expected));
      // the key the store gives the event (order:<ID>, or as hub.events.business-keys says);
      // without one, only the dedupe key keeps it single
      String key = catalogue.businessKeyOf(type, event.payload());
      if (key != null && store.holdsPostHook(key, type)) {
        return;
      }
      EventReceipt receipt = store.recordReconciled(event, RecoveredEvent.dedupeKey(type, orderId));
      if (!receipt.duplicate()) {
        recovered.incrementAndGet();
        Counter.builder("hub.reconcile.events.recovered")
            .description("Events reconciliation stored because no webhook had brought them")
            .tag("type", type)
            .register(meters)
            .increment();
        log.info(
            "Recovered {} of order {} ({}) from the OrderCloud API: eventId={}",
            type,
            orderId,
            direction,
            receipt.eventId());
      }
    }
  }

  /**
   * Whether an order changed at {@code updated} changed too recently to be recovered now: within
   * {@code settle} of this hub's clock, either way (a time further ahead than that is a clock
   * disagreement, not a change in flight, and is recovered as before).
   */
  private boolean settling(Instant updated) {
    Instant now = clock.instant();
    return updated.isAfter(now.minus(properties.settle()))
        && updated.isBefore(now.plus(properties.settle()));
  }

  /** The wait after the n-th 429 in a row that said no Retry-After: 1 s, 2 s, 4 s … 1 min. */
  static Duration backoff(int n) {
    Duration wait = FIRST_BACKOFF.multipliedBy(1L << Math.min(Math.max(n, 1) - 1, 10));
    return wait.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait;
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
  }

  private static String shorten(String text) {
    String clean = text.replaceAll("\\s+", " ");
    return clean.length() > 900 ? clean.substring(0, 900) + "…" : clean;
  }

  /** The hub stops: a running pass ends at its next call or order, its lease freed. */
  void stop() {
    stopping.countDown();
    calls.shutdownNow();
  }

  /** For the log and health: the types this reconciliation recovers. */
  String recoveredTypes() {
    return Arrays.stream(OrderEvents.Action.values())
        .map(types::get)
        .collect(Collectors.joining(", "));
  }
}
