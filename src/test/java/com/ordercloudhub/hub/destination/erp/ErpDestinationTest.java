package com.ordercloudhub.hub.destination.erp;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.ordercloudhub.hub.support.Fixtures;
import com.ordercloudhub.hub.support.HubClient;
import com.ordercloudhub.hub.support.HubTest;
import com.ordercloudhub.hub.support.Legs;
import com.ordercloudhub.hub.support.Payloads;
import com.ordercloudhub.hub.support.StoreProbe;
import com.ordercloudhub.hub.support.Webhooks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The ERP destination against WireMock as the ERP (basic auth, below a base path) and as the
 * OrderCloud API (token endpoint and line item listing): what each event sends, with which headers,
 * how ERP failures end, and that an edited mapping file changes the request. The hub reads its
 * mappings from a copy of {@code mappings/} without caching, so a test can edit one.
 */
@HubTest
class ErpDestinationTest {

  static final String POST = "/webhooks/ordercloud/post";
  static final String ERP_USER = "hub-erp";
  static final String ERP_PASSWORD = "erp-secret";
  static final String OC_TOKEN = "oc-hub-token-" + UUID.randomUUID();
  static final String ECHOED_BASIC =
      java.util.Base64.getEncoder()
          .encodeToString((ERP_USER + ":" + ERP_PASSWORD).getBytes(StandardCharsets.UTF_8));

  static final WireMockServer erp = started();
  static final WireMockServer ordercloud = started();
  static final Path mappings = copyOfMappings();

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  HubClient hub;
  Legs legs;

  @DynamicPropertySource
  static void systems(DynamicPropertyRegistry registry) {
    registry.add("ERP_BASE_URL", () -> url(erp) + "/api/");
    registry.add("ERP_AUTH", () -> "basic");
    registry.add("ERP_USERNAME", () -> ERP_USER);
    registry.add("ERP_PASSWORD", () -> ERP_PASSWORD);
    registry.add("ORDERCLOUD_API_URL", () -> url(ordercloud));
    registry.add("ORDERCLOUD_AUTH_URL", () -> url(ordercloud));
    registry.add("ORDERCLOUD_CLIENT_ID", () -> "hub-client");
    registry.add("ORDERCLOUD_CLIENT_SECRET", () -> "hub-client-secret");
    registry.add("hub.mappings.dir", mappings::toString);
    registry.add("hub.mappings.cache", () -> "false");
    registry.add(
        "hub.delivery.destinations.erp.retry-schedule", () -> "300ms,600ms,1200ms,2400ms,4800ms");
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

  static Path copyOfMappings() {
    try {
      Path target = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "maps-");
      Path source = Path.of("mappings");
      try (Stream<Path> files = Files.walk(source)) {
        for (Path file : files.toList()) {
          Path copy = target.resolve(source.relativize(file).toString());
          if (Files.isDirectory(file)) {
            Files.createDirectories(copy);
          } else {
            Files.copy(file, copy);
          }
        }
      }
      return target.toAbsolutePath();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static {
    ordercloud.stubFor(
        post(urlEqualTo("/oauth/token"))
            .willReturn(
                okJson(
                    "{\"access_token\":\""
                        + OC_TOKEN
                        + "\",\"token_type\":\"bearer\",\"expires_in\":36000}")));
    // any order not stubbed otherwise has one line item on one page
    ordercloud.stubFor(
        get(urlPathMatching("/v1/orders/Outgoing/[^/]+/lineitems"))
            .atPriority(10)
            .willReturn(okJson(page(1, 1, 1, List.of(lineItem(1))).toString())));
    erp.stubFor(
        post(urlEqualTo("/api/sales-orders"))
            .atPriority(10)
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"salesOrderNumber\":\"4500012345\"}")));
    erp.stubFor(
        post(urlPathMatching("/api/sales-orders/[^/]+/cancel"))
            .atPriority(10)
            .willReturn(okJson("{\"status\":\"canceled\"}")));
    erp.stubFor(
        put(urlPathMatching("/api/customers/[^/]+"))
            .atPriority(10)
            .willReturn(okJson("{\"status\":\"updated\"}")));
  }

  @AfterAll
  static void stop() {
    erp.stop();
    ordercloud.stop();
  }

  @BeforeEach
  void connect() {
    hub = new HubClient(port);
    legs = new Legs(jdbc);
  }

