package com.ordercloudhub.hub.prehook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.Notifier;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.ordercloudhub.hub.support.Fixtures;
import com.ordercloudhub.hub.support.HubClient;
import com.ordercloudhub.hub.support.Payloads;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole hub with WireMock on 127.0.0.1 as the address validation service, the OrderCloud API
 * and the ERP. Every pre-hook HTTP test extends it with the same annotations, so they share one
 * Spring context; each test uses its own order IDs, tokens and addresses, so they do not meet.
 *
 * <p>The rules configured here: orders of at least 25, {@code xp.poNumber} required, the ERP's
 * order check on. The fixture's ConfigData adds {@code maxOrderTotal: 5000}. The address service's
 * own timeout is longer than the 3 s budget, so a slow service is cut by the budget itself.
 */
abstract class PreHookHub {

  static final String PRE = "/webhooks/ordercloud/pre";
  static final String RETRY_MESSAGE = PreHooks.RETRY_MESSAGE;
  static final Duration BUDGET = Duration.ofSeconds(3);

  static final WireMockServer addressService = started();
  static final WireMockServer ordercloud = started();
  static final WireMockServer erp = started();

  @DynamicPropertySource
  static void systems(DynamicPropertyRegistry registry) {
    registry.add("ADDRESS_VALIDATION_URL", () -> url(addressService) + "/validate");
    registry.add("hub.prehooks.address.timeout", () -> "10s");
    registry.add("ORDERCLOUD_API_URL", () -> url(ordercloud));
    registry.add("ERP_BASE_URL", () -> url(erp) + "/api");
    registry.add("hub.prehooks.order-submitted.min-total", () -> "25");
    registry.add("hub.prehooks.order-submitted.required-xp", () -> "poNumber");
    registry.add("hub.prehooks.order-submitted.erp-check", () -> "true");
  }

