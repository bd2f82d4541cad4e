package com.ordercloudhub.hub.prehook;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.ordercloudhub.hub.support.Fixtures;
import com.ordercloudhub.hub.support.HubTest;
import com.ordercloudhub.hub.support.Payloads;
import com.ordercloudhub.hub.support.StoreProbe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * order.submitted over HTTP, WireMock as the OrderCloud API and the ERP: the order is read with the
 * caller's own UserToken, every failed rule is named, the ERP's refusal is passed on, a good order
 * proceeds, and the token is kept nowhere.
 */
@HubTest
@AutoConfigureObservability(tracing = false)
@ExtendWith(OutputCaptureExtension.class)
class OrderSubmitPreHookTest extends PreHookHub {

  static String newOrderId() {
    return "SO-" + UUID.randomUUID();
  }

  @Test
  void aGoodOrderIsReadWithTheCallersTokenCheckedByTheErpAndProceeds() {
    String orderId = newOrderId();
    String token = newUserToken();
    stubOrder(token, order(orderId, "172.80", "{\"poNumber\":\"PO-7781\"}"));
    ObjectNode payload = orderSubmit(orderId, token);

    assertThat(preHook(payload)).isEqualTo(proceed());

    // the order and its line items, read as the shopper: Authorization: Bearer <UserToken>
    List<LoggedRequest> reads =
        ordercloud.findAll(getRequestedFor(urlPathEqualTo("/v1/orders/Outgoing/" + orderId)));
    List<LoggedRequest> itemReads =
        ordercloud.findAll(
            getRequestedFor(urlPathEqualTo("/v1/orders/Outgoing/" + orderId + "/lineitems")));
    assertThat(reads).hasSize(1);
    assertThat(itemReads).hasSize(1);
    assertThat(Stream.concat(reads.stream(), itemReads.stream()))
        .allSatisfy(r -> assertThat(r.getHeader("Authorization")).isEqualTo("Bearer " + token));
    assertThat(itemReads.get(0).queryParameter("page").firstValue()).isEqualTo("1");
    assertThat(itemReads.get(0).queryParameter("pageSize").firstValue()).isEqualTo("100");
    // the ERP's check got the order and its line items, with a key naming the call
    LoggedRequest check = erpCheckOf(orderId);
    assertThat(check.getHeader("Idempotency-Key"))
        .isEqualTo(payload.get("LogID").asText() + ":order-check");
    assertThat(check.getHeader("Authorization")).isNull();
    JsonNode sent = json(check);
    assertThat(sent.at("/order/Total").decimalValue()).isEqualByComparingTo("172.8");
    assertThat(sent.get("lineItems").findValuesAsText("ID")).containsExactly("LI-001", "LI-002");
  }

  @Test
  void everyPageOfLineItemsIsRead() {
    String orderId = newOrderId();
    String token = newUserToken();
    stubOrder(token, order(orderId, "300", "{\"poNumber\":\"PO-1\"}"));
    List<JsonNode> items = IntStream.rangeClosed(1, 103).mapToObj(PreHookHub::lineItem).toList();
    for (int page = 1; page <= 2; page++) {
      ordercloud.stubFor(
          get(urlPathEqualTo("/v1/orders/Outgoing/" + orderId + "/lineitems"))
              .withQueryParam("page", equalTo(String.valueOf(page)))
              .withHeader("Authorization", equalTo("Bearer " + token))
              .atPriority(0)
              .willReturn(
                  okJson(
                      page(page, 2, page == 1 ? items.subList(0, 100) : items.subList(100, 103))
                          .toString())));
    }

    assertThat(preHook(orderSubmit(orderId, token))).isEqualTo(proceed());

    assertThat(json(erpCheckOf(orderId)).get("lineItems")).hasSize(103);
  }