  @Test
  void aSubmittedOrderGoesToTheErpWithEveryLineItemOfATwoPageListing() {
    String orderId = "SO-" + UUID.randomUUID();
    List<JsonNode> items = IntStream.rangeClosed(1, 103).mapToObj(i -> lineItem(i)).toList();
    stubLineItemPage(orderId, 1, items.subList(0, 100));
    stubLineItemPage(orderId, 2, items.subList(100, 103));

    String eventId = send(Webhooks.orderSubmitted(orderId));
    Map<String, Object> leg = legs.awaitStatus(eventId, "erp", "delivered");

    assertThat(leg)
        .containsEntry("attempts", 1)
        .containsEntry("idempotency_key", eventId + ":erp")
        .containsEntry("note", null);
    LoggedRequest request = salesOrderRequest(eventId);
    assertThat(request.getHeader("Authorization"))
        .isEqualTo(HubClient.basic(ERP_USER, ERP_PASSWORD));
    assertThat(request.getHeader("Content-Type")).startsWith("application/json");
    JsonNode body = json(request);
    assertThat(body.get("orderId").asText()).isEqualTo(orderId);
    assertThat(body.get("customerId").asText()).isEqualTo("ACME");
    assertThat(body.get("poNumber").asText()).isEqualTo("PO-7781");
    assertThat(body.get("total").decimalValue()).isEqualByComparingTo("172.8");
    assertThat(body.at("/billTo/company").asText()).isEqualTo("Acme Corp");
    assertThat(body.get("lineItemsIncluded").asBoolean()).isTrue();
    assertThat(body.get("lines")).hasSize(103);
    assertThat(body.get("lines").findValuesAsText("lineId"))
        .containsExactlyElementsOf(items.stream().map(i -> i.get("ID").asText()).toList());
    assertThat(body.at("/lines/102/sku").asText()).isEqualTo("SKU-103");
    assertThat(body.at("/lines/102/quantity").asInt()).isEqualTo(4);
    assertThat(body.at("/lines/102/description").asText()).isEqualTo("Product 103");
    assertThat(body.at("/lines/102/shipTo/city").asText()).isEqualTo("Minneapolis");

    // both pages were read, with the hub's own token
    List<LoggedRequest> reads =
        ordercloud.findAll(
            getRequestedFor(urlPathEqualTo("/v1/orders/Outgoing/" + orderId + "/lineitems")));
    assertThat(reads)
        .extracting(r -> r.queryParameter("page").firstValue())
        .containsExactly("1", "2");
    assertThat(reads)
        .allSatisfy(
            r -> {
              assertThat(r.getHeader("Authorization")).isEqualTo("Bearer " + OC_TOKEN);
              assertThat(r.queryParameter("pageSize").firstValue()).isEqualTo("100");
            });

    // the other destinations of order.submitted: the database delivers, the rest are skipped
    assertThat(legs.status(eventId, "database")).isEqualTo("delivered");
    assertThat(legs.skipped(eventId))
        .containsExactly(
            "crm: SALESFORCE_CLIENT_ID is not set", "notice: ORDER_NOTICE_TO is not set");
    assertHealthy();
  }

  @Test
  void exactNumbersReachTheErpAsTheyCame() {
    String orderId = "SO-" + UUID.randomUUID();
    ObjectNode webhook = Webhooks.orderSubmitted(orderId);
    ((ObjectNode) webhook.at("/Response/Body"))
        .put("Total", new BigDecimal("1234567890123.4567")) // a double sends …4568
        .put("Subtotal", new BigInteger("18446744073709551617")) // 2^64 + 1
        .put("ShippingCost", new BigDecimal("0.10"));
    ObjectNode item = (ObjectNode) lineItem(1);
    item.put("UnitPrice", new BigDecimal("1234567890123.4567")).put("Quantity", 1);
    item.put("LineTotal", new BigDecimal("1234567890123.4567"));
    ordercloud.stubFor(
        get(urlEqualTo("/v1/orders/Outgoing/" + orderId + "/lineitems?page=1&pageSize=100"))
            .atPriority(1)
            .willReturn(okJson(page(1, 1, 1, List.of(item)).toString())));

    String eventId = send(webhook);
    legs.awaitStatus(eventId, "erp", "delivered");

    String sent = salesOrderRequest(eventId).getBodyAsString();
    assertThat(sent)
        .contains(
            "\"subtotal\":18446744073709551617,",
            "\"shipping\":0.10,",
            "\"total\":1234567890123.4567,",
            "\"unitPrice\":1234567890123.4567,\"lineTotal\":1234567890123.4567,");
    // the rest as before: same fields, same order
    assertThat(json(sent).fieldNames())
        .toIterable()
        .containsExactly(
            "orderId",
            "customerId",
            "customerUserId",
            "poNumber",
            "currency",
            "submittedAt",
            "comments",
            "subtotal",
            "shipping",
            "tax",
            "discount",
            "total",
            "billTo",
            "lineItemsIncluded",
            "lines");
  }

