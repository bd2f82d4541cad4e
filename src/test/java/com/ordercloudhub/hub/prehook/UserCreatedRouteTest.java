package com.ordercloudhub.hub.prehook;

import static org.assertj.core.api.Assertions.assertThat;

import com.ordercloudhub.hub.event.ReceivedEvent;
import java.util.List;
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
 * routes/prehooks/user-created.camel.yaml as a route, decided through prehook-decide: a user of an
 * allowed domain proceeds, another is blocked naming Email, and a check that fails leaves the
 * answer to user.created's policy.
 */
@CamelSpringBootTest
@SpringBootTest(
    classes = {PreHookRoutes.class, UserChecks.class},
    properties = {
      PreHookRoutes.ROUTES + "file:routes/prehooks/user-created.camel.yaml",
      PreHookRoutes.QUIET,
      PreHookRoutes.NO_RUN_CONTROLLER,
      "hub.prehooks.user-created.allowed-domains.ACME=acme.example"
    })
@UseAdviceWith
class UserCreatedRouteTest {

  @Autowired CamelContext camel;
  @Autowired ProducerTemplate producer;
  @Autowired PreHookProperties properties;

  @MockitoBean(name = "preHookRecorder")
  PreHookRecorder recorder;

  /** Sees every exchange the check step finished, and can make it fail. */
  @EndpointInject("mock:after-email-domain")
  MockEndpoint checked;

  @BeforeEach
  void checkObserved() throws Exception {
    if (camel.isStarted()) {
      return;
    }
    AdviceWith.adviceWith(
        camel,
        "prehook-user-created",
        route ->
            route
                .weaveById("prehook-user-created-email-domain")
                .after()
                .to(checked.getEndpointUri()));
    camel.start();
  }

  @AfterEach
  void reset() {
    MockEndpoint.resetMocks(camel);
  }

  @Test
  void aUserOfAnAllowedDomainProceeds() throws Exception {
    checked.expectedMessageCount(1);
    ReceivedEvent event = PreHookEvents.userCreated("ACME", "new.buyer@acme.example");

    PreHookDecision decision = PreHookRoutes.decide(producer, event);

    checked.assertIsSatisfied(5, TimeUnit.SECONDS);
    assertThat(decision.proceed()).isTrue();
    assertThat(decision.checks())
        .singleElement()
        .satisfies(
            check -> {
              assertThat(check.name()).isEqualTo("user-email-domain");
              assertThat(check.outcome()).isEqualTo("passed");
            });
  }

  @Test
  void aUserOfAnotherDomainIsBlockedNamingEmail() throws Exception {
    List<String> allowed = properties.userCreated().allowedDomains().get("ACME");

    PreHookDecision decision =
        PreHookRoutes.decide(
            producer, PreHookEvents.userCreated("ACME", "someone@elsewhere.example"));

    assertThat(decision.proceed()).isFalse();
    assertThat(decision.body().path("errors").get(0).path("field").asText()).isEqualTo("Email");
    assertThat(decision.body().path("errors").get(0).path("message").asText())
        .contains("someone@elsewhere.example")
        .contains(allowed.get(0));
  }

  @Test
  void aBuyerWithoutRulesIsNotChecked() throws Exception {
    PreHookDecision decision =
        PreHookRoutes.decide(producer, PreHookEvents.userCreated("OTHER", "x@elsewhere.example"));

    assertThat(decision.proceed()).isTrue();
    assertThat(decision.checks())
        .singleElement()
        .extracting(PreHookDecision.Check::outcome)
        .isEqualTo("skipped");
  }

  @Test
  void aFailingCheckIsAnsweredByThePolicy() throws Exception {
    checked.whenAnyExchangeReceived(
        e -> {
          throw new IllegalStateException("domain list unreadable");
        });

    PreHookDecision decision =
        PreHookRoutes.decide(
            producer, PreHookEvents.userCreated("ACME", "someone@elsewhere.example"));

    boolean failOpen = properties.policyFor("user.created") == PreHookProperties.Policy.FAIL_OPEN;
    assertThat(decision.proceed()).isEqualTo(failOpen);
    assertThat(decision.checks())
        .anySatisfy(
            check -> {
              assertThat(check.name()).isEqualTo("deadline");
              assertThat(check.outcome()).isEqualTo("unchecked");
              assertThat(check.detail()).contains("domain list unreadable");
            });
  }
}