  /** name, the order's total and xp, the ConfigData, the rules and fields the block must name. */
  static Stream<Arguments> refusedOrders() {
    return Stream.of(
        Arguments.of(
            "over ConfigData maxOrderTotal 5000",
            "7250",
            "{\"poNumber\":\"PO-1\"}",
            null,
            List.of(
                "order-max-total Total: The order total 7250 USD is over the limit of 5000 USD")),
        Arguments.of(
            "under the configured min-total 25",
            "19.99",
            "{\"poNumber\":\"PO-1\"}",
            null,
            List.of(
                "order-min-total Total: The order total 19.99 USD is under the minimum of 25 USD")),
        Arguments.of(
            "missing the configured required xp poNumber",
            "100",
            "{\"costCenter\":\"CC-1\"}",
            null,
            List.of("order-required-xp xp.poNumber: xp.poNumber is required")),
        Arguments.of(
            "missing ConfigData requiredXp costCenter",
            "100",
            "{\"poNumber\":\"PO-1\"}",
            "{\"maxOrderTotal\":5000,\"requiredXp\":[\"costCenter\"]}",
            List.of("order-required-xp xp.costCenter: xp.costCenter is required")),
        Arguments.of(
            "over the maximum and without a PO number",
            "9000",
            "{}",
            null,
            List.of(
                "order-max-total Total: The order total 9000 USD is over the limit of 5000 USD",
                "order-required-xp xp.poNumber: xp.poNumber is required")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusedOrders")
  void anOrderBreakingARuleIsBlockedNamingEachRule(
      String name, String total, String xp, String configData, List<String> expected) {
    String orderId = newOrderId();
    String token = newUserToken();
    stubOrder(token, order(orderId, total, xp));
    ObjectNode payload = orderSubmit(orderId, token);
    if (configData != null) {
      payload.set("ConfigData", Fixtures.json(configData.getBytes()));
    }

    JsonNode answer = preHook(payload);

    assertThat(answer.get("proceed").asBoolean()).isFalse();
    assertThat(answer.at("/body/message").asText()).isEqualTo("The order cannot be submitted");
    assertThat(answer.at("/body").has("retry")).isFalse();
    assertThat(errors(answer)).as(name).containsExactlyElementsOf(expected);
    ordercloud.verify(
        getRequestedFor(urlPathEqualTo("/v1/orders/Outgoing/" + orderId))
            .withHeader("Authorization", equalTo("Bearer " + token)));
  }

  @Test
  void theErpsRefusalBlocksWithTheErpsMessage() {
    String orderId = newOrderId();
    String token = newUserToken();
    stubOrder(token, order(orderId, "480", "{\"poNumber\":\"PO-1\"}"));
    erp.stubFor(
        post(urlEqualTo("/api/order-checks"))
            .withRequestBody(matchingJsonPath("$.order.ID", equalTo(orderId)))
            .atPriority(1)
            .willReturn(okJson("{\"approved\":false,\"message\":\"Credit limit exceeded\"}")));

    JsonNode answer = preHook(orderSubmit(orderId, token));

    assertThat(answer.get("proceed").asBoolean()).isFalse();
    assertThat(answer.at("/body/errors"))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.get("rule").asText()).isEqualTo("order-erp-check");
              assertThat(e.get("message").asText()).isEqualTo("Credit limit exceeded");
              assertThat(e.has("field")).isFalse();
            });
  }

  @Test
  void anOrderBreakingARuleAndRefusedByTheErpNamesBoth() {
    String orderId = newOrderId();
    String token = newUserToken();
    stubOrder(token, order(orderId, "6000", "{\"poNumber\":\"PO-1\"}"));
    erp.stubFor(
        post(urlEqualTo("/api/order-checks"))
            .withRequestBody(matchingJsonPath("$.order.ID", equalTo(orderId)))
            .atPriority(1)
            .willReturn(okJson("{\"approved\":false,\"message\":\"Out of stock: SKU-001\"}")));

    assertThat(errors(preHook(orderSubmit(orderId, token))))
        .containsExactly(
            "order-max-total Total: The order total 6000 USD is over the limit of 5000 USD",
            "order-erp-check -: Out of stock: SKU-001");
  }

  @Test
  void aCartSubmitReadsTheCallersCart() {
    String token = newUserToken();
    String cartId = newOrderId();
    ordercloud.stubFor(
        get(urlPathEqualTo("/v1/cart"))
            .withHeader("Authorization", equalTo("Bearer " + token))
            .willReturn(okJson(order(cartId, "99.50", "{\"poNumber\":\"PO-9\"}").toString())));
    ordercloud.stubFor(
        get(urlPathEqualTo("/v1/cart/lineitems"))
            .withHeader("Authorization", equalTo("Bearer " + token))
            .willReturn(okJson(page(1, 1, List.of(lineItem(7))).toString())));
    ObjectNode payload = orderSubmit("unused", token);
    payload.put("Route", "v1/cart/submit");
    payload.putObject("RouteParams");

    assertThat(preHook(payload)).isEqualTo(proceed());

    ordercloud.verify(
        1,
        getRequestedFor(urlPathEqualTo("/v1/cart"))
            .withHeader("Authorization", equalTo("Bearer " + token)));
    ordercloud.verify(
        1,
        getRequestedFor(urlPathEqualTo("/v1/cart/lineitems"))
            .withQueryParam("page", equalTo("1"))
            .withHeader("Authorization", equalTo("Bearer " + token)));
    assertThat(json(erpCheckOf(cartId)).get("lineItems").findValuesAsText("ID"))
        .containsExactly("LI-007");
  }

