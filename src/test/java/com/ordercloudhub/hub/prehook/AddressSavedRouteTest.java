package com.ordercloudhub.hub.prehook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ordercloudhub.hub.delivery.OutboundHttp;
import com.ordercloudhub.hub.event.ReceivedEvent;
import com.ordercloudhub.hub.support.Fixtures;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.EndpointInject;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.camel.test.spring.junit5.UseAdviceWith;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * routes/prehooks/address-saved.camel.yaml as a route, decided through prehook-decide: a valid
 * address proceeds, a built-in rule or the address service (mocked by step id) blocks naming the
 * field, and an address service that fails leaves the answer to address.saved's policy.
 */
@CamelSpringBootTest
@SpringBootTest(
    classes = {PreHookRoutes.class, AddressChecks.class, OutboundHttp.class},
    properties = {
      PreHookRoutes.ROUTES + "file:routes/prehooks/address-saved.camel.yaml",
      PreHookRoutes.QUIET,
      PreHookRoutes.NO_RUN_CONTROLLER,
      // the service's branch is taken; the call itself is the mock below
      "hub.prehooks.address.validation-url=http://127.0.0.1:9/verify"
    })
@UseAdviceWith
class AddressSavedRouteTest {

  @Autowired CamelContext camel;
  @Autowired ProducerTemplate producer;
  @Autowired PreHookProperties properties;

  /** The decision's record goes to the database. */
  @MockitoBean(name = "preHookRecorder")
  PreHookRecorder recorder;

  @EndpointInject("mock:address-service")
  MockEndpoint service;

  @BeforeEach
  void serviceMocked() throws Exception {
    if (camel.isStarted()) {
      return;
    }
    AdviceWith.adviceWith(
        camel,
        "prehook-address-saved",
        route ->
            route.weaveById("prehook-address-saved-external").replace().to("mock:address-service"));
    camel.start();
  }

  @AfterEach
  void reset() {
    MockEndpoint.resetMocks(camel);
  }

  @Test
  void aValidAddressTheServiceAcceptsProceeds() throws Exception {
    service.expectedMessageCount(1);
    service.whenAnyExchangeReceived(
        e -> findings(e.getProperty(PreHookFindings.PROPERTY)).passed("address-external", "valid"));
    ReceivedEvent event = PreHookRoutes.fixture("address.saved", Fixtures.PRE_ADDRESS_SAVE);

    PreHookDecision decision = PreHookRoutes.decide(producer, event);

    service.assertIsSatisfied(5, TimeUnit.SECONDS);
    assertThat(decision.proceed()).isTrue();
    assertThat(decision.checks())
        .extracting(PreHookDecision.Check::name, PreHookDecision.Check::outcome)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("address-built-in", "passed"),
            org.assertj.core.groups.Tuple.tuple("address-external", "passed"));
    // the service was handed the very event OrderCloud sent
    assertThat(service.getReceivedExchanges().get(0).getMessage().getBody(ReceivedEvent.class))
        .isSameAs(event);
  }

  @Test
  void aBuiltInRuleBlocksNamingTheField() throws Exception {
    ReceivedEvent event = PreHookRoutes.fixture("address.saved", Fixtures.PRE_ADDRESS_SAVE);
    ObjectNode address = (ObjectNode) event.payload().path("Request").path("Body");
    address.put("Zip", "ABCDE");

    PreHookDecision decision = PreHookRoutes.decide(producer, event);

    assertThat(decision.proceed()).isFalse();
    JsonNode error = decision.body().path("errors").get(0);
    assertThat(error.path("field").asText()).isEqualTo("Zip");
    assertThat(error.path("rule").asText()).isEqualTo("address-zip");
    assertThat(error.path("message").asText()).contains("ABCDE");
    assertThat(decision.answer().path("proceed").asBoolean(true)).isFalse();
  }

  @Test
  void theServicesInvalidVerdictBlocksWithItsSuggestion() throws Exception {
    service.whenAnyExchangeReceived(
        e -> {
          PreHookFindings findings = findings(e.getProperty(PreHookFindings.PROPERTY));
          findings.blockMessage("The address could not be verified");
          findings.suggest(Fixtures.json("{\"Zip\":\"55425-1234\"}".getBytes()));
          findings.failed("address-external", "Street1", "No such street");
        });

    PreHookDecision decision =
        PreHookRoutes.decide(
            producer, PreHookRoutes.fixture("address.saved", Fixtures.PRE_ADDRESS_SAVE));

    assertThat(decision.proceed()).isFalse();
    assertThat(decision.body().path("message").asText())
        .isEqualTo("The address could not be verified");
    assertThat(decision.body().path("errors").get(0).path("field").asText()).isEqualTo("Street1");
    assertThat(decision.body().path("suggestion").path("Zip").asText()).isEqualTo("55425-1234");
  }

  @Test
  void aFailingServiceIsAnsweredByThePolicy() throws Exception {
    service.whenAnyExchangeReceived(
        e -> {
          throw new IOException("The address service answered 503");
        });

    PreHookDecision decision =
        PreHookRoutes.decide(
            producer, PreHookRoutes.fixture("address.saved", Fixtures.PRE_ADDRESS_SAVE));

    boolean failOpen = properties.policyFor("address.saved") == PreHookProperties.Policy.FAIL_OPEN;
    assertThat(decision.proceed()).isEqualTo(failOpen);
    assertThat(decision.checks())
        .anySatisfy(
            check -> {
              assertThat(check.name()).isEqualTo("deadline");
              assertThat(check.outcome()).isEqualTo("unchecked");
              assertThat(check.detail()).contains("503");
            });
    // the built-in checks that did finish are kept in the record
    assertThat(decision.checks())
        .extracting(PreHookDecision.Check::name)
        .contains("address-built-in");
  }

  private static PreHookFindings findings(Object property) {
    return (PreHookFindings) property;
  }
}
