package com.ordercloudhub.hub.prehook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ordercloudhub.hub.destination.erp.ErpOrderChecks;
import com.ordercloudhub.hub.destination.ordercloud.OrderCloudApi;
import com.ordercloudhub.hub.destination.ordercloud.OrderCloudApiException;
import com.ordercloudhub.hub.event.ReceivedEvent;
import com.ordercloudhub.hub.support.Fixtures;
import com.ordercloudhub.hub.support.Payloads;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * routes/prehooks/order-submitted.camel.yaml as a route, decided through prehook-decide: the order
 * is read (the OrderCloud API mocked) only when a rule applies, an order within the limits
 * proceeds, one over the limit or missing required xp is blocked, the ERP's verdict (mocked) is
 * asked when enabled, and an unreadable order leaves the answer to order.submitted's policy.
 */
@CamelSpringBootTest
@SpringBootTest(
    classes = {PreHookRoutes.class, OrderSubmitChecks.class},
    properties = {
      PreHookRoutes.ROUTES + "file:routes/prehooks/order-submitted.camel.yaml",
      PreHookRoutes.QUIET,
      PreHookRoutes.NO_RUN_CONTROLLER,
      // asked only when the ERP is also configured (stubbed per test)
      "hub.prehooks.order-submitted.erp-check=true"
    })
class OrderSubmittedRouteTest {

  @Autowired ProducerTemplate producer;
  @Autowired PreHookProperties properties;

  @MockitoBean(name = "preHookRecorder")
  PreHookRecorder recorder;

  @MockitoBean OrderCloudApi api;
  @MockitoBean ErpOrderChecks erp;

  /** The order the shared post-hook fixture shows OrderCloud answering for this submit. */
  JsonNode order;

  List<JsonNode> lineItems;

  @BeforeEach
  void orderCloudAnswers() {
    order = Payloads.node(Fixtures.POST_ORDER_SUBMIT).path("Response").path("Body");
    lineItems = List.of(Fixtures.json("{\"ID\":\"li-1\",\"ProductID\":\"SKU-1001\"}".getBytes()));
    when(api.order(any(), eq("Outgoing"), eq(order.path("ID").asText()), anyString()))
        .thenReturn(Optional.of(order));
    when(api.lineItems(any(), eq("Outgoing"), eq(order.path("ID").asText()), anyString()))
        .thenReturn(Optional.of(lineItems));
  }

  @Test
  void anOrderWithinTheLimitProceeds() throws Exception {
    ReceivedEvent event = submit();
    String token = event.payload().path("UserToken").asText();

    PreHookDecision decision = PreHookRoutes.decide(producer, event);

    assertThat(decision.proceed()).isTrue();
    assertThat(decision.checks())
        .filteredOn(check -> check.name().equals("order-total"))
        .singleElement()
        .satisfies(check -> assertThat(check.outcome()).isEqualTo("passed"));
    // read with the caller's own token; the ERP is not configured, so not asked
    verify(api).order(any(), eq("Outgoing"), eq(order.path("ID").asText()), eq(token));
    verify(erp, never()).check(any(), any(), anyList(), anyString());
  }

  @Test
  void anOrderOverTheLimitIsBlocked() throws Exception {
    ReceivedEvent event = submit();
    BigDecimal limit = order.path("Total").decimalValue().subtract(BigDecimal.ONE);
    ((ObjectNode) event.payload().path("ConfigData")).put("maxOrderTotal", limit);

    PreHookDecision decision = PreHookRoutes.decide(producer, event);

    assertThat(decision.proceed()).isFalse();
    JsonNode error = decision.body().path("errors").get(0);
    assertThat(error.path("rule").asText()).isEqualTo("order-max-total");
    assertThat(error.path("field").asText()).isEqualTo("Total");
    assertThat(error.path("message").asText())
        .contains(order.path("Total").decimalValue().stripTrailingZeros().toPlainString());
  }

  @Test
  void anOrderMissingRequiredXpIsBlocked() throws Exception {
    ReceivedEvent event = submit();
    ((ObjectNode) event.payload().path("ConfigData")).putArray("requiredXp").add("costCenter");

    PreHookDecision decision = PreHookRoutes.decide(producer, event);

    assertThat(decision.proceed()).isFalse();
    assertThat(decision.body().path("errors").get(0).path("field").asText())
        .isEqualTo("xp.costCenter");
  }

  @Test
  void withTheErpConfiguredItsVerdictDecides() throws Exception {
    when(erp.available()).thenReturn(true);
    when(erp.check(any(), eq(order), eq(lineItems), anyString()))
        .thenReturn(Optional.of(new ErpOrderChecks.Verdict(false, "Credit limit exceeded")));

    PreHookDecision decision = PreHookRoutes.decide(producer, submit());

    assertThat(decision.proceed()).isFalse();
    assertThat(decision.body().path("errors").get(0).path("rule").asText())
        .isEqualTo("order-erp-check");
    assertThat(decision.body().path("errors").get(0).path("message").asText())
        .isEqualTo("Credit limit exceeded");
  }

  @Test
  void withoutRulesTheOrderIsNotRead() throws Exception {
    ReceivedEvent event = submit();
    event.payload().remove("ConfigData");

    PreHookDecision decision = PreHookRoutes.decide(producer, event);

    assertThat(decision.proceed()).isTrue();
    assertThat(decision.checks())
        .singleElement()
        .satisfies(check -> assertThat(check.name()).isEqualTo("order-rules"));
    verify(api, never()).order(any(), anyString(), anyString(), anyString());
  }

  @Test
  void anUnreadableOrderIsAnsweredByThePolicy() throws Exception {
    when(api.order(any(), anyString(), anyString(), anyString()))
        .thenThrow(new OrderCloudApiException("OrderCloud API unreachable", 503, null));

    PreHookDecision decision = PreHookRoutes.decide(producer, submit());

    boolean failClosed =
        properties.policyFor("order.submitted") == PreHookProperties.Policy.FAIL_CLOSED;
    assertThat(decision.proceed()).isEqualTo(!failClosed);
    if (failClosed) {
      assertThat(decision.body().path("retry").asBoolean()).isTrue();
      assertThat(decision.body().path("message").asText()).isEqualTo(PreHooks.RETRY_MESSAGE);
    }
    assertThat(decision.checks())
        .anySatisfy(
            check -> {
              assertThat(check.outcome()).isEqualTo("unchecked");
              assertThat(check.detail()).contains("OrderCloud API unreachable");
            });
  }

  /** The shared order-submit pre-hook (ConfigData maxOrderTotal: a rule applies). */
  private static ReceivedEvent submit() {
    return PreHookRoutes.fixture("order.submitted", Fixtures.PRE_ORDER_SUBMIT);
  }
}
