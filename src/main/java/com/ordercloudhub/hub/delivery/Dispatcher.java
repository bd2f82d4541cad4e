package com.ordercloudhub.hub.delivery;

import com.ordercloudhub.hub.event.EventStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;

/**
 * Delivers stored events. It claims due events from the shared queue (row locks and a lease, so
 * several hub instances can work one database), plans each new event's legs through its routing
 * route, and attempts every due leg through its destination route. Outcomes go to the ledger: a
 * delivered leg is never sent again, a failed one is retried on its destination's schedule or dead.
 * Retry state lives in the database, so a restart or crash loses nothing.
 */
@Component
public class Dispatcher implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
  private static final Duration ROUTING_RETRY = Duration.ofMinutes(1);

  private final DeliveryProperties properties;
  private final DispatchQueue queue;
  private final DeliveryLedger ledger;
  private final EventPlanner planner;
  private final DeliveryExchanges exchanges;
  private final FailureClassifier classifier;
  private final ProducerTemplate producer;
  private final MeterRegistry meters;
  private final Clock clock;
  private final ApplicationEventPublisher publisher;
  private final String instance;

  private final Object signal = new Object();
  private final AtomicInteger inFlight = new AtomicInteger();
  private volatile boolean running;
  private volatile boolean nudged;
  private Thread poller;
  private ThreadPoolExecutor workers;

  public Dispatcher(
      DeliveryProperties properties,
      DispatchQueue queue,
      DeliveryLedger ledger,
      EventPlanner planner,
      DeliveryExchanges exchanges,
      FailureClassifier classifier,
      ProducerTemplate producer,
      MeterRegistry meters,
      Clock clock,
      ApplicationEventPublisher publisher,
      @Value("${server.port:8080}") int port) {
    this.properties = properties;
    this.queue = queue;
    this.ledger = ledger;
    this.planner = planner;
    this.exchanges = exchanges;
    this.classifier = classifier;
    this.producer = producer;
    this.meters = meters;
    this.clock = clock;
    this.publisher = publisher;
    this.instance =
        properties.instanceId() != null && !properties.instanceId().isBlank()
            ? properties.instanceId().trim()
            : hostName() + ":" + port;
  }

  /** A leg was delivered and recorded (destinations clean up after it, e.g. erase secrets). */
  public record LegDelivered(String eventId, String destination) {}

  /** This instance's name in claims and attempts. */
  public String instance() {
    return instance;
  }

  /** Starts once Camel runs: deliveries go through its routes. */
  @EventListener(ApplicationReadyEvent.class)
  public synchronized void begin() {
    if (!properties.enabled() || running) {
      return;
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
    running = true;
    poller = new Thread(this::poll, "dispatch-poller");
    poller.setDaemon(true);
    poller.start();
    log.info(
        "Dispatcher {} started: concurrency {}, batch {}, lease {}",
        instance,
        properties.concurrency(),
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
        int free = properties.batchSize() + properties.concurrency() - inFlight.get();
        List<String> claimed =
            free <= 0
                ? List.of()
                : queue.claim(
                    instance, Math.min(free, properties.batchSize()), properties.lease(), now());
        for (String eventId : claimed) {
          inFlight.incrementAndGet();
          workers.execute(() -> work(eventId));
        }
        if (claimed.isEmpty() || free <= 0) {
          idle();
        }
      } catch (RuntimeException e) {
        log.warn("Dispatcher could not claim work ({}); trying again", e.toString());
        idle();
      }
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
      log.error("Delivery of event {} failed unexpectedly; it stays queued", eventId, e);
      safely(() -> queue.postpone(eventId, instance, now().plus(ROUTING_RETRY)));
    } finally {
      inFlight.decrementAndGet();
      nudge();
    }
  }

  /** Plans (once) and attempts every due leg of one claimed event, then gives the event back. */
  void deliver(String eventId) {
    Optional<DispatchEvent> found = queue.load(eventId);
    if (found.isEmpty()) {
      return;
    }
    DispatchEvent event = found.get();
    if (event.routedAt() == null) {
      List<DeliveryLedger.PlannedLeg> legs;
      try {
        legs = planner.plan(event);
      } catch (RuntimeException e) {
        log.error(
            "Routing of event {} ({}) failed, retrying in {}: {}",
            event.id(),
            event.eventType(),
            ROUTING_RETRY,
            e.getCause() != null ? e.getCause().toString() : e.toString());
        queue.postpone(eventId, instance, now().plus(ROUTING_RETRY));
        return;
      }
      OffsetDateTime now = now();
      ledger.plan(event.id(), legs, now);
      queue.markRouted(event.id(), now);
      log.info(
          "Event {} ({}) routed by {} to {}",
          event.id(),
          event.eventType(),
          planner.routeFor(event.eventType()),
          legs.isEmpty() ? "no destination" : legs.stream().map(this::describe).toList());
    }
    for (DeliveryLeg leg : ledger.dueLegs(event.id(), now())) {
      attempt(event, leg);
    }
    queue.release(event.id(), instance, now());
  }

  private String describe(DeliveryLedger.PlannedLeg leg) {
    return leg.skipReason() == null
        ? leg.destination()
        : leg.destination() + " (skipped: " + leg.skipReason() + ")";
  }

  private void attempt(DispatchEvent event, DeliveryLeg leg) {
    // structured logs (prod profile) carry these as fields
    try (var id = MDC.putCloseable("eventId", event.id());
        var type = MDC.putCloseable("eventType", event.eventType());
        var destination = MDC.putCloseable("destination", leg.destination())) {
      attemptLogged(event, leg);
    }
  }

  private void attemptLogged(DispatchEvent event, DeliveryLeg leg) {
    int number = leg.attempts() + 1;
    OffsetDateTime started = now();
    long t0 = System.nanoTime();
    Exchange done =
        producer.send(
            DeliveryPlan.endpointOf(leg.destination()), exchanges.forLeg(event, leg, number));
    long nanos = System.nanoTime() - t0;
    DeliveryLedger.Attempt attempt =
        new DeliveryLedger.Attempt(number, started, (int) (nanos / 1_000_000), instance);
    Exception failure = done.getException();
    if (failure == null) {
      String note = done.getProperty(DeliveryExchanges.LEG_NOTE, String.class);
      ledger.delivered(leg, attempt, note);
      publisher.publishEvent(new LegDelivered(event.id(), leg.destination()));
      record(leg, "delivered", nanos);
      log.info(
          "Leg {} of event {} ({}) delivered, attempt {}, {} ms",
          leg.destination(),
          event.id(),
          event.eventType(),
          number,
          attempt.durationMs());
      if (note != null) {
        log.info("Leg {} of event {}: {}", leg.destination(), event.id(), note);
      }
      return;
    }
    FailureClassifier.Failure classified = classifier.classify(failure, done);
    Optional<Duration> delay =
        classified.permanent()
            ? Optional.empty()
            : properties.scheduleFor(leg.destination()).delayAfter(number);
    String error =
        classified.permanent() || delay.isPresent()
            ? classified.message()
            : FailureClassifier.shorten(
                "Gave up after " + number + " attempts: " + classified.message());
    ledger.failed(leg, attempt, error, delay.map(d -> attempt.finishedAt().plus(d)).orElse(null));
    record(leg, delay.isPresent() ? "retry" : "dead", nanos);
    if (delay.isPresent()) {
      log.warn(
          "Leg {} of event {} ({}) failed, attempt {}, retrying in {}: {}",
          leg.destination(),
          event.id(),
          event.eventType(),
          number,
          delay.get(),
          error);
    } else {
      log.error(
          "Leg {} of event {} ({}) is dead after attempt {}: {}",
          leg.destination(),
          event.id(),
          event.eventType(),
          number,
          error);
    }
  }

  private void record(DeliveryLeg leg, String outcome, long nanos) {
    Timer.builder("hub.delivery.attempts")
        .description("Delivery attempts by destination and outcome")
        .tag("destination", leg.destination())
        .tag("outcome", outcome)
        .register(meters)
        .record(nanos, TimeUnit.NANOSECONDS);
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
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
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

  private static void safely(Runnable action) {
    try {
      action.run();
    } catch (RuntimeException e) {
      log.warn("Could not update the dispatch queue: {}", e.toString());
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
