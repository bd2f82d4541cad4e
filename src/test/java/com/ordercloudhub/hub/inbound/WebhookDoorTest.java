package com.ordercloudhub.hub.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.ordercloudhub.hub.support.Fixtures;
import com.ordercloudhub.hub.support.HubClient;
import com.ordercloudhub.hub.support.HubTest;
import com.ordercloudhub.hub.support.Payloads;
import com.ordercloudhub.hub.support.RawHttp;
import com.ordercloudhub.hub.support.StoreProbe;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import java.lang.management.ManagementFactory;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * The webhook door against callers that hold no key: bodies too large, too many, too slow; and a
 * lane that is full. What is shown each time: the refusal is immediate and bounded, and a signed
 * call (or a pre-hook) still gets through. Small limits make each case cheap to reach.
 */
@HubTest
@TestPropertySource(
    properties = {
      "hub.inbound.body-budget=24MB",
      "hub.inbound.small-body-reserve=8MB",
      "hub.inbound.request-deadline=8s",
      "hub.inbound.min-body-rate=1KB",
      "hub.inbound.min-rate-after=2s",
      "hub.inbound.threads=2",
      "hub.inbound.queue-capacity=1",
      "hub.inbound.max-queue-wait=25ms",
      "spring.datasource.hikari.maximum-pool-size=4"
    })
class WebhookDoorTest {

  private static final Logger log = LoggerFactory.getLogger(WebhookDoorTest.class);
  private static final String POST = "/webhooks/ordercloud/post";
  private static final int LARGE = (int) (4.9 * 1024 * 1024);

  /** What large bodies may hold at once: the budget less the small-body reserve. */
  private static final long LARGE_ALLOWANCE = 16L * 1024 * 1024;

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired MeterRegistry meters;
  @Autowired DataSource dataSource;
  @Autowired CamelContext camel;
  @Autowired org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext web;

  HubClient hub;
  StoreProbe store;

  @BeforeEach
  void connect() {
    hub = new HubClient(port);
    store = new StoreProbe(jdbc);
  }

  @Test
  void aBodyOverTheLimitIsRefused413ByItsContentLengthBeforeAByteOfItIsSent() throws Exception {
    long securityChains = securityFilterChains();
    try (RawHttp call = new RawHttp(port)) {
      long started = System.nanoTime();
      RawHttp.Answer answer =
          call.head("POST", POST, "Content-Length: 999999999", "X-oc-hash: x").answer();
      log.info("413 by Content-Length after {} µs", (System.nanoTime() - started) / 1000);

      assertThat(answer.status()).isEqualTo(413);
      assertThat(answer.body()).contains("\"error\":\"body_too_large\"");
      assertThat(answer.header("Connection")).isEqualTo("close");
      assertThat(call.closedByHub()).isTrue();
    }
    // the door's answer is the report: Tomcat renders no error page over it (a dispatch to /error
    // through the security chain, for every refused call)
    assertThat(securityFilterChains()).isEqualTo(securityChains);
  }

  /** Spring Security's filter-chain observations so far (every request through the chain). */
  private long securityFilterChains() {
    return meters.find("spring.security.filterchains").timers().stream()
        .mapToLong(io.micrometer.core.instrument.Timer::count)
        .sum();
  }

