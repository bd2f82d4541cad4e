package com.ordercloudhub.hub.reconcile;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.ordercloudhub.hub.support.Fixtures;
import com.ordercloudhub.hub.support.HubClient;
import com.ordercloudhub.hub.support.Legs;
import com.ordercloudhub.hub.support.Payloads;
import com.ordercloudhub.hub.support.Webhooks;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Reconciliation against WireMock as the OrderCloud API (its token endpoint and order list) and as
 * the ERP, with the whole hub running: orders the hub never heard of become exactly the events
 * their state calls for, once, origin {@code reconciled}, and reach the destinations (the database
 * destination's reporting row, the ERP's sales order and cancellation); a second pass and the late
 * webhooks add nothing; every page is read; a 429 slows a pass down instead of failing it; the
 * watermark moves only after a full pass. Each test lists its own window ({@code since}), so its
 * stubs answer only its passes.
 */
abstract class ReconcileContract {

  static final String POST = "/webhooks/ordercloud/post";
  static final String TOKEN = "oc-hub-token-" + UUID.randomUUID();
  static final int PAGE_SIZE = 2;

  static final WireMockServer ordercloud = started();
  static final WireMockServer erp = started();

  /** Each test's own window start (minutes apart), so its stubs answer only its passes. */
  static final AtomicInteger windows = new AtomicInteger();

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired Reconciler reconciler;
  @Autowired MeterRegistry meters;
  HubClient hub;
  Legs legs;

  @DynamicPropertySource
  static void systems(DynamicPropertyRegistry registry) {
    registry.add("ORDERCLOUD_API_URL", () -> url(ordercloud));
    registry.add("ORDERCLOUD_AUTH_URL", () -> url(ordercloud));
    registry.add("ORDERCLOUD_CLIENT_ID", () -> "hub-client");
    registry.add("ORDERCLOUD_CLIENT_SECRET", () -> "hub-client-secret");
    registry.add("ERP_BASE_URL", () -> url(erp) + "/api/");
    registry.add("hub.reconcile.enabled", () -> "true");
    registry.add("hub.reconcile.page-size", () -> String.valueOf(PAGE_SIZE));
    registry.add("hub.reconcile.interval", () -> "1h"); // only the start pass runs by itself
    registry.add("hub.delivery.poll-interval", () -> "200ms");
  }

  static WireMockServer started() {
    WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    server.start();
    return server;
  }

  static String url(WireMockServer server) {
    return "http://127.0.0.1:" + server.port();
  }