  @Test
  void aTokenTheApiRefusesBlocksTheSubmitAndAsksToRetry() {
    String orderId = newOrderId();
    stubOrder(newUserToken(), order(orderId, "100", "{\"poNumber\":\"PO-1\"}"));

    JsonNode answer = preHook(orderSubmit(orderId, newUserToken()));

    assertThat(answer.get("proceed").asBoolean()).isFalse();
    assertThat(answer.at("/body/message").asText()).isEqualTo(RETRY_MESSAGE);
    assertThat(answer.at("/body/retry").asBoolean()).isTrue();
  }

  @Test
  void theUserTokenIsInNoStoredRecordAndNoLogLine(CapturedOutput output) {
    // the shared fixture's own token, and fresh ones, through every path that handles one
    String fixtureToken = Payloads.node(Fixtures.PRE_ORDER_SUBMIT).get("UserToken").asText();
    List<String> tokens = new ArrayList<>();
    List<String> logIds = new ArrayList<>();
    Map<String, String> totals =
        Map.of("proceeds", "100", "over the maximum", "7000", "unknown order", "none");
    for (var entry : totals.entrySet()) {
      String token = tokens.isEmpty() ? fixtureToken : newUserToken();
      String orderId = newOrderId();
      if (!"none".equals(entry.getValue())) {
        stubOrder(token, order(orderId, entry.getValue(), "{\"poNumber\":\"PO-1\"}"));
      } else {
        ordercloud.stubFor(
            get(urlPathEqualTo("/v1/orders/Outgoing/" + orderId))
                .willReturn(
                    com.github.tomakehurst.wiremock.client.WireMock.notFound()
                        .withBody("{\"Errors\":[{\"ErrorCode\":\"NotFound\"}]}")));
      }
      ObjectNode payload = orderSubmit(orderId, token);
      preHook(payload);
      tokens.add(token);
      logIds.add(payload.get("LogID").asText());
    }
    StoreProbe store = new StoreProbe(jdbc);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> logIds.stream().allMatch(id -> store.decisionsFor(id) == 1));
    // the capture does hold the hub's own lines about these very calls
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(logIds)
                    .allSatisfy(
                        id ->
                            assertThat(output.getAll())
                                .contains("Pre-hook order.submitted answered")
                                .contains("logId=" + id)));
    assertThat(output.getAll()).contains("Pre-hook checks for order.submitted failed");
    // the API saw every token: it was there to be leaked
    assertThat(ordercloud.findAll(anyRequestedFor(anyUrl())))
        .extracting(r -> r.getHeader("Authorization"))
        .contains("Bearer " + fixtureToken);

    String stored = everythingStored();
    String logged = output.getAll();
    assertThat(stored).contains(logIds.get(0)).contains("[not stored]");
    for (String token : tokens) {
      assertThat(stored).doesNotContain(token).doesNotContain(signatureOf(token));
      assertThat(logged).doesNotContain(token).doesNotContain(signatureOf(token));
    }
    assertThat(stored).doesNotContain(Fixtures.USER_TOKEN_PREFIX);
    assertThat(logged).doesNotContain(Fixtures.USER_TOKEN_PREFIX);
  }

  /** The token's middle part, as a log line cut short would still show it. */
  static String signatureOf(String token) {
    return token.split("\\.")[1];
  }

  static LoggedRequest erpCheckOf(String orderId) {
    List<LoggedRequest> checks =
        erp.findAll(
            postRequestedFor(urlEqualTo("/api/order-checks"))
                .withRequestBody(matchingJsonPath("$.order.ID", equalTo(orderId))));
    assertThat(checks).as("ERP checks of " + orderId).hasSize(1);
    return checks.get(0);
  }

  /** The block's errors as "rule field: message". */
  static List<String> errors(JsonNode answer) {
    List<String> errors = new ArrayList<>();
    answer
        .at("/body/errors")
        .forEach(
            e ->
                errors.add(
                    e.get("rule").asText()
                        + " "
                        + e.path("field").asText("-")
                        + ": "
                        + e.get("message").asText()));
    return errors;
  }
}