  @Test
  void largeUnsignedBodiesCannotTakeMoreThanTheBudgetAndASignedCallStillGets202() throws Exception {
    int before = store.events();
    byte[] large = new byte[LARGE];
    Arrays.fill(large, (byte) ' ');
    List<RawHttp> holding = new ArrayList<>();
    try {
      // three large bodies, half sent, hold 14.7 MiB of the 16 MiB large bodies may use
      for (int i = 0; i < 3; i++) {
        RawHttp call = new RawHttp(port);
        holding.add(call);
        call.head("POST", POST, "Content-Length: " + LARGE, "X-oc-hash: wrong")
            .send(Arrays.copyOf(large, LARGE / 2));
      }
      await().until(() -> bodyBytes() >= 3L * LARGE);
      log.info("three large bodies held: {} bytes", bodyBytes());

      // a fourth does not fit: refused at once, before its body
      try (RawHttp fourth = new RawHttp(port)) {
        RawHttp.Answer refused =
            fourth.head("POST", POST, "Content-Length: " + LARGE, "X-oc-hash: wrong").answer();
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.body()).contains("\"error\":\"overloaded\"");
        assertThat(refused.header("Retry-After")).isEqualTo("1");
        assertThat(fourth.closedByHub()).isTrue();
      }
      // a real, small call uses the reserve large bodies cannot touch
      HttpResponse<String> signed =
          hub.signed(POST, Payloads.fresh(Fixtures.POST_ORDER_SUBMIT, "door-" + UUID.randomUUID()));
      assertThat(signed.statusCode()).isEqualTo(202);

      for (RawHttp call : holding) {
        RawHttp.Answer answer = call.send(Arrays.copyOfRange(large, LARGE / 2, LARGE)).answer();
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.body()).contains("\"error\":\"invalid_signature\"");
      }
    } finally {
      for (RawHttp call : holding) {
        call.close();
      }
    }
    await().until(() -> bodyBytes() == 0);
    assertThat(store.events()).isEqualTo(before + 1);
  }

  @Test
  void aFloodOfLargeUnsignedBodiesNeverHoldsMoreThanTheBudget() throws Exception {
    int before = store.events();
    byte[] large = new byte[LARGE];
    Arrays.fill(large, (byte) ' ');
    AtomicLong peak = new AtomicLong();
    AtomicLong heapPeak = new AtomicLong();
    AtomicBoolean flooding = new AtomicBoolean(true);
    long heapBefore = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    ExecutorService senders = Executors.newFixedThreadPool(24);
    Thread sampler =
        new Thread(
            () -> {
              while (flooding.get()) {
                peak.accumulateAndGet(bodyBytes(), Math::max);
                heapPeak.accumulateAndGet(
                    ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
                Thread.onSpinWait();
              }
            });
    sampler.start();
    List<Future<String>> outcomes = new ArrayList<>();
    try {
      for (int i = 0; i < 72; i++) {
        outcomes.add(senders.submit(() -> unsignedLargeCall(large)));
      }
      List<String> seen = new ArrayList<>();
      for (Future<String> outcome : outcomes) {
        seen.add(outcome.get());
      }
      log.info(
          "flood of 72 x 4.9 MiB unsigned: outcomes {}, door peak {} MiB, heap {} -> peak {} MiB",
          seen.stream()
              .distinct()
              .map(o -> o + "=" + seen.stream().filter(o::equals).count())
              .toList(),
          peak.get() >> 20,
          heapBefore >> 20,
          heapPeak.get() >> 20);
      assertThat(seen).isSubsetOf("401", "503 overloaded", "closed").contains("503 overloaded");
    } finally {
      flooding.set(false);
      sampler.join();
      senders.shutdownNow();
    }
    assertThat(peak.get()).isLessThanOrEqualTo(LARGE_ALLOWANCE);
    await().until(() -> bodyBytes() == 0);
    assertThat(store.events()).isEqualTo(before);
  }

  /** One large wrong-signature call: what it got (status, or "closed" when cut off mid-body). */
  private String unsignedLargeCall(byte[] large) {
    try (RawHttp call = new RawHttp(port)) {
      call.head("POST", POST, "Content-Length: " + LARGE, "X-oc-hash: wrong");
      try {
        call.send(large);
      } catch (java.io.IOException cutOff) {
        // the hub answered 503 before the body and closed: see what it said, if it is still there
      }
      RawHttp.Answer answer = call.answer();
      return answer.status() == 503
          ? "503 "
              + Fixtures.json(answer.body().getBytes(StandardCharsets.UTF_8)).get("error").asText()
          : String.valueOf(answer.status());
    } catch (java.io.IOException e) {
      return "closed";
    }
  }

  @Test
  void slowBodiesHoldNoThreadAndAreAnswered408() throws Exception {
    int slow = 250; // more than Tomcat's 200 request threads
    List<RawHttp> trickling = new ArrayList<>();
    try {
      for (int i = 0; i < slow; i++) {
        RawHttp call = new RawHttp(port);
        trickling.add(call);
        call.head("POST", POST, "Transfer-Encoding: chunked", "X-oc-hash: x")
            .chunk("{".getBytes(StandardCharsets.US_ASCII));
      }
      // one that sends fast enough at first but would take longer than the deadline
      RawHttp late = new RawHttp(port);
      trickling.add(late);
      late.head("POST", POST, "Content-Length: 102400", "X-oc-hash: x").send(new byte[16384]);

      double timedOutBefore = refused("request_timeout");
      HttpResponse<String> signed =
          hub.signed(POST, Payloads.fresh(Fixtures.POST_ORDER_SUBMIT, "slow-" + UUID.randomUUID()));
      hub.get("/actuator/health/liveness");
      long started = System.nanoTime();
      HttpResponse<String> health = hub.get("/actuator/health/liveness");
      log.info(
          "health during {} slow bodies: {} µs", slow + 1, (System.nanoTime() - started) / 1000);

      assertThat(signed.statusCode()).isEqualTo(202);
      assertThat(health.statusCode()).isEqualTo(200);
      // they were all still being waited for while the signed call went through
      assertThat(refused("request_timeout")).isEqualTo(timedOutBefore);

      for (RawHttp call : trickling) {
        RawHttp.Answer answer = call.answer();
        assertThat(answer.status()).isEqualTo(408);
        assertThat(answer.body()).contains("\"error\":\"request_timeout\"");
        assertThat(call.closedByHub()).isTrue();
      }
    } finally {
      for (RawHttp call : trickling) {
        call.close();
      }
    }
    assertThat(refused("request_timeout")).isGreaterThanOrEqualTo(slow + 1);
  }

  @Test
  void slowCallersThatLeaveAfterTheir408LeaveNothingOpenInTheServer() throws Exception {
    long before = tomcatConnections();
    long asyncBefore = asyncInProgress(); // this test's callers only (other tests share the server)
    assertThat(RawHttp.slowCallersClosingAfterTheirAnswer(port, POST, 100)).containsOnly(408);
    // the server ends each of them: no connection, door entry or async request in progress is left
    await().atMost(Duration.ofSeconds(20)).until(() -> tomcatConnections() <= before);
    await().until(() -> meters.get("hub.inbound.open").gauge().value() == 0);
    await().atMost(Duration.ofSeconds(20)).until(() -> asyncInProgress() <= asyncBefore);
  }

  /** Tomcat's count of async requests in progress: a graceful stop waits until it is 0. */
  private long asyncInProgress() {
    org.apache.catalina.core.StandardContext context =
        (org.apache.catalina.core.StandardContext)
            ((org.springframework.boot.web.embedded.tomcat.TomcatWebServer) web.getWebServer())
                .getTomcat()
                .getHost()
                .findChildren()[0];
    return context.getInProgressAsyncCount();
  }

  private long tomcatConnections() {
    return ((org.apache.coyote.AbstractProtocol<?>)
            ((org.springframework.boot.web.embedded.tomcat.TomcatWebServer) web.getWebServer())
                .getTomcat()
                .getConnector()
                .getProtocolHandler())
        .getConnectionCount();
  }

  @Test
  void aFullLaneIsAnswered503AtOnceWhilePreHooksKeepTheirOwnCapacity() throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    List<Connection> held = new ArrayList<>();
    List<CompletableFuture<HttpResponse<String>>> running = new ArrayList<>();
    try {
      // the store cannot get a connection: the lane's two places stay taken
      for (int i = 0; i < 4; i++) {
        held.add(dataSource.getConnection());
      }
      for (int i = 0; i < 2; i++) {
        running.add(
            client.sendAsync(
                hub.signedPostHook("full-" + UUID.randomUUID()),
                HttpResponse.BodyHandlers.ofString()));
      }
      await().until(() -> gauge("hub.inbound.running", "posthook") == 2);

      CompletableFuture<HttpResponse<String>> waiting =
          client.sendAsync(
              hub.signedPostHook("wait-" + UUID.randomUUID()),
              HttpResponse.BodyHandlers.ofString());
      long started = System.nanoTime();
      HttpResponse<String> full =
          client.send(
              hub.signedPostHook("full-" + UUID.randomUUID()),
              HttpResponse.BodyHandlers.ofString());
      log.info("503 on a full lane after {} µs", (System.nanoTime() - started) / 1000);
      HttpResponse<String> waited = waiting.get();

      for (HttpResponse<String> refused : List.of(full, waited)) {
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.body()).contains("\"error\":\"overloaded\"");
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
      }

      // pre-hooks have a lane of their own
      HttpResponse<String> preHook =
          hub.post(
              "/webhooks/ordercloud/pre",
              Fixtures.bytes(Fixtures.PRE_ORDER_SUBMIT),
              Fixtures.hashes().get(Fixtures.PRE_ORDER_SUBMIT));
      assertThat(preHook.statusCode()).isEqualTo(200);
      JsonNode decision = Fixtures.json(preHook.body().getBytes(StandardCharsets.UTF_8));
      assertThat(decision.has("proceed")).isTrue();
    } finally {
      for (Connection connection : held) {
        connection.close();
      }
    }
    for (CompletableFuture<HttpResponse<String>> call : running) {
      assertThat(call.get().statusCode()).isEqualTo(202);
    }
  }

  @Test
  void aStoppedRoutesPathAnswers503NotFoundOnlyWhereNoRouteEverWas() throws Exception {
    try {
      camel.getRouteController().stopRoute("inbound-receive-post-hook");
      HttpResponse<String> stopped =
          hub.signed(
              POST, Payloads.fresh(Fixtures.POST_ORDER_SUBMIT, "stopped-" + UUID.randomUUID()));
      assertThat(stopped.statusCode()).isEqualTo(503);
      assertThat(stopped.body()).contains("\"error\":\"route_stopped\"");
      assertThat(stopped.headers().firstValue("Retry-After")).isPresent();
    } finally {
      camel.getRouteController().startRoute("inbound-receive-post-hook");
    }
    assertThat(hub.signed("/webhooks/ordercloud/nowhere", "{}").statusCode()).isEqualTo(404);
    assertThat(
            hub.signed(
                    POST, Payloads.fresh(Fixtures.POST_ORDER_SUBMIT, "again-" + UUID.randomUUID()))
                .statusCode())
        .isEqualTo(202);
  }

  private long bodyBytes() {
    return (long) gauge("hub.inbound.body.bytes", "posthook");
  }

  private double gauge(String name, String lane) {
    return meters.get(name).tag("lane", lane).gauge().value();
  }

  private double refused(String reason) {
    return Search.in(meters).name("hub.inbound.refused").tag("reason", reason).counters().stream()
        .mapToDouble(c -> c.count())
        .sum();
  }
}
