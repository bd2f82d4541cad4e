package com.ordercloudhub.hub.prehook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ordercloudhub.hub.delivery.DryRun;
import com.ordercloudhub.hub.destination.erp.ErpOrderChecks;
import com.ordercloudhub.hub.event.ReceivedEvent;
import com.ordercloudhub.hub.support.HubTest;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;

/**
 * The calls pre-hook checks make themselves (the address service, the order read with the caller's
 * UserToken, the ERP's order check) go through the dry-run guard: in a dry run each is recorded as
 * the system would have received it, its credentials masked, and the system receives nothing. The
 * systems here answer as they would (the address valid, the order readable with the token, the ERP
 * approving), so a call that bypassed the guard would be seen twice: as a request on the peer and
 * as a passed check instead of an unchecked one.
 */
@HubTest
@AutoConfigureObservability(tracing = false)
class PreHookDryRunTest extends PreHookHub {

  @Autowired PreHooks preHooks;
  @Autowired ErpOrderChecks erpChecks;
  @Autowired CamelContext camel;

  @Test
  void theAddressServiceCallIsRecordedNotMadeAndTheAddressIsLeftUnchecked() {
    String street = "1 Dry Run Way " + UUID.randomUUID();
    DryRun run = new DryRun();

    PreHookDecision decision =
        preHooks.dryRun(
            received("address.saved", addressSave(fixtureAddress().put("Street1", street))), run);

    assertThat(decision.proceed()).isTrue();
    assertThat(decision.checks())
        .extracting(PreHookDecision.Check::name, PreHookDecision.Check::outcome)
        .containsExactly(
            tuple("address-built-in", "passed"), tuple("address-external", "unchecked"));
    assertThat(run.calls())
        .singleElement()
        .satisfies(
            call -> {
              assertThat(call)
                  .containsEntry("system", "http")
                  .containsEntry("method", "POST")
                  .containsEntry("url", url(addressService) + "/validate");
              assertThat(call.get("headers").toString()).contains("Content-Type=application/json");
              assertThat(((Map<?, ?>) call.get("body")).get("Street1")).isEqualTo(street);
            });
    addressService.verify(
        0, postRequestedFor(urlEqualTo("/validate")).withRequestBody(containing(street)));
  }

  @Test
  void theOrderReadWithTheUserTokenIsRecordedWithTheTokenMaskedAndTheApiSeesNothing() {
    String orderId = "SO-DRY-" + UUID.randomUUID();
    String token = newUserToken();
    stubOrder(token, order(orderId, "100", "{\"poNumber\":\"PO-1\"}"));
    DryRun run = new DryRun();

    PreHookDecision decision =
        preHooks.dryRun(received("order.submitted", orderSubmit(orderId, token)), run);

    // nothing could be checked without the order: the decision says so, as OrderCloud would see it
    assertThat(decision.checks())
        .singleElement()
        .satisfies(
            check -> {
              assertThat(check.name()).isEqualTo("order-rules");
              assertThat(check.outcome()).isEqualTo("unchecked");
              assertThat(check.detail()).contains("UserToken").contains("ERP order check");
            });
    String order = url(ordercloud) + "/v1/orders/Outgoing/" + orderId;
    assertThat(run.calls())
        .extracting(call -> call.get("method"), call -> call.get("url"))
        .containsExactly(
            tuple("GET", order), tuple("GET", order + "/lineitems?page=1&pageSize=100"));
    assertThat(run.calls())
        .allSatisfy(
            call ->
                assertThat(((Map<?, ?>) call.get("headers")).get("Authorization"))
                    .isEqualTo("Bearer [redacted]"));
    assertThat(run.calls().toString())
        .doesNotContain(token)
        .doesNotContain(OrderSubmitPreHookTest.signatureOf(token));
    ordercloud.verify(0, getRequestedFor(urlPathMatching("/v1/orders/Outgoing/" + orderId + ".*")));
    erp.verify(
        0,
        postRequestedFor(urlEqualTo("/api/order-checks"))
            .withRequestBody(matchingJsonPath("$.order.ID", equalTo(orderId))));
  }

  @Test
  void theErpOrderCheckIsRecordedNotMadeAndHasNoAnswer() throws IOException {
    String orderId = "SO-DRY-ERP-" + UUID.randomUUID();
    DryRun run = new DryRun();
    Exchange exchange = new DefaultExchange(camel);
    run.flag(exchange);

    var verdict =
        erpChecks.check(
            exchange, order(orderId, "100", "{}"), List.of(lineItem(1)), orderId + ":order-check");

    assertThat(verdict).isEmpty();
    assertThat(run.calls())
        .singleElement()
        .satisfies(
            call -> {
              assertThat(call)
                  .containsEntry("method", "POST")
                  .containsEntry("url", url(erp) + "/api/order-checks");
              assertThat(((Map<?, ?>) call.get("headers")).get("Idempotency-Key"))
                  .isEqualTo(orderId + ":order-check");
              assertThat(call.get("body").toString()).contains(orderId).contains("LI-001");
            });
    erp.verify(
        0,
        postRequestedFor(urlEqualTo("/api/order-checks"))
            .withRequestBody(matchingJsonPath("$.order.ID", equalTo(orderId))));
  }

  /** Outside a dry run the call is made; an answered 503 is the caller's, never sent again. */
  @Test
  void aRealCallIsMadeOnceAndAnUnavailableErpIsThrownAtOnce() {
    String orderId = "SO-503-" + UUID.randomUUID();
    erp.stubFor(
        post(urlEqualTo("/api/order-checks"))
            .withRequestBody(matchingJsonPath("$.order.ID", equalTo(orderId)))
            .atPriority(1)
            .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "1")));

    assertThatThrownBy(
            () ->
                erpChecks.check(
                    new DefaultExchange(camel), order(orderId, "100", "{}"), List.of(), "k"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("503");
    erp.verify(
        1,
        postRequestedFor(urlEqualTo("/api/order-checks"))
            .withRequestBody(matchingJsonPath("$.order.ID", equalTo(orderId))));
  }

  /** A pre-hook as the inbound route hands it on: parsed and classified. */
  private static ReceivedEvent received(String eventType, ObjectNode payload) {
    return PreHookEvents.event(
        eventType, payload.get("Route").asText(), payload.get("Verb").asText(), payload);
  }
}
