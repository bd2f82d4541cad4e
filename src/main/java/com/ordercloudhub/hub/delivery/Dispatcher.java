package com.ordercloudhub.hub.delivery;

import com.ordercloudhub.hub.event.EventStore;
import java.net.InetAddress;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;

/**
 * Delivers stored events: the loop. It claims due events from the shared queue (row locks and a
 * lease, so several hub instances can work one database) onto its worker pool, plans each new
 * event's legs through its routing route, and attempts every due leg ({@link LegAttempt}); {@link
 * LegOutcomes} records each outcome in the ledger. Retry state lives in the database, so a restart
 * or crash loses nothing. Legs of one business key go to a destination in event order ({@link
 * LegOrder}). It stops before the web server and Camel, finishing or releasing its claimed work.
 *
 * <p>When the database fails mid-delivery, the claim of the event at hand cannot be given back; the
 * poller gives back every claim of this instance that no worker holds as soon as the database
 * answers again, so those events go at once instead of after their lease.
 */
@Component
public class Dispatcher implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
  private static final Duration ROUTING_RETRY = Duration.ofMinutes(1);

  private final DeliveryProperties properties;
  private final DispatchQueue queue;
  private final DeliveryLedger ledger;
  private final EventPlanner planner;
  private final LegAttempt legs;
  private final LegOutcomes outcomes;
  private final LegOrder order;
  private final Clock clock;
  private final String instance;
  private final int poolSize;

  /** Connections left for intake, pre-hooks and the ops API however busy delivery is. */
  static final int POOL_RESERVE = 4;

  private final Object signal = new Object();

  /** Events claimed by this instance and handed to a worker, not finished yet. */
  private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

  /** A claim could not be given back (the database failed): free idle claims before claiming. */
  private final AtomicBoolean claimsLeft = new AtomicBoolean();

  private long lastHeldCheck;
  private volatile boolean running;
  private volatile boolean nudged;
  private Thread poller;
  private ThreadPoolExecutor workers;
  private ThreadPoolExecutor legWorkers;

  Dispatcher(
      DeliveryProperties properties,
      DispatchQueue queue,
      DeliveryLedger ledger,
      EventPlanner planner,
      LegAttempt legs,
      LegOutcomes outcomes,
      LegOrder order,
      Clock clock,
      @Value("${server.port:8080}") int port,
      @Value("${spring.datasource.hikari.maximum-pool-size:10}") int poolSize) {
    this.properties = properties;
    this.queue = queue;
    this.ledger = ledger;
    this.planner = planner;
    this.legs = legs;
    this.outcomes = outcomes;
    this.order = order;
    this.clock = clock;
    this.poolSize = poolSize;
    this.instance =
        properties.instanceId() != null && !properties.instanceId().isBlank()
            ? properties.instanceId().trim()
            : hostName() + ":" + port;
  }

  /** A leg was delivered and recorded (destinations clean up after it, e.g. erase secrets). */
  public record LegDelivered(String eventId, String destination) {}

  /** A leg became dead and was recorded: it waits for a replay (write-back reports it). */
  public record LegDead(String eventId, String destination) {}

  /** This instance's name in claims and attempts. */
  public String instance() {
    return instance;
  }

  /** Whether one of this instance's workers has the event now (claimed and not given back). */
  boolean working(String eventId) {
    return inFlight.contains(eventId);
  }

  /** Starts once Camel runs: deliveries go through its routes. */
  @EventListener(ApplicationReadyEvent.class)
  public synchronized void begin() {
    if (!properties.enabled() || running) {
      return;
    }
    int threads = properties.concurrency() + properties.legConcurrency();
    if (threads > poolSize - POOL_RESERVE) {
      // every delivery thread may hold a connection: intake would wait for one, and a webhook
      // that waits longer than the pool's timeout is refused 503 (OrderCloud does not send again)
      log.warn(
          "hub.delivery.concurrency + leg-concurrency ({}) leave fewer than {} of the database pool's"
              + " {} connections for webhooks while a backlog drains: raise"
              + " spring.datasource.hikari.maximum-pool-size to at least {} or lower them",
          threads,
          POOL_RESERVE,
          poolSize,
          threads + POOL_RESERVE);
    }
    int released = queue.releaseAll(instance);
    if (released > 0) {
      log.info("Released {} claims left by this instance's previous run ({})", released, instance);
    }
    workers =
        new ThreadPoolExecutor(
            properties.concurrency(),
            properties.concurrency(),
            0,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(properties.batchSize() + properties.concurrency()),
            new CustomizableThreadFactory("dispatch-"));
    legWorkers =
        properties.legConcurrency() == 0
            ? null
            : new ThreadPoolExecutor(
                properties.legConcurrency(),
                properties.legConcurrency(),
                0,
                TimeUnit.SECONDS,
                new SynchronousQueue<>(),
                new CustomizableThreadFactory("dispatch-leg-"),
                // all busy (or stopping): the event's own worker sends the leg, so it is never
                // refused and its future always completes
                (leg, pool) -> leg.run());
    running = true;
    poller = new Thread(this::poll, "dispatch-poller");
    poller.setDaemon(true);
    poller.start();
    log.info(
        "Dispatcher {} started: concurrency {} events, {} more legs, batch {}, lease {}",
        instance,
        properties.concurrency(),
        properties.legConcurrency(),
        properties.batchSize(),
        properties.lease());
  }

  @EventListener
  void onStored(EventStore.EventStored stored) {
    nudge();
  }

  /** Wakes the poller: new or re-queued work may be due now. */
  public void nudge() {
    synchronized (signal) {
      nudged = true;
      signal.notifyAll();
    }
  }

  private void poll() {
    while (running) {
      try {
        freeLeftClaims();
        releaseFreedLegs();
        int free = properties.batchSize() + properties.concurrency() - inFlight.size();
        List<String> claimed =
            free <= 0
                ? List.of()
                : queue.claim(
                    instance, Math.min(free, properties.batchSize()), properties.lease(), now());
        for (String eventId : claimed) {
          inFlight.add(eventId);
          try {
            workers.execute(() -> work(eventId));
          } catch (RejectedExecutionException stopping) {
            inFlight.remove(eventId); // its claim is freed with the others
            throw stopping;
          }
        }
        if (claimed.isEmpty() || free <= 0) {
          idle();
        }
      } catch (RuntimeException e) {
        // the claim may have committed without this instance hearing of it: free it once it can
        claimsLeft.set(true);
        log.warn("Dispatcher could not claim work ({}); trying again", e.toString());
        idle();
      }
    }
  }

  /**
   * After a database failure: gives back this instance's claims that no worker holds (their release
   * failed, or a claim committed unheard), due as they were, so they are claimed again now. Runs on
   * the poller, the only thread that claims, so no claim is taken meanwhile.
   */
  private void freeLeftClaims() {
    if (claimsLeft.getAndSet(false)) {
      try {
        int freed = queue.releaseIdle(instance, Set.copyOf(inFlight));
        if (freed > 0) {
          log.info("Database answers again: {} claims left by failed deliveries freed", freed);
        }
      } catch (RuntimeException e) {
        claimsLeft.set(true);
        throw e;
      }
    }
  }

  /** Now and then: held legs whose blocker is no longer dead go again (see {@link LegOrder}). */
  private void releaseFreedLegs() {
    long now = System.nanoTime();
    long every = Math.max(properties.pollInterval().toNanos() * 5, 1_000_000_000L);
    if (now - lastHeldCheck >= every) {
      lastHeldCheck = now;
      order.releaseFreed();
    }
  }

  private void idle() {
    synchronized (signal) {
      if (!nudged && running) {
        try {
          signal.wait(properties.pollInterval().toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          running = false;
        }
      }
      nudged = false;
    }
  }

  private void work(String eventId) {
    try {
      deliver(eventId);
    } catch (RuntimeException e) {
      if (databaseFailed(e)) {
        // the hub's own failure, not the event's: it goes again as soon as the database answers
        claimsLeft.set(true);
        log.warn(
            "Delivery of event {} stopped: the database failed ({}); it goes again once the"
                + " database answers",
            eventId,
            e.toString());
        return;
      }
      log.error("Delivery of event {} failed unexpectedly; it stays queued", eventId, e);
      if (!safely(() -> queue.postpone(eventId, instance, now().plus(ROUTING_RETRY)))) {
        claimsLeft.set(true);
      }
    } finally {
      inFlight.remove(eventId);
      nudge();
    }
  }

  /**
   * The database could not be reached or lost the connection (not a failed statement: a bad one
   * would fail again at once).
   */
  static boolean databaseFailed(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof DataAccessResourceFailureException
          || t instanceof TransientDataAccessException
          || t instanceof RecoverableDataAccessException
          || t instanceof TransactionException
          || t instanceof SQLTransientException
          || t instanceof SQLRecoverableException
          || t instanceof SQLNonTransientConnectionException) {
        return true;
      }
    }
    return false;
  }

  /** Plans (once) and attempts every due leg of one claimed event, then gives the event back. */
  void deliver(String eventId) {
    Optional<DispatchEvent> found = queue.load(eventId);
    if (found.isEmpty()) {
      return;
    }
    DispatchEvent event = found.get();
    if (event.routedAt() == null && !route(event)) {
      return;
    }
    List<DeliveryLeg> due = ledger.dueLegs(event.id(), now());
    if (legWorkers == null || due.size() < 2) {
      for (DeliveryLeg leg : due) {
        clearAndAttempt(event, leg);
      }
    } else {
      attemptTogether(event, due);
    }
    queue.release(event.id(), instance, now());
  }

  /**
   * One leg per destination: independent of each other, so they go out together (the first on this
   * thread); each still waits for the earlier legs of its business key to its destination ({@link
   * LegOrder}). Returns once every one has ended; the first failure is rethrown.
   */
  private void attemptTogether(DispatchEvent event, List<DeliveryLeg> due) {
    List<Future<?>> others = new ArrayList<>();
    for (DeliveryLeg leg : due.subList(1, due.size())) {
      others.add(legWorkers.submit(() -> clearAndAttempt(event, leg)));
    }
    RuntimeException failed = null;
    try {
      clearAndAttempt(event, due.get(0));
    } catch (RuntimeException e) {
      failed = e;
    }
    failed = join(others, failed);
    if (failed != null) {
      throw failed;
    }
  }

  private void clearAndAttempt(DispatchEvent event, DeliveryLeg leg) {
    if (order.clear(event, leg, now())) {
      attempt(event, leg);
    }
  }

  /** Waits for every leg sent beside this one; the first failure is the event's. */
  private static RuntimeException join(List<Future<?>> legs, RuntimeException failed) {
    boolean interrupted = false;
    for (Future<?> leg : legs) {
      try {
        // a stop's interrupt does not end the wait: the leg is being sent, and the event must not
        // be given back (and claimed elsewhere) before its outcome is recorded; the leg's own
        // timeouts bound it
        while (true) {
          try {
            leg.get();
            break;
          } catch (InterruptedException e) {
            interrupted = true;
          }
        }
      } catch (ExecutionException e) {
        RuntimeException cause =
            e.getCause() instanceof RuntimeException r
                ? r
                : new IllegalStateException(e.getCause());
        if (failed == null) {
          failed = cause;
        } else {
          failed.addSuppressed(cause);
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    return failed;
  }

  /**
   * Plans a new event's legs through its routing route, once; false when routing failed and the
   * event was put back for later.
   */
  private boolean route(DispatchEvent event) {
    List<DeliveryLedger.PlannedLeg> planned;
    try {
      planned = planner.plan(event);
    } catch (RuntimeException e) {
      log.error(
          "Routing of event {} ({}) failed, retrying in {}: {}",
          event.id(),
          event.eventType(),
          ROUTING_RETRY,
          e.getCause() != null ? e.getCause().toString() : e.toString());
      queue.postpone(event.id(), instance, now().plus(ROUTING_RETRY));
      return false;
    }
    OffsetDateTime now = now();
    // legs and routed_at in one commit: a later event of the key never sees this one routed
    // without its legs
    ledger.plan(
        event.id(),
        planned,
        now,
        event.businessKey(),
        event.orderedAt(),
        () -> queue.markRouted(event.id(), now));
    log.info(
        "Event {} ({}) routed by {} to {}",
        event.id(),
        event.eventType(),
        planner.routeFor(event.eventType()),
        planned.isEmpty() ? "no destination" : planned.stream().map(this::describe).toList());
    return true;
  }

  private String describe(DeliveryLedger.PlannedLeg leg) {
    return leg.skipReason() == null
        ? leg.destination()
        : leg.destination() + " (skipped: " + leg.skipReason() + ")";
  }

  private void attempt(DispatchEvent event, DeliveryLeg leg) {
    // structured logs (prod profile) carry these as fields, the destination route's lines too
    try (var id = MDC.putCloseable("eventId", event.id());
        var type = MDC.putCloseable("eventType", event.eventType());
        var destination = MDC.putCloseable("destination", leg.destination())) {
      int number = leg.attempts() + 1;
      outcomes.record(event, leg, number, legs.attempt(event, leg, number), instance);
    }
  }

  // --- lifecycle: stop before the web server and Camel, finishing or releasing claimed work ----

  @Override
  public void start() {
    // started by ApplicationReadyEvent, once Camel's routes run
  }

  @Override
  public boolean isAutoStartup() {
    return true;
  }

  @Override
  public int getPhase() {
    return Integer.MAX_VALUE - 1000;
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public synchronized void stop() {
    if (!running) {
      return;
    }
    running = false;
    nudge();
    List<Runnable> notStarted = new ArrayList<>();
    workers.getQueue().drainTo(notStarted);
    workers.shutdown();
    try {
      if (!workers.awaitTermination(properties.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn(
            "Deliveries still running after {}; interrupting them", properties.shutdownGrace());
        workers.shutdownNow();
        if (legWorkers != null) {
          legWorkers.shutdownNow();
        }
        // an event worker waits for its legs to end (their own timeouts bound them) before it
        // gives its event back, so its claim is never released while a leg is still being sent
        if (!workers.awaitTermination(
            properties.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)) {
          log.warn("Deliveries still running after twice {}", properties.shutdownGrace());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (legWorkers != null) {
      legWorkers.shutdownNow();
    }
    int released = safely(() -> queue.releaseAll(instance));
    log.info(
        "Dispatcher {} stopped: {} queued events handed back, {} claims released",
        instance,
        notStarted.size(),
        released);
  }

  private static int safely(java.util.function.IntSupplier action) {
    try {
      return action.getAsInt();
    } catch (RuntimeException e) {
      log.warn("Could not release claims: {}", e.toString());
      return 0;
    }
  }

  private static boolean safely(Runnable action) {
    try {
      action.run();
      return true;
    } catch (RuntimeException e) {
      log.warn("Could not update the dispatch queue: {}", e.toString());
      return false;
    }
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
  }

  private static String hostName() {
    String env = System.getenv("HOSTNAME");
    if (env != null && !env.isBlank()) {
      return env;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (Exception e) {
      return "hub";
    }
  }
}
