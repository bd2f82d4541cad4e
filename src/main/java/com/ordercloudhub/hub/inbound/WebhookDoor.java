package com.ordercloudhub.hub.inbound;

import com.ordercloudhub.hub.config.Problem;
import com.ordercloudhub.hub.prehook.PreHookClock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * The front door of {@code /webhooks/**}: everything before the signature is checked is assumed
 * hostile, so it costs the caller's time, never the hub's threads or unbounded memory.
 *
 * <ul>
 *   <li>Until the inbound routes run (and from the moment a stop begins) a webhook path answers
 *       {@code 503 starting}/{@code stopping} with Retry-After, never 404.
 *   <li>A body over the limit is refused 413 by its Content-Length before a byte is read, or at the
 *       limit when chunked; a body the lane's memory budget cannot hold is refused 503 at once.
 *   <li>The body is read without holding a thread, under a deadline and a minimum rate (408), and
 *       the signature is computed as the bytes arrive: an unsigned call is refused 401 without ever
 *       reaching a route or a worker.
 *   <li>A signed call runs its route within its lane's capacity (pre-hooks have their own),
 *       straight to Camel: no Spring MVC, security chain or observation on this path.
 * </ul>
 */
public final class WebhookDoor implements Filter {

  /** Request attribute: System.nanoTime() when the call reached the door. */
  public static final String ARRIVED_AT = PreHookClock.RECEIVED_AT;

  /** Request attribute: the Base64 HMAC of the body under each configured key, in key order. */
  public static final String BODY_SIGNATURES = "hubBodySignatures";

  private static final Logger log = LoggerFactory.getLogger(WebhookDoor.class);
  private static final long LOG_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);

  enum State {
    STARTING,
    OPEN,
    STOPPING
  }

  private final Lane preHooks;
  private final Lane postHooks;
  private final OcSignature signature;
  private final DeliveryTargets deliveryTargets;
  private final MeterRegistry meters;
  private final long deadlineNanos;
  private final long minBytesPerSecond;
  private final long graceNanos;
  private final long checkEveryMillis;
  private final long maxWaitNanos;
  private final List<DoorConsumer> consumers = new CopyOnWriteArrayList<>();
  private final Set<String> knownPaths = ConcurrentHashMap.newKeySet();
  private final Map<String, Refusals> refusals = new ConcurrentHashMap<>();
  private final Map<String, Counter> answers = new ConcurrentHashMap<>();
  private final Set<DoorCall> live = ConcurrentHashMap.newKeySet();
  private final ScheduledThreadPoolExecutor timers;
  private final HttpFirewall firewall = new StrictHttpFirewall();
  private final RequestRejectedHandler rejected;
  private final PriorityPort priority;
  private volatile State state = State.STARTING;

  WebhookDoor(
      InboundProperties properties,
      Lane preHooks,
      Lane postHooks,
      OcSignature signature,
      DeliveryTargets deliveryTargets,
      RequestRejectedHandler rejected,
      PriorityPort priority,
      MeterRegistry meters) {
    this.deliveryTargets = deliveryTargets;
    this.rejected = rejected;
    this.priority = priority;
    this.preHooks = preHooks;
    this.postHooks = postHooks;
    this.signature = signature;
    this.meters = meters;
    this.deadlineNanos = properties.requestDeadline().toNanos();
    this.minBytesPerSecond = properties.minBodyRate().toBytes();
    this.graceNanos = properties.minRateAfter().toNanos();
    this.checkEveryMillis =
        Math.max(50, Math.min(1000, properties.requestDeadline().toMillis() / 10));
    this.maxWaitNanos = properties.maxQueueWait().toNanos();
    this.timers = new ScheduledThreadPoolExecutor(1, r -> daemon(r, "inbound-deadlines"));
    this.timers.setRemoveOnCancelPolicy(true);
    for (Lane lane : List.of(preHooks, postHooks)) {
      Gauge.builder("hub.inbound.body.bytes", lane.budget, BodyBudget::used)
          .description("Body bytes held in memory by inbound calls, by lane")
          .tag("lane", lane.name)
          .baseUnit("bytes")
          .register(meters);
      Gauge.builder("hub.inbound.running", lane, Lane::running)
          .description("Inbound calls running their route, by lane")
          .tag("lane", lane.name)
          .register(meters);
      Gauge.builder("hub.inbound.waiting", lane, Lane::waiting)
          .description("Signed inbound calls waiting for room in their lane")
          .tag("lane", lane.name)
          .register(meters);
    }
    Gauge.builder("hub.inbound.open", live, Set::size)
        .description("Inbound calls the door has taken and not yet answered")
        .register(meters);
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  // --- state
  // ---------------------------------------------------------------------------------------

  /** Every route has started: the door opens. */
  @EventListener(ApplicationReadyEvent.class)
  void open() {
    if (state == State.STARTING) {
      state = State.OPEN;
      log.info("Webhook door open: {}", knownPaths);
    }
  }

  /** A stop has begun: new calls are told to come back; calls in flight finish. */
  @EventListener(ContextClosedEvent.class)
  void closing() {
    state = State.STOPPING;
    // calls still sending their body are told to come back now, so none holds the graceful stop
    int told = 0;
    for (DoorCall call : live) {
      if (call.stopIfReading()) {
        told++;
      }
    }
    if (told > 0 || !live.isEmpty()) {
      log.info(
          "Webhook door stopping: {} call(s) still sending answered 503, {} finishing",
          told,
          live.size());
    }
  }

  void opened(DoorCall call) {
    live.add(call);
  }

  void closed(DoorCall call) {
    live.remove(call);
  }

  State state() {
    return state;
  }

  void register(DoorConsumer consumer) {
    knownPaths.add(consumer.path());
    consumers.add(consumer);
  }

  void unregister(DoorConsumer consumer) {
    consumers.remove(consumer);
  }

  void shutdown() {
    timers.shutdownNow();
  }

  // --- the filter
  // ----------------------------------------------------------------------------------

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest request = (HttpServletRequest) req;
    HttpServletResponse response = (HttpServletResponse) res;
    request.setAttribute(ARRIVED_AT, System.nanoTime());
    if (priority.refused(request, response)) {
      return;
    }
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("Cache-Control", "no-store");
    try {
      // the URL checks Spring Security applies everywhere else (';', '..', '//', encoded slashes,
      // …)
      firewall.getFirewalledRequest(request);
    } catch (RequestRejectedException e) {
      rejected.handle(request, response, e);
      return;
    }
    String uri = request.getRequestURI();
    DoorConsumer consumer = find(uri);
    Lane lane = consumer != null && consumer.preHook() ? preHooks : postHooks;
    State now = state;
    if (now != State.OPEN) {
      refuseNow(response, lane, now == State.STARTING ? "starting" : "stopping", unavailable(now));
      return;
    }
    if (consumer == null) {
      if (knownPaths.stream().anyMatch(p -> DoorConsumer.matches(p, uri))) {
        refuseNow(response, lane, "route_stopped", routeStopped());
      } else {
        refuseNow(response, lane, "not_found", notFound());
      }
      return;
    }
    if (!consumer.isRunAllowed() || consumer.isSuspended()) {
      refuseNow(response, lane, "route_stopped", routeStopped());
      return;
    }
    if (RequestQueue.overflowing()) {
      // the main port's request queue was full when this call arrived: refused before anything
      refuseAndClose(request, response, lane, "request_queue_full", overloaded());
      return;
    }
    if (!"POST".equals(request.getMethod())) {
      response.setHeader("Allow", "POST");
      refuseNow(
          response,
          lane,
          "method_not_allowed",
          Problem.of(405, "method_not_allowed", "Only POST is accepted here."));
      return;
    }
    Problem noAuth = checkAuthHeader(request, uri);
    if (noAuth != null) {
      // a Delivery Configuration's custom auth header, missing or wrong: refused before its body
      refuseAndClose(request, response, lane, noAuth.error(), noAuth);
      return;
    }
    if (lane.full()) {
      // no place and no room to wait: refused before its body costs anything
      refuseAndClose(request, response, lane, "overloaded", overloaded());
      return;
    }
    long declared = request.getContentLengthLong();
    if (declared > lane.maxBody) {
      refuseAndClose(request, response, lane, "body_too_large", tooLarge(lane.maxBody));
      return;
    }
    long first = declared >= 0 ? declared : Math.min(8192, lane.maxBody + 1);
    if (!lane.budget.take(first, declared >= 0 ? declared : first)) {
      refuseAndClose(request, response, lane, "overloaded", overloaded());
      return;
    }
    AsyncContext async;
    try {
      async = request.startAsync(request, response);
    } catch (IllegalStateException e) {
      lane.budget.give(first);
      throw e;
    }
    // a backstop only: the door's own checks answer 408 first; a running route is bounded far below
    // a minute (pre-hook budget, store timeouts), so the container reaps anything left over then
    async.setTimeout(deadlineNanos / 1_000_000 + TimeUnit.MINUTES.toMillis(1));
    OcSignature.KeyRing keys = signature.ring(uri);
    DoorCall call =
        new DoorCall(
            this, lane, consumer, request, response, async, declared, first, keys, keys.newMacs());
    async.addListener(call);
    opened(call);
    try {
      call.start(request.getInputStream());
    } catch (IOException | RuntimeException e) {
      call.abandon();
      throw e;
    }
  }

  private DoorConsumer find(String uri) {
    for (DoorConsumer consumer : consumers) {
      if (DoorConsumer.matches(consumer.path(), uri)) {
        return consumer;
      }
    }
    return null;
  }

  // --- what calls ask of the door
  // --------------------------------------------------------------------

  ScheduledFuture<?> scheduleChecks(DoorCall call) {
    return timers.scheduleWithFixedDelay(
        () -> call.checkPace(deadlineNanos, minBytesPerSecond, graceNanos),
        checkEveryMillis,
        checkEveryMillis,
        TimeUnit.MILLISECONDS);
  }

  void scheduleGiveUp(DoorCall call, Lane lane) {
    timers.schedule(
        () -> {
          if (lane.giveUp(call)) {
            call.gaveUp();
          }
        },
        maxWaitNanos,
        TimeUnit.NANOSECONDS);
  }

  /**
   * The refusal for a Delivery Configuration call without its target's custom auth header (when it
   * configures one), or null; the caller answers and counts it.
   */
  private Problem checkAuthHeader(HttpServletRequest request, String uri) {
    try {
      deliveryTargets.checkAuthHeader(uri, name -> Collections.list(request.getHeaders(name)));
      return null;
    } catch (InboundRejection e) {
      return new Problem(e.status(), e.error(), e.getMessage(), e.field());
    }
  }

  /**
   * The signature refusal for this call, or null when it is signed (or unsigned calls are allowed).
   *
   * @param keys the keys the call's path is verified with, which computed {@code macs}
   */
  Problem checkSignature(
      HttpServletRequest request, OcSignature.KeyRing keys, Mac[] macs, Lane lane) {
    List<String> presented = Collections.list(request.getHeaders(OcSignature.HEADER));
    byte[][] signatures = OcSignature.finish(macs);
    request.setAttribute(BODY_SIGNATURES, signatures);
    try {
      signature.verifySignatures(
          keys, presented.size() == 1 ? presented.get(0) : presented, signatures);
      return null;
    } catch (InboundRejection e) {
      count(lane, e.error());
      return new Problem(e.status(), e.error(), e.getMessage(), e.field());
    }
  }

  /**
   * hub.inbound.answers{lane,status}: every answer on the webhook paths, the door's own included.
   */
  void answered(Lane lane, int status) {
    answers
        .computeIfAbsent(
            lane.name + "/" + status,
            k ->
                Counter.builder("hub.inbound.answers")
                    .description("Answers on /webhooks/**, by lane and HTTP status")
                    .tag("lane", lane.name)
                    .tag("status", String.valueOf(status))
                    .register(meters))
        .increment();
  }

  Problem refuse(Lane lane, String reason, Problem problem) {
    count(lane, reason);
    return problem;
  }

  void count(Lane lane, String reason) {
    refusals.computeIfAbsent(lane.name + "/" + reason, k -> new Refusals(lane.name, reason)).add();
  }

  /** Refuses before the body is read, and closes the connection without reading it. */
  private void refuseAndClose(
      HttpServletRequest request,
      HttpServletResponse response,
      Lane lane,
      String reason,
      Problem problem)
      throws IOException {
    response.setHeader("Connection", "close");
    DoorValve.closeWithoutReading(request);
    refuseNow(response, lane, reason, problem);
  }

  private void refuseNow(HttpServletResponse response, Lane lane, String reason, Problem problem)
      throws IOException {
    count(lane, reason);
    answer(response, problem);
    answered(lane, problem.status());
  }

  /** hub.inbound.refused{lane,reason}, and one log line per reason every 10 s at most. */
  private final class Refusals {
    private final Counter counter;
    private final String lane;
    private final String reason;
    private final AtomicLong lastLog = new AtomicLong(System.nanoTime() - LOG_EVERY_NANOS);
    private final AtomicLong sinceLog = new AtomicLong();

    Refusals(String lane, String reason) {
      this.lane = lane;
      this.reason = reason;
      this.counter =
          Counter.builder("hub.inbound.refused")
              .description("Inbound calls the door answered itself, by lane and reason")
              .tag("lane", lane)
              .tag("reason", reason)
              .register(meters);
    }

    void add() {
      counter.increment();
      long count = sinceLog.incrementAndGet();
      long last = lastLog.get();
      long now = System.nanoTime();
      if (now - last >= LOG_EVERY_NANOS && lastLog.compareAndSet(last, now)) {
        sinceLog.addAndGet(-count);
        log.warn(
            "Webhook door refused {} {} call(s) since its last such line: {}", count, lane, reason);
      }
    }
  }

  // --- answers
  // -------------------------------------------------------------------------------------

  static void answer(HttpServletResponse response, Problem problem) throws IOException {
    if (response.isCommitted()) {
      return;
    }
    if (problem.status() == 503) {
      response.setHeader("Retry-After", "overloaded".equals(problem.error()) ? "1" : "5");
    }
    problem.writeTo(response);
  }

  static Problem tooLarge(long maxBody) {
    return Problem.of(
        413,
        "body_too_large",
        "The request body is over the limit of "
            + maxBody
            + " bytes (hub.inbound.max-body-size); nothing was stored.");
  }

  static Problem overloaded() {
    return Problem.of(
        503, "overloaded", "The hub is at capacity; nothing was stored. Send it again.");
  }

  static Problem stopping() {
    return unavailable(State.STOPPING);
  }

  private static Problem unavailable(State state) {
    return state == State.STARTING
        ? Problem.of(503, "starting", "The hub is starting; nothing was stored. Send it again.")
        : Problem.of(503, "stopping", "The hub is stopping; nothing was stored. Send it again.");
  }

  private static Problem routeStopped() {
    return Problem.of(
        503,
        "route_stopped",
        "The route for this path is stopped (being reloaded, or stopped by an operator);"
            + " nothing was stored. Send it again.");
  }

  private static Problem notFound() {
    return Problem.of(404, "not_found", "No OrderCloud endpoint at this path.");
  }
}