  @Test
  void oneOrderCloudTokenServesManyEvents() {
    List<String> orders = new ArrayList<>();
    List<String> events = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      orders.add("SO-" + UUID.randomUUID());
      events.add(send(Webhooks.orderSubmitted(orders.get(i))));
    }
    events.forEach(e -> legs.awaitStatus(e, "erp", "delivered"));

    // over this hub's whole life, whichever test ran first: one login
    List<LoggedRequest> logins = ordercloud.findAll(postRequestedFor(urlEqualTo("/oauth/token")));
    assertThat(logins).hasSize(1);
    LoggedRequest login = logins.get(0);
    assertThat(login.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
    assertThat(login.formParameters().get("grant_type").firstValue())
        .isEqualTo("client_credentials");
    assertThat(login.formParameters().get("client_id").firstValue()).isEqualTo("hub-client");
    assertThat(login.formParameters().get("client_secret").firstValue())
        .isEqualTo("hub-client-secret");
    for (String orderId : orders) {
      assertThat(
              ordercloud.findAll(
                  getRequestedFor(urlPathEqualTo("/v1/orders/Outgoing/" + orderId + "/lineitems"))))
          .singleElement()
          .satisfies(r -> assertThat(r.getHeader("Authorization")).isEqualTo("Bearer " + OC_TOKEN));
    }
    for (int i = 0; i < 5; i++) {
      JsonNode body = json(salesOrderRequest(events.get(i)));
      assertThat(body.get("orderId").asText()).isEqualTo(orders.get(i));
      assertThat(body.at("/lines/0/lineId").asText()).isEqualTo("LI-001");
    }
  }

  @Test
  void aServiceUnavailableErpIsRetriedUntilItTakesTheOrder() {
    String orderId = "SO-" + UUID.randomUUID();
    String outage = "erp-outage-" + orderId;
    erp.stubFor(
        post(urlEqualTo("/api/sales-orders"))
            .atPriority(1)
            .withRequestBody(matchingJsonPath("$.orderId", equalTo(orderId)))
            .inScenario(outage)
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(503).withBody("ERP maintenance window")));
    erp.stubFor(
        post(urlEqualTo("/api/sales-orders"))
            .atPriority(1)
            .withRequestBody(matchingJsonPath("$.orderId", equalTo(orderId)))
            .inScenario(outage)
            .whenScenarioStateIs("over")
            .willReturn(aResponse().withStatus(201).withBody("{}")));

    String eventId = send(Webhooks.orderSubmitted(orderId));
    Map<String, Object> retrying = legs.awaitStatus(eventId, "erp", "retrying");
    assertThat((String) retrying.get("last_error"))
        .contains("HTTP 503")
        .contains("ERP maintenance window");

    erp.setScenarioState(outage, "over");
    Map<String, Object> delivered = legs.awaitStatus(eventId, "erp", "delivered");