  static {
    // unless a test says otherwise: the address is valid, the ERP approves
    addressService.stubFor(
        post(urlEqualTo("/validate")).atPriority(10).willReturn(okJson("{\"verdict\":\"valid\"}")));
    erp.stubFor(
        post(urlEqualTo("/api/order-checks"))
            .atPriority(10)
            .willReturn(okJson("{\"approved\":true,\"message\":\"credit ok\"}")));
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  addressService.stop();
                  ordercloud.stop();
                  erp.stop();
                }));
  }

  /**
   * Delayed answers are sent from WireMock's scheduler, not its request threads, so fifty slow
   * requests do not hold the server; WireMock says nothing on the console (a near-miss report would
   * print request headers, bearer tokens included, into the output a test scans).
   */
  static WireMockServer started() {
    WireMockServer server =
        new WireMockServer(
            options()
                .dynamicPort()
                .bindAddress("127.0.0.1")
                .containerThreads(120)
                .asynchronousResponseEnabled(true)
                .asynchronousResponseThreads(20)
                .notifier(new Quiet()));
    server.start();
    return server;
  }

  static String url(WireMockServer server) {
    return "http://127.0.0.1:" + server.port();
  }

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  HubClient hub;

  @BeforeEach
  void connect() {
    hub = new HubClient(port);
  }

  // --- calling the hub -------------------------------------------------------------------------

  /** A pre-hook answer and how long the test client waited for it. */
  record Timed(HttpResponse<String> response, long millis) {
    JsonNode json() {
      return PreHookHub.json(response);
    }
  }

  Timed timed(ObjectNode payload) {
    byte[] body = Payloads.bytes(payload);
    long start = System.nanoTime();
    HttpResponse<String> response = hub.signed(PRE, body);
    return new Timed(response, (System.nanoTime() - start) / 1_000_000);
  }

  /** Sends a pre-hook; it must be answered 200 with JSON. */
  JsonNode preHook(ObjectNode payload) {
    HttpResponse<String> response = hub.signed(PRE, Payloads.bytes(payload));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
    return json(response);
  }

  static JsonNode json(HttpResponse<String> response) {
    return Fixtures.json(response.body().getBytes(StandardCharsets.UTF_8));
  }

  static JsonNode json(LoggedRequest request) {
    return Fixtures.json(request.getBody());
  }

  static JsonNode proceed() {
    return Fixtures.json("{\"proceed\":true}".getBytes(StandardCharsets.UTF_8));
  }

  // --- payloads --------------------------------------------------------------------------------

  /** A bearer token of the fixture's shape, different for each call. */
  static String newUserToken() {
    return Fixtures.USER_TOKEN_PREFIX
        + "."
        + UUID.randomUUID().toString().replace("-", "")
        + ".SIGNATURE";
  }

  /** The shared address pre-hook with a fresh LogID and this address. */
  static ObjectNode addressSave(ObjectNode address) {
    ObjectNode payload = Payloads.node(Fixtures.PRE_ADDRESS_SAVE);
    payload.put("LogID", UUID.randomUUID().toString());
    ((ObjectNode) payload.get("Request")).set("Body", address);
    return payload;
  }

  /** The shared address fixture's address. */
  static ObjectNode fixtureAddress() {
    return (ObjectNode) Payloads.node(Fixtures.PRE_ADDRESS_SAVE).at("/Request/Body").deepCopy();
  }

  /** The shared order-submit pre-hook (ConfigData maxOrderTotal 5000) for this order and token. */
  static ObjectNode orderSubmit(String orderId, String userToken) {
    ObjectNode payload = Payloads.node(Fixtures.PRE_ORDER_SUBMIT);
    payload.put("LogID", UUID.randomUUID().toString());
    payload.put("UserToken", userToken);
    ((ObjectNode) payload.get("RouteParams")).put("orderID", orderId);
    return payload;
  }

  // --- the OrderCloud API ----------------------------------------------------------------------

  /** An order as OrderCloud's API returns it. */
  static ObjectNode order(String id, String total, String xpJson) {
    ObjectNode order = Fixtures.mapper().createObjectNode();
    order.put("ID", id).put("Status", "Unsubmitted").put("IsSubmitted", false);
    order.putObject("FromUser").put("ID", "jdoe").put("Username", "jdoe");
    order.put("FromCompanyID", "ACME").put("Currency", "USD");
    order.put("Subtotal", new java.math.BigDecimal(total));
    order.put("Total", new java.math.BigDecimal(total));
    order.set("xp", Fixtures.json(xpJson.getBytes(StandardCharsets.UTF_8)));
    return order;
  }

  static JsonNode lineItem(int n) {
    ObjectNode item = Fixtures.mapper().createObjectNode();
    item.put("ID", "LI-%03d".formatted(n)).put("ProductID", "SKU-%03d".formatted(n));
    item.put("Quantity", 1).put("UnitPrice", 2.5).put("LineTotal", 2.5);
    return item;
  }

  static JsonNode page(int page, int totalPages, List<JsonNode> items) {
    ObjectNode list = Fixtures.mapper().createObjectNode();
    list.putObject("Meta").put("Page", page).put("PageSize", 100).put("TotalPages", totalPages);
    ArrayNode array = list.putArray("Items");
    array.addAll(items);
    return list;
  }

  /**
   * The order and its line items (one page), answered only to a caller presenting this token:
   * anything else is 401, as OrderCloud answers a wrong token.
   */
  static void stubOrder(String token, ObjectNode order, Duration delay) {
    String path = "/v1/orders/Outgoing/" + order.get("ID").asText();
    ordercloud.stubFor(
        get(urlPathEqualTo(path))
            .atPriority(5)
            .willReturn(
                aResponse()
                    .withStatus(401)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"Errors\":[{\"ErrorCode\":\"InvalidToken\"}]}")));
    ordercloud.stubFor(
        get(urlPathEqualTo(path))
            .withHeader("Authorization", equalTo("Bearer " + token))
            .atPriority(1)
            .willReturn(okJson(order.toString()).withFixedDelay((int) delay.toMillis())));
    ordercloud.stubFor(
        get(urlPathEqualTo(path + "/lineitems"))
            .withHeader("Authorization", equalTo("Bearer " + token))
            .atPriority(1)
            .willReturn(okJson(page(1, 1, List.of(lineItem(1), lineItem(2))).toString())));
  }

  static void stubOrder(String token, ObjectNode order) {
    stubOrder(token, order, Duration.ZERO);
  }

  // --- what the hub recorded -------------------------------------------------------------------

  /**
   * The pre-hook's event as the operations API shows it, once its decision is recorded (the
   * recorder runs off the response path): found in the list of pre-hooks by its LogID.
   */
  JsonNode recordedEvent(String logId, OffsetDateTime since) {
    String query =
        "/api/events?kind=pre&size=500&since="
            + URLEncoder.encode(since.minusSeconds(1).toString(), StandardCharsets.UTF_8);
    JsonNode[] found = new JsonNode[1];
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              HttpResponse<String> list = hub.opsGet(query);
              assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
              String id = null;
              for (JsonNode item : json(list).get("items")) {
                if (logId.equals(item.path("logId").asText())) {
                  id = item.get("id").asText();
                }
              }
              assertThat(id).as("pre-hook event with LogID " + logId).isNotNull();
              HttpResponse<String> event = hub.opsGet("/api/events/" + id);
              assertThat(event.statusCode()).isEqualTo(200);
              assertThat(json(event).get("decisions")).isNotEmpty();
              found[0] = json(event);
            });
    return found[0];
  }

  static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC);
  }

  /** A recorded decision's checks as "name outcome: detail". */
  static List<String> checks(JsonNode decision) {
    List<String> checks = new ArrayList<>();
    decision
        .get("checks")
        .forEach(
            c ->
                checks.add(
                    c.get("name").asText()
                        + " "
                        + c.get("outcome").asText()
                        + ": "
                        + c.path("detail").asText()));
    return checks;
  }

  /** The text of every column of every row of every table of the hub's database. */
  String everythingStored() {
    List<String> tables =
        jdbc.execute(
            (java.sql.Connection c) -> {
              DatabaseMetaData meta = c.getMetaData();
              List<String> names = new ArrayList<>();
              try (ResultSet rs =
                  meta.getTables(c.getCatalog(), null, "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                  String schema = rs.getString("TABLE_SCHEM");
                  if (!"information_schema".equalsIgnoreCase(schema)) {
                    names.add(schema + "." + rs.getString("TABLE_NAME"));
                  }
                }
              }
              return names;
            });
    assertThat(tables)
        .as("the scan must see the hub's tables")
        .anyMatch(t -> t.endsWith("hub_event"))
        .anyMatch(t -> t.endsWith("hub_prehook_decision"));
    StringBuilder all = new StringBuilder();
    for (String table : tables) {
      jdbc.query(
          "SELECT * FROM " + table,
          (ResultSet rs) -> {
            int columns = rs.getMetaData().getColumnCount();
            for (int i = 1; i <= columns; i++) {
              all.append(rs.getString(i)).append('\n');
            }
          });
    }
    return all.toString();
  }

  /** Prometheus text, read as the ops user. */
  String metrics() {
    HttpResponse<String> metrics = hub.opsGet("/actuator/prometheus");
    assertThat(metrics.statusCode()).isEqualTo(200);
    return metrics.body();
  }

  /** The answer times of a set of calls, as "p50 … ms, max … ms". */
  static String figures(List<Long> millis) {
    List<Long> sorted = millis.stream().sorted().toList();
    return "n=%d min=%d ms p50=%d ms p90=%d ms max=%d ms"
        .formatted(
            sorted.size(),
            sorted.get(0),
            sorted.get((sorted.size() - 1) / 2),
            sorted.get((int) Math.ceil(sorted.size() * 0.9) - 1),
            sorted.get(sorted.size() - 1));
  }

  /** WireMock's notifications, discarded. */
  static final class Quiet implements Notifier {
    @Override
    public void info(String message) {}

    @Override
    public void error(String message) {}

    @Override
    public void error(String message, Throwable t) {}
  }
}
