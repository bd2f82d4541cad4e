package com.ordercloudhub.hub.prehook;

import static org.assertj.core.api.Assertions.assertThat;

import com.ordercloudhub.hub.delivery.DryRun;
import com.ordercloudhub.hub.event.ReceivedEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.direct.DirectComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * One decide path: a pre-hook answered to OrderCloud and a dry run run the same event type's route
 * and reach the same decision; only the dry run's flag, and the budget and metrics of a real
 * answer, differ. Routes here stand in for routes/prehooks/.
 */
class PreHooksDecideTest {

  final List<Boolean> routeSawDryRun = new CopyOnWriteArrayList<>();
  final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  final ThreadPoolTaskExecutor workers = new ThreadPoolTaskExecutor();
  CamelContext camel;
  PreHooks preHooks;

  @BeforeEach
  void preHookRoutes() throws Exception {
    camel = new DefaultCamelContext();
    camel.getComponent("direct", DirectComponent.class).setBlock(false);
    camel.addRoutes(
        new RouteBuilder() {
          @Override
          public void configure() {
            from("direct:prehook-address-saved")
                .routeId("prehook-address-saved")
                .process(
                    e -> {
                      routeSawDryRun.add(DryRun.active(e));
                      DryRun.note(e, "address service not called");
                      PreHookFindings findings =
                          e.getProperty(PreHookFindings.PROPERTY, PreHookFindings.class);
                      ReceivedEvent event = e.getMessage().getBody(ReceivedEvent.class);
                      if (event.payload().at("/Request/Body/Zip").isMissingNode()) {
                        findings.failed("address-required-fields", "Zip", "ZIP is required");
                      } else {
                        findings.passed("address-required-fields", "all present");
                      }
                    });
            from("direct:prehook-order-submitted")
                .routeId("prehook-order-submitted")
                .process(
                    e -> {
                      routeSawDryRun.add(DryRun.active(e));
                      e.getProperty(PreHookFindings.PROPERTY, PreHookFindings.class)
                          .passed("order-total", "within limits");
                      throw new IllegalStateException("ERP unreachable");
                    });
          }
        });
    camel.start();
    workers.setCorePoolSize(2);
    workers.initialize();
    preHooks =
        new PreHooks(
            camel, camel.createProducerTemplate(), PreHookEvents.properties(), workers, meters);
  }

  @AfterEach
  void stop() throws Exception {
    workers.shutdown();
    camel.close();
  }

  Exchange arrived(ReceivedEvent event) {
    Exchange exchange = new DefaultExchange(camel);
    exchange.getMessage().setBody(event);
    return exchange;
  }

  static ReceivedEvent addressWithoutZip() {
    return PreHookEvents.addressSaved("PUT", PreHookEvents.json("{\"City\":\"Minneapolis\"}"));
  }

  @Test
  void aDryRunDecidesAsTheAnswerDoes() {
    ReceivedEvent blocked = addressWithoutZip();
    ReceivedEvent fine =
        PreHookEvents.addressSaved(
            "PUT", PreHookEvents.json("{\"City\":\"Minneapolis\",\"Zip\":\"55425\"}"));

    PreHookDecision answered = preHooks.decide(arrived(blocked));
    PreHookDecision dryRun = preHooks.dryRun(blocked, new DryRun());

    assertThat(answered.proceed()).isFalse();
    assertThat(answered.body().at("/errors/0/field").asText()).isEqualTo("Zip");
    assertThat(dryRun).isEqualTo(answered);
    assertThat(preHooks.dryRun(fine, new DryRun()))
        .isEqualTo(preHooks.decide(arrived(fine)))
        .extracting(PreHookDecision::proceed)
        .isEqualTo(true);
  }

  @Test
  void onlyTheDryRunsRouteSeesTheFlagAndItsNotesGoToTheRun() {
    DryRun run = new DryRun();

    preHooks.decide(arrived(addressWithoutZip()));
    preHooks.dryRun(addressWithoutZip(), run);

    assertThat(routeSawDryRun).containsExactly(false, true);
    assertThat(run.notes()).containsExactly("address service not called");
  }

  @Test
  void anAnswerIsMeasuredAndADryRunIsNot() {
    preHooks.dryRun(addressWithoutZip(), new DryRun());
    assertThat(meters.getMeters()).isEmpty();

    Exchange exchange = arrived(addressWithoutZip());
    PreHookDecision decision = preHooks.decide(exchange);

    // counted under its own outcome (block, or proceed when a loaded machine ran out of budget)
    assertThat(
            meters
                .get("hub.prehook.decisions")
                .tag("event", "address.saved")
                .tag("outcome", decision.proceed() ? "proceed" : "block")
                .counter()
                .count())
        .isEqualTo(1.0);
    assertThat(meters.get("hub.prehook.latency").tag("event", "address.saved").timer().count())
        .isEqualTo(1);
    assertThat(exchange.getProperty(PreHooks.ELAPSED_MS, Long.class)).isNotNull();
  }

  @Test
  void aFailingRouteIsAnsweredByThePolicyInBoth() {
    ReceivedEvent order = PreHookEvents.orderSubmitted(null);

    PreHookDecision answered = preHooks.decide(arrived(order));
    PreHookDecision dryRun = preHooks.dryRun(order, new DryRun());

    // order.submitted is fail-closed: block, ask to retry, keep what was found before the failure
    assertThat(answered.proceed()).isFalse();
    assertThat(answered.body().get("message").asText()).isEqualTo(PreHooks.RETRY_MESSAGE);
    assertThat(answered.checks())
        .extracting(PreHookDecision.Check::name, PreHookDecision.Check::outcome)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("order-total", "passed"),
            org.assertj.core.groups.Tuple.tuple("deadline", "unchecked"));
    assertThat(answered.checks().get(1).detail()).isEqualTo("not checked: ERP unreachable");
    assertThat(dryRun).isEqualTo(answered);
  }

  @Test
  void anEventTypeWithoutARouteProceedsInBoth() {
    ReceivedEvent user = PreHookEvents.userCreated("ACME", "jo@example.com");

    PreHookDecision answered = preHooks.decide(arrived(user));

    assertThat(answered.proceed()).isTrue();
    assertThat(answered.checks())
        .containsExactly(
            new PreHookDecision.Check("no-rules", "skipped", "no pre-hook rules for user.created"));
    assertThat(preHooks.dryRun(user, new DryRun())).isEqualTo(answered);
    assertThat(routeSawDryRun).isEmpty();
  }
}