    List<LoggedRequest> tries =
        erp.findAll(
            postRequestedFor(urlEqualTo("/api/sales-orders"))
                .withRequestBody(matchingJsonPath("$.orderId", equalTo(orderId))));
    assertThat((Integer) delivered.get("attempts")).isGreaterThanOrEqualTo(2);
    assertThat(tries).hasSize((Integer) delivered.get("attempts"));
    assertThat(tries)
        .extracting(r -> r.getHeader("Idempotency-Key"))
        .containsOnly(eventId + ":erp");
  }

  @Test
  void anUnprocessableOrderIsDeadAfterOneAttempt() {
    String orderId = "SO-" + UUID.randomUUID();
    erp.stubFor(
        post(urlEqualTo("/api/sales-orders"))
            .atPriority(1)
            .withRequestBody(matchingJsonPath("$.orderId", equalTo(orderId)))
            .willReturn(
                aResponse()
                    .withStatus(422)
                    .withHeader("Content-Type", "application/json")
                    // an ERP that echoes what it was sent, credentials included
                    .withBody(
                        "{\"error\":\"customer ACME is blocked\",\"request\":{\"Authorization\":"
                            + "\"Basic "
                            + ECHOED_BASIC
                            + "\",\"apiKey\":\"erp-echo-key-1\"},\"retry\":\"?token=erp-tok-2\"}")));

    String eventId = send(Webhooks.orderSubmitted(orderId));
    Map<String, Object> dead = legs.awaitStatus(eventId, "erp", "dead");

    assertThat(dead).containsEntry("attempts", 1);
    assertThat((String) dead.get("last_error"))
        .contains("HTTP 422")
        .contains("/api/sales-orders")
        .contains("customer ACME is blocked")
        .contains("[redacted]")
        .doesNotContain(ERP_PASSWORD);
    // the leg and its attempts, as the API and ops pages show them
    assertThat(new StoreProbe(jdbc).everything())
        .doesNotContain(ECHOED_BASIC, "erp-echo-key-1", "erp-tok-2");
    assertThat(salesOrderRequests(eventId)).hasSize(1);
    assertHealthy();
  }

  @Test
  void aCanceledOrderPostsTheCancellation() {
    String orderId = "SO-" + UUID.randomUUID();

    String eventId = send(Webhooks.orderCanceled(orderId));
    legs.awaitStatus(eventId, "erp", "delivered");

    List<LoggedRequest> sent =
        erp.findAll(postRequestedFor(urlEqualTo("/api/sales-orders/" + orderId + "/cancel")));
    assertThat(sent).hasSize(1);
    assertThat(sent.get(0).getHeader("Idempotency-Key")).isEqualTo(eventId + ":erp");
    assertThat(sent.get(0).getHeader("Authorization"))
        .isEqualTo(HubClient.basic(ERP_USER, ERP_PASSWORD));
    // nothing of the hub's own exchange (event id, type, destination, key) goes out as a header
    assertThat(sent.get(0).getAllHeaderKeys())
        .noneMatch(header -> header.regionMatches(true, 0, "hub", 0, 3));
    JsonNode body = json(sent.get(0));
    assertThat(body.get("orderId").asText()).isEqualTo(orderId);
    assertThat(body.get("status").asText()).isEqualTo("Canceled");
    assertThat(body.get("canceledAt").asText()).isEqualTo("2025-03-15T08:30:00+00:00");
    // a cancellation needs no line items: the OrderCloud API is not asked
    assertThat(ordercloud.findAll(anyRequestedFor(urlPathMatching(".*/" + orderId + "/.*"))))
        .isEmpty();
  }

  @Test
  void aBuyerUserChangeUpdatesTheErpCustomer() {
    String userId = "U-" + UUID.randomUUID();

    String eventId = send(Webhooks.buyerUserUpdated("ACME", userId, "jo.doe@acme.example"));
    legs.awaitStatus(eventId, "erp", "delivered");

    List<LoggedRequest> sent =
        erp.findAll(
            putRequestedFor(urlEqualTo("/api/customers/ACME"))
                .withHeader("Idempotency-Key", equalTo(eventId + ":erp")));
    assertThat(sent).hasSize(1);
    assertThat(sent.get(0).getHeader("Authorization"))
        .isEqualTo(HubClient.basic(ERP_USER, ERP_PASSWORD));
    JsonNode body = json(sent.get(0));
    assertThat(body.get("customerId").asText()).isEqualTo("ACME");
    assertThat(body.get("change").asText()).isEqualTo("user.updated");
    assertThat(body.at("/contact/userId").asText()).isEqualTo(userId);
    assertThat(body.at("/contact/email").asText()).isEqualTo("jo.doe@acme.example");
    assertThat(body.has("address")).isFalse();
    assertThat(legs.skipped(eventId)).containsExactly("crm: SALESFORCE_CLIENT_ID is not set");
  }

  @Test
  void editingTheSalesOrderMappingChangesWhatTheErpReceives() throws IOException {
    Path mapping = mappings.resolve("erp/sales-order.jsonata");
    String original = Files.readString(mapping);
    String before = "SO-" + UUID.randomUUID();
    String beforeEvent = send(Webhooks.orderSubmitted(before));
    legs.awaitStatus(beforeEvent, "erp", "delivered");

    String field = "\"orderId\": $order.ID,";
    assertThat(original).contains(field);
    Files.writeString(
        mapping, original.replace(field, field + "\n    \"channel\": \"b2b-portal\","));
    try {
      String after = "SO-" + UUID.randomUUID();
      String afterEvent = send(Webhooks.orderSubmitted(after));
      legs.awaitStatus(afterEvent, "erp", "delivered");

      JsonNode changed = json(salesOrderRequest(afterEvent));
      assertThat(changed.get("orderId").asText()).isEqualTo(after);
      assertThat(changed.get("channel").asText()).isEqualTo("b2b-portal");
      JsonNode unchanged = json(salesOrderRequest(beforeEvent));
      assertThat(unchanged.get("orderId").asText()).isEqualTo(before);
      assertThat(unchanged.has("channel")).isFalse();
    } finally {
      Files.writeString(mapping, original);
    }
  }

  /**
   * A second hub, the same but without ORDERCLOUD_CLIENT_ID: orders go to the ERP without line
   * items, and the leg says so.
   */
  @Nested
  @TestPropertySource(properties = "hub.ordercloud.api.client-id=")
  class WithoutAnOrderCloudApiClient {

    @LocalServerPort int hubPort;
    @Autowired JdbcTemplate hubJdbc;

    @Test
    void theOrderIsSentWithoutLineItemsAndTheLegSaysSo() {
      HubClient withoutClient = new HubClient(hubPort);
      Legs ledger = new Legs(hubJdbc);
      String orderId = "SO-" + UUID.randomUUID();

      HttpResponse<String> answer =
          withoutClient.signed(POST, Payloads.bytes(Webhooks.orderSubmitted(orderId)));
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
      String eventId = json(answer.body()).get("eventId").asText();
      Map<String, Object> leg = ledger.awaitStatus(eventId, "erp", "delivered");

      assertThat((String) leg.get("note")).startsWith("Sent without line items");
      assertThat((String) leg.get("note")).contains("ORDERCLOUD_CLIENT_ID");
      JsonNode view = json(withoutClient.opsGet("/api/events/" + eventId).body());
      assertThat(view.get("legs").findValuesAsText("note"))
          .anySatisfy(note -> assertThat(note).startsWith("Sent without line items"));
      JsonNode body = json(salesOrderRequest(eventId));
      assertThat(body.get("orderId").asText()).isEqualTo(orderId);
      assertThat(body.get("lineItemsIncluded").asBoolean()).isFalse();
      assertThat(body.get("lines")).isEmpty();
      assertThat(ordercloud.findAll(anyRequestedFor(urlPathMatching(".*/" + orderId + "/.*"))))
          .isEmpty();
      assertThat(withoutClient.get("/actuator/health").body()).contains("\"UP\"");
    }
  }

  private String send(ObjectNode webhook) {
    HttpResponse<String> answer = hub.signed(POST, Payloads.bytes(webhook));
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
    return json(answer.body()).get("eventId").asText();
  }

  private void assertHealthy() {
    HttpResponse<String> health = hub.get("/actuator/health");
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(json(health.body()).get("status").asText()).isEqualTo("UP");
  }

  static List<LoggedRequest> salesOrderRequests(String eventId) {
    return erp.findAll(
        postRequestedFor(urlEqualTo("/api/sales-orders"))
            .withHeader("Idempotency-Key", equalTo(eventId + ":erp")));
  }

  static LoggedRequest salesOrderRequest(String eventId) {
    List<LoggedRequest> sent = salesOrderRequests(eventId);
    assertThat(sent).as("POST /api/sales-orders for " + eventId).hasSize(1);
    return sent.get(0);
  }

  static void stubLineItemPage(String orderId, int page, List<JsonNode> items) {
    ordercloud.stubFor(
        get(urlEqualTo(
                "/v1/orders/Outgoing/" + orderId + "/lineitems?page=" + page + "&pageSize=100"))
            .atPriority(1)
            .willReturn(okJson(page(page, 2, 103, items).toString())));
  }

  static JsonNode page(int page, int totalPages, int totalCount, List<JsonNode> items) {
    ObjectNode list = Fixtures.mapper().createObjectNode();
    ObjectNode meta = list.putObject("Meta");
    meta.put("Page", page).put("PageSize", 100).put("TotalCount", totalCount);
    meta.put("TotalPages", totalPages);
    ArrayNode range = meta.putArray("ItemRange");
    range.add((page - 1) * 100 + 1).add((page - 1) * 100 + items.size());
    list.putArray("Items").addAll(items);
    return list;
  }

  static JsonNode lineItem(int n) {
    String number = "%03d".formatted(n);
    ObjectNode item = Fixtures.mapper().createObjectNode();
    item.put("ID", "LI-" + number).put("ProductID", "SKU-" + number);
    item.put("Quantity", n % 5 + 1).put("UnitPrice", 2.5).put("LineTotal", 2.5 * (n % 5 + 1));
    item.putObject("Product").put("ID", "SKU-" + number).put("Name", "Product " + n);
    ObjectNode shipTo = item.putObject("ShippingAddress");
    shipTo.put("FirstName", "Jane").put("LastName", "Doe").put("CompanyName", "Acme Corp");
    shipTo.put("Street1", "100 Main St").put("City", "Minneapolis").put("State", "MN");
    shipTo.put("Zip", "55401").put("Country", "US");
    return item;
  }

  static JsonNode json(LoggedRequest request) {
    return Fixtures.json(request.getBody());
  }

  static JsonNode json(String text) {
    return Fixtures.json(text.getBytes(StandardCharsets.UTF_8));
  }
}