  static {
    ordercloud.stubFor(
        post(urlEqualTo("/oauth/token"))
            .willReturn(
                okJson(
                    "{\"access_token\":\""
                        + TOKEN
                        + "\",\"token_type\":\"bearer\",\"expires_in\":36000}")));
    // any window no test stubbed (the start pass's) lists no order
    ordercloud.stubFor(
        get(urlPathEqualTo("/v1/orders/Incoming"))
            .atPriority(10)
            .willReturn(okJson(page(1, 0, List.of()).toString())));
    ordercloud.stubFor(
        get(urlPathMatching("/v1/orders/(Incoming|Outgoing)/[^/]+/lineitems"))
            .willReturn(okJson(page(1, 1, List.of(lineItem())).toString())));
    erp.stubFor(
        post(urlEqualTo("/api/sales-orders"))
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"salesOrderNumber\":\"4500012345\"}")));
    erp.stubFor(
        post(urlPathMatching("/api/sales-orders/[^/]+/cancel"))
            .willReturn(okJson("{\"status\":\"canceled\"}")));
  }

  static {
    // shared by the H2 and PostgreSQL classes (each test lists a window of its own): stopped with
    // the JVM, not after the first class
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  ordercloud.stop();
                  erp.stop();
                }));
  }

  @BeforeEach
  void connect() {
    hub = new HubClient(port);
    legs = new Legs(jdbc);
    // the pass at start has ended (it lists the empty default window)
    await().atMost(Duration.ofSeconds(30)).until(() -> reconciler.lastPass().isPresent());
  }

  // --- orders the hub never heard of ------------------------------------------------------------

  @Test
  void ordersTheHubNeverHeardOfBecomeExactlyTheirEventsOnceAndReachTheDestinations() {
    String since = window();
    String canceled = "SO-" + UUID.randomUUID();
    String open = "SO-" + UUID.randomUUID();
    String cart = "SO-" + UUID.randomUUID();
    // submitted, then approved, then canceled while the hub was down; another only submitted;
    // and a cart nobody submitted
    ObjectNode canceledOrder =
        order(canceled, "Canceled", "2026-05-01T10:00:00.5+00:00")
            .put("DateApproved", "2026-05-01T10:05:00+00:00")
            .put("DateCanceled", "2026-05-01T10:09:00+00:00")
            .put("LastUpdated", "2026-05-01T10:09:00+00:00");
    ObjectNode openOrder = order(open, "Open", "2026-05-01T10:01:00+00:00");
    ObjectNode unsubmitted =
        order(cart, "Unsubmitted", null).put("IsSubmitted", false).putNull("DateSubmitted");
    stubPages(since, List.of(List.of(canceledOrder, openOrder), List.of(unsubmitted)));

    JsonNode pass = reconcile(since);

    assertThat(pass.get("outcome").asText()).isEqualTo("complete");
    assertThat(pass.get("ordersChecked").asInt()).isEqualTo(3);
    assertThat(pass.get("eventsRecovered").asInt()).isEqualTo(4);
    assertThat(pass.get("pages").asInt()).isEqualTo(2);
    List<Map<String, Object>> events = eventsOf(canceled);
    assertThat(events)
        .extracting(e -> e.get("event_type"))
        .containsExactly("order.submitted", "order.approved", "order.canceled");
    assertThat(events).allSatisfy(e -> assertThat(e.get("origin")).isEqualTo("reconciled"));
    assertThat(events)
        .extracting(e -> e.get("route"))
        .containsExactly(
            "v1/orders/{direction}/{orderID}/submit",
            "v1/orders/{direction}/{orderID}/approve",
            "v1/orders/{direction}/{orderID}/cancel");
    assertThat(eventsOf(open))
        .extracting(e -> e.get("event_type"))
        .containsExactly("order.submitted");
    assertThat(eventsOf(cart)).isEmpty();

    // the stored payload is the webhook's shape, the order as the API listed it, no UserToken
    String cancelId = (String) events.get(2).get("id");
    JsonNode stored = json(hub.opsGet("/api/events/" + cancelId).body());
    assertThat(stored.get("origin").asText()).isEqualTo("reconciled");
    assertThat(stored.get("eventType").asText()).isEqualTo("order.canceled");
    assertThat(stored.at("/payload/Route").asText())
        .isEqualTo("v1/orders/{direction}/{orderID}/cancel");
    assertThat(stored.at("/payload/RouteParams/orderID").asText()).isEqualTo(canceled);
    assertThat(stored.at("/payload/RouteParams/direction").asText()).isEqualTo("Incoming");
    assertThat(stored.at("/payload/Verb").asText()).isEqualTo("POST");
    assertThat(stored.at("/payload/Date").asText()).isEqualTo("2026-05-01T10:09:00+00:00");
    assertThat(stored.at("/payload/Response/Body/Status").asText()).isEqualTo("Canceled");
    assertThat(stored.at("/payload/Response/Body/Total").decimalValue())
        .isEqualByComparingTo("172.8");
    assertThat(stored.get("payload").has("UserToken")).isFalse();
    assertThat(stored.get("occurredAt").asText()).startsWith("2026-05-01T10:09");

    // routed like webhooks: the database destination's legs and row, the ERP's calls
    for (Map<String, Object> event : events) {
      legs.awaitStatus((String) event.get("id"), "database", "delivered");
    }
    Map<String, Object> row = jdbc.queryForMap("SELECT * FROM oc_order WHERE id = ?", canceled);
    assertThat(row.get("status")).isEqualTo("Canceled");
    assertThat(row.get("last_event_type")).isEqualTo("order.canceled");
    assertThat(row.get("direction")).isEqualTo("Incoming");
    legs.awaitStatus((String) events.get(0).get("id"), "erp", "delivered");
    legs.awaitStatus(cancelId, "erp", "delivered");
    assertThat(erpSalesOrders(canceled)).hasSize(1);
    assertThat(
            erp.findAll(postRequestedFor(urlEqualTo("/api/sales-orders/" + canceled + "/cancel"))))
        .hasSize(1);
    legs.awaitStatus((String) eventsOf(open).get(0).get("id"), "erp", "delivered");
    assertThat(erpSalesOrders(open)).hasSize(1);

    // the ops list shows them as reconciled
    HttpResponse<String> page =
        hub.send(
            HttpRequest.newBuilder(hub.uri("/ops/events?type=order.canceled"))
                .header(
                    "Authorization", HubClient.basic(HubClient.OPS_USER, HubClient.OPS_PASSWORD))
                .header("Accept", "text/html")
                .GET()
                .build());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("<span class=\"badge reconciled\"");
  }

  @Test
  void aSecondPassAndTheLateWebhooksAddNothing() {
    String since = window();
    String orderId = "SO-" + UUID.randomUUID();
    ObjectNode order =
        order(orderId, "Canceled", "2026-05-02T10:00:00+00:00")
            .put("DateCanceled", "2026-05-02T11:00:00+00:00")
            .put("LastUpdated", "2026-05-02T11:00:00+00:00");
    stubPages(since, List.of(List.of(order)));
    assertThat(reconcile(since).get("eventsRecovered").asInt()).isEqualTo(2);
    List<Map<String, Object>> first = eventsOf(orderId);
    double recoveredBefore = recoveredCount("order.submitted");

    JsonNode again = reconcile(since);

    assertThat(again.get("outcome").asText()).isEqualTo("complete");
    assertThat(again.get("ordersChecked").asInt()).isEqualTo(1);
    assertThat(again.get("eventsRecovered").asInt()).isZero();
    assertThat(eventsOf(orderId)).isEqualTo(first);

    // OrderCloud's calls arrive at last: each is answered as a duplicate of the recovered event
    JsonNode lateSubmit = accepted(Webhooks.orderSubmitted(orderId));
    JsonNode lateCancel = accepted(Webhooks.orderCanceled(orderId));

    assertThat(lateSubmit.get("duplicate").asBoolean()).isTrue();
    assertThat(lateSubmit.get("eventId").asText()).isEqualTo(first.get(0).get("id"));
    assertThat(lateCancel.get("duplicate").asBoolean()).isTrue();
    assertThat(lateCancel.get("eventId").asText()).isEqualTo(first.get(1).get("id"));
    assertThat(eventsOf(orderId)).hasSize(2);
    assertThat(
            jdbc.queryForObject(
                "SELECT duplicates FROM hub_event WHERE id = ?",
                Integer.class,
                first.get(0).get("id")))
        .isEqualTo(1);
    assertThat(recoveredCount("order.submitted")).isEqualTo(recoveredBefore);
  }

  @Test
  void anOrderChangedMomentsAgoIsLeftToItsWebhooksUntilALaterPass() {
    String since = window();
    String orderId = "SO-" + UUID.randomUUID();
    // submitted a moment ago: OrderCloud's post-hook may still be on its way
    String justNow = Instant.now().minusSeconds(5).toString();
    ObjectNode order = order(orderId, "Open", justNow);
    stubPages(since, List.of(List.of(order)));

    JsonNode pass = reconcile(since);

    assertThat(pass.get("outcome").asText()).isEqualTo("complete");
    assertThat(pass.get("ordersChecked").asInt()).isEqualTo(1);
    assertThat(pass.get("ordersLeftToWebhooks").asInt()).isEqualTo(1);
    assertThat(pass.get("eventsRecovered").asInt()).isZero();
    assertThat(eventsOf(orderId)).isEmpty();
    // the webhook arrives and is the order's one event
    JsonNode webhook = accepted(Webhooks.orderSubmitted(orderId));
    assertThat(webhook.get("duplicate").asBoolean()).isFalse();
    assertThat(eventsOf(orderId)).hasSize(1);
  }

  @Test
  void anEventAWebhookBroughtIsNotRecoveredAndItsRepeatsAreWebhookDuplicates() {
    String since = window();
    String orderId = "SO-" + UUID.randomUUID();
    ObjectNode submitted = Webhooks.orderSubmitted(orderId);
    JsonNode arrived = accepted(submitted);
    assertThat(arrived.get("duplicate").asBoolean()).isFalse();
    stubPages(since, List.of(List.of(order(orderId, "Open", "2026-05-03T10:00:00+00:00"))));

    JsonNode pass = reconcile(since);

    assertThat(pass.get("ordersChecked").asInt()).isEqualTo(1);
    assertThat(pass.get("eventsRecovered").asInt()).isZero();
    assertThat(eventsOf(orderId))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.get("id")).isEqualTo(arrived.get("eventId").asText());
              assertThat(e.get("origin")).isEqualTo("webhook");
            });
    // a new submit call for the order (another LogID) is stored: only recovered events absorb
    // late webhooks
    assertThat(accepted(Webhooks.orderSubmitted(orderId)).get("duplicate").asBoolean()).isFalse();
  }

  // --- every page, politely ----------------------------------------------------------------------

  @Test
  void everyPageOfTheListIsRead() {
    String since = window();
    List<String> ids = new ArrayList<>();
    List<List<ObjectNode>> pages = new ArrayList<>();
    for (int p = 0; p < 3; p++) {
      List<ObjectNode> items = new ArrayList<>();
      for (int i = 0; i < (p < 2 ? PAGE_SIZE : 1); i++) {
        String id = "SO-" + UUID.randomUUID();
        ids.add(id);
        items.add(order(id, "Open", "2026-05-04T10:0" + (p * 2 + i) + ":00+00:00"));
      }
      pages.add(items);
    }
    stubPages(since, pages);

    JsonNode pass = reconcile(since);

    assertThat(pass.get("outcome").asText()).isEqualTo("complete");
    assertThat(pass.get("pages").asInt()).isEqualTo(3);
    assertThat(pass.get("ordersChecked").asInt()).isEqualTo(5);
    assertThat(pass.get("eventsRecovered").asInt()).isEqualTo(5);
    assertThat(ids).allSatisfy(id -> assertThat(eventsOf(id)).hasSize(1));
    for (int p = 1; p <= 3; p++) {
      List<LoggedRequest> asked = listRequests(since, p);
      assertThat(asked).as("page %d", p).hasSize(1);
      assertThat(asked.get(0).getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
      assertThat(asked.get(0).queryParameter("sortBy").firstValue()).isEqualTo("LastUpdated");
      assertThat(asked.get(0).queryParameter("pageSize").firstValue()).isEqualTo("2");
    }
  }

  @Test
  void a429SlowsThePassDownInsteadOfFailingIt() {
    String since = window();
    String first = "SO-" + UUID.randomUUID();
    String second = "SO-" + UUID.randomUUID();
    ordercloud.stubFor(
        list(since, 1)
            .willReturn(
                okJson(
                    page(1, 2, List.of(order(first, "Open", "2026-05-05T10:00:00Z"))).toString())));
    String scenario = "throttled-" + since;
    ordercloud.stubFor(
        list(since, 2)
            .inScenario(scenario)
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(
                aResponse()
                    .withStatus(429)
                    .withHeader("Retry-After", "1")
                    .withBody("{\"Errors\":[{\"ErrorCode\":\"TooManyRequests\"}]}"))
            .willSetStateTo("served"));
    ordercloud.stubFor(
        list(since, 2)
            .inScenario(scenario)
            .whenScenarioStateIs("served")
            .willReturn(
                okJson(
                    page(2, 2, List.of(order(second, "Open", "2026-05-05T10:01:00Z")))
                        .toString())));

    JsonNode pass = reconcile(since);

    assertThat(pass.get("outcome").asText()).as(pass.toString()).isEqualTo("complete");
    assertThat(pass.get("throttled").asInt()).isEqualTo(1);
    assertThat(pass.get("durationMs").asLong()).isGreaterThanOrEqualTo(1000);
    assertThat(pass.get("eventsRecovered").asInt()).isEqualTo(2);
    assertThat(listRequests(since, 2)).hasSize(2);
    assertThat(eventsOf(second)).hasSize(1);
    // the second ask came after the wait Retry-After asked for
    List<LoggedRequest> asked = listRequests(since, 2);
    assertThat(
            Duration.between(
                asked.get(0).getLoggedDate().toInstant(), asked.get(1).getLoggedDate().toInstant()))
        .isGreaterThanOrEqualTo(Duration.ofMillis(950));
  }

  @Test
  void repeated429sWithoutRetryAfterWaitLongerEachTime() {
    String since = window();
    String orderId = "SO-" + UUID.randomUUID();
    String scenario = "backoff-" + since;
    ordercloud.stubFor(
        list(since, 1)
            .inScenario(scenario)
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(429))
            .willSetStateTo("once"));
    ordercloud.stubFor(
        list(since, 1)
            .inScenario(scenario)
            .whenScenarioStateIs("once")
            .willReturn(aResponse().withStatus(429))
            .willSetStateTo("twice"));
    ordercloud.stubFor(
        list(since, 1)
            .inScenario(scenario)
            .whenScenarioStateIs("twice")
            .willReturn(okJson(page(1, 1, List.of(order(orderId, "Open", null))).toString())));

    JsonNode pass = reconcile(since);

    assertThat(pass.get("outcome").asText()).as(pass.toString()).isEqualTo("complete");
    assertThat(pass.get("throttled").asInt()).isEqualTo(2);
    assertThat(eventsOf(orderId)).hasSize(1);
    List<LoggedRequest> asked = listRequests(since, 1);
    assertThat(asked).hasSize(3);
    // 1 s after the first 429, 2 s after the second
    assertThat(between(asked.get(0), asked.get(1))).isGreaterThanOrEqualTo(Duration.ofMillis(950));
    assertThat(between(asked.get(1), asked.get(2))).isGreaterThanOrEqualTo(Duration.ofMillis(1950));
  }

  static Duration between(LoggedRequest first, LoggedRequest then) {
    return Duration.between(first.getLoggedDate().toInstant(), then.getLoggedDate().toInstant());
  }

  // --- the watermark
  // ------------------------------------------------------------------------------

  @Test
  void theWatermarkMovesOnlyAfterAFullPass() {
    // far ahead of the other tests' orders, and a day of its own per run
    Instant mark =
        Instant.parse("2031-01-01T00:00:00Z").plus(Duration.ofDays(windows.incrementAndGet()));
    OffsetDateTime watermark = mark.atOffset(ZoneOffset.UTC);
    jdbc.update("UPDATE hub_reconcile_state SET watermark = ? WHERE name = 'orders'", watermark);
    // the pass lists from the watermark less the overlap (10 minutes by default)
    String since = mark.minus(Duration.ofMinutes(10)).toString();
    String pageOneUpdated = mark.plus(Duration.ofHours(1)).toString();
    String pageTwoUpdated = mark.plus(Duration.ofHours(2)).toString();
    String onPageOne = "SO-" + UUID.randomUUID();
    String onPageTwo = "SO-" + UUID.randomUUID();
    ordercloud.stubFor(
        list(since, 1)
            .willReturn(
                okJson(page(1, 2, List.of(order(onPageOne, "Open", pageOneUpdated))).toString())));
    String scenario = "failing-" + since;
    ordercloud.stubFor(
        list(since, 2)
            .inScenario(scenario)
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(500).withBody("{\"Errors\":[]}"))
            .willSetStateTo("mended"));
    ordercloud.stubFor(
        list(since, 2)
            .inScenario(scenario)
            .whenScenarioStateIs("mended")
            .willReturn(
                okJson(page(2, 2, List.of(order(onPageTwo, "Open", pageTwoUpdated))).toString())));

    JsonNode failed = reconcile(null);

    assertThat(failed.get("outcome").asText()).isEqualTo("failed");
    assertThat(failed.get("error").asText()).contains("500");
    assertThat(instant(failed.get("changedAfter").asText())).isEqualTo(Instant.parse(since));
    Map<String, Object> state = state();
    assertThat(instant(state.get("watermark"))).isEqualTo(watermark.toInstant());
    assertThat(state.get("last_outcome")).isEqualTo("failed");
    assertThat(state.get("locked_by")).isNull();

    JsonNode complete = reconcile(null);

    assertThat(complete.get("outcome").asText()).isEqualTo("complete");
    assertThat(instant(complete.get("changedAfter").asText())).isEqualTo(Instant.parse(since));
    // the newest LastUpdated seen (page 2's order)
    assertThat(instant(state().get("watermark"))).isEqualTo(Instant.parse(pageTwoUpdated));
    assertThat(state().get("last_outcome")).isEqualTo("complete");
    assertThat(eventsOf(onPageOne)).hasSize(1);
    assertThat(eventsOf(onPageTwo)).hasSize(1);

    // the next pass lists from the new watermark less the overlap (nothing stubbed: no orders)
    JsonNode next = reconcile(null);
    assertThat(instant(next.get("changedAfter").asText()))
        .isEqualTo(Instant.parse(pageTwoUpdated).minus(Duration.ofMinutes(10)));
    assertThat(next.get("ordersChecked").asInt()).isZero();

    // a pass asked for a window after the watermark covers no gap before it: the watermark stays
    String later = Instant.parse(pageTwoUpdated).plus(Duration.ofHours(1)).toString();
    stubPages(
        later,
        List.of(
            List.of(
                order(
                    "SO-" + UUID.randomUUID(),
                    "Open",
                    Instant.parse(pageTwoUpdated).plus(Duration.ofHours(2)).toString()))));
    assertThat(reconcile(later).get("outcome").asText()).isEqualTo("complete");
    assertThat(instant(state().get("watermark"))).isEqualTo(Instant.parse(pageTwoUpdated));
  }

  // --- the API
  // ------------------------------------------------------------------------------------

  @Test
  void aPassRunningAnswersTheNextAsk409() {
    String since = window();
    ordercloud.stubFor(
        list(since, 1)
            .willReturn(
                okJson(
                        page(1, 1, List.of(order("SO-" + UUID.randomUUID(), "Open", null)))
                            .toString())
                    .withFixedDelay(2000)));
    CompletableFuture<HttpResponse<String>> running =
        CompletableFuture.supplyAsync(() -> reconcileCall(since));
    await().atMost(Duration.ofSeconds(20)).until(() -> !listRequests(since, 1).isEmpty());

    HttpResponse<String> second = reconcileCall(window());

    assertThat(second.statusCode()).isEqualTo(409);
    assertThat(json(second.body()).get("error").asText()).isEqualTo("pass_running");
    assertThat(running.join().statusCode()).isEqualTo(200);
  }

  @Test
  void thePassNeedsTheOpsLoginAndAnISOTime() {
    HttpResponse<String> anonymous =
        hub.send(
            HttpRequest.newBuilder(hub.uri("/api/reconcile"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
    HttpResponse<String> badSince = reconcileCall("yesterday");

    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(badSince.statusCode()).isEqualTo(400);
    assertThat(json(badSince.body()).get("error").asText()).isEqualTo("invalid_parameter");
  }

  @Test
  void metricsAndHealthTellTheLastPass() {
    String since = window();
    stubPages(since, List.of(List.of(order("SO-" + UUID.randomUUID(), "Open", null))));
    double checkedBefore = meters.get("hub.reconcile.orders.checked").counter().count();

    reconcile(since);

    assertThat(meters.get("hub.reconcile.orders.checked").counter().count())
        .isEqualTo(checkedBefore + 1);
    assertThat(meters.get("hub.reconcile.passes").tag("outcome", "complete").counter().count())
        .isPositive();
    assertThat(meters.get("hub.reconcile.last.pass.timestamp").gauge().value()).isPositive();
    JsonNode health = json(hub.opsGet("/actuator/health").body());
    JsonNode last = health.at("/components/reconcile/details/lastPass");
    assertThat(health.at("/components/reconcile/status").asText()).isEqualTo("UP");
    assertThat(last.get("outcome").asText()).isEqualTo("complete");
    assertThat(last.get("ordersChecked").asInt()).isEqualTo(1);
    assertThat(last.get("eventsRecovered").asInt()).isEqualTo(1);
  }

  // --- support
  // ------------------------------------------------------------------------------------

  /** A window start of its own for a test: passes with it reach only its stubs. */
  static String window() {
    return Instant.parse("2026-01-01T00:00:00Z")
        .plus(Duration.ofMinutes(windows.incrementAndGet()))
        .toString();
  }

  static MappingBuilder list(String since, int page) {
    return get(urlPathEqualTo("/v1/orders/Incoming"))
        .withQueryParam("LastUpdated", equalTo(">" + since))
        .withQueryParam("sortBy", equalTo("LastUpdated"))
        .withQueryParam("pageSize", equalTo(String.valueOf(PAGE_SIZE)))
        .withQueryParam("page", equalTo(String.valueOf(page)));
  }

  static void stubPages(String since, List<List<ObjectNode>> pages) {
    for (int p = 0; p < pages.size(); p++) {
      List<JsonNode> items = List.copyOf(pages.get(p));
      ordercloud.stubFor(
          list(since, p + 1).willReturn(okJson(page(p + 1, pages.size(), items).toString())));
    }
  }

  static List<LoggedRequest> listRequests(String since, int page) {
    return ordercloud.findAll(
        getRequestedFor(urlPathEqualTo("/v1/orders/Incoming"))
            .withQueryParam("LastUpdated", equalTo(">" + since))
            .withQueryParam("page", equalTo(String.valueOf(page))));
  }

  static JsonNode page(int page, int totalPages, List<JsonNode> items) {
    ObjectNode list = Fixtures.mapper().createObjectNode();
    ObjectNode meta = list.putObject("Meta");
    meta.put("Page", page).put("PageSize", PAGE_SIZE).put("TotalPages", totalPages);
    list.putArray("Items").addAll(items);
    return list;
  }

  /** The shared fixture's order under another ID, submitted at {@code submitted}. */
  static ObjectNode order(String id, String status, String submitted) {
    ObjectNode order = (ObjectNode) Payloads.node(Fixtures.POST_ORDER_SUBMIT).at("/Response/Body");
    order.put("ID", id).put("Status", status).put("IsSubmitted", true);
    String at = submitted != null ? submitted : "2026-05-06T10:00:00+00:00";
    order.put("DateSubmitted", at).put("LastUpdated", at);
    return order;
  }

  static JsonNode lineItem() {
    ObjectNode item = Fixtures.mapper().createObjectNode();
    item.put("ID", "LI-1").put("ProductID", "SKU-1").put("Quantity", 1);
    item.put("UnitPrice", 2.5).put("LineTotal", 2.5);
    item.putObject("Product").put("ID", "SKU-1").put("Name", "Product 1");
    return item;
  }

  JsonNode reconcile(String since) {
    HttpResponse<String> answer = reconcileCall(since);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    return json(answer.body());
  }

  HttpResponse<String> reconcileCall(String since) {
    String path = since == null ? "/api/reconcile" : "/api/reconcile?since=" + since;
    return hub.send(
        HttpRequest.newBuilder(hub.uri(path))
            .timeout(Duration.ofSeconds(60))
            .header("Authorization", HubClient.basic(HubClient.OPS_USER, HubClient.OPS_PASSWORD))
            .POST(HttpRequest.BodyPublishers.noBody())
            .build());
  }

  JsonNode accepted(ObjectNode webhook) {
    HttpResponse<String> answer = hub.signed(POST, Payloads.bytes(webhook));
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
    return json(answer.body());
  }

  /** The post-hook events of an order, in the order they were stored. */
  List<Map<String, Object>> eventsOf(String orderId) {
    return jdbc.queryForList(
        "SELECT id, event_type, route, origin FROM hub_event WHERE business_key = ?"
            + " AND kind = 'post' ORDER BY received_at, id",
        "order:" + orderId);
  }

  Map<String, Object> state() {
    return jdbc.queryForMap("SELECT * FROM hub_reconcile_state WHERE name = 'orders'");
  }

  double recoveredCount(String type) {
    var counter = meters.find("hub.reconcile.events.recovered").tag("type", type).counter();
    return counter == null ? 0 : counter.count();
  }

  List<LoggedRequest> erpSalesOrders(String orderId) {
    return erp.findAll(postRequestedFor(urlEqualTo("/api/sales-orders"))).stream()
        .filter(r -> json(r.getBodyAsString()).path("orderId").asText().equals(orderId))
        .toList();
  }

  static Instant instant(Object value) {
    if (value instanceof OffsetDateTime odt) {
      return odt.toInstant();
    }
    if (value instanceof java.sql.Timestamp ts) {
      return ts.toInstant();
    }
    return OffsetDateTime.parse(String.valueOf(value)).toInstant();
  }

  static JsonNode json(String text) {
    return Fixtures.json(text.getBytes(StandardCharsets.UTF_8));
  }
}
