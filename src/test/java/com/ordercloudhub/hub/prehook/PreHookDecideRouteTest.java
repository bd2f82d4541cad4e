package com.ordercloudhub.hub.prehook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.same;
import static org.mockito.Mockito.verify;

import com.ordercloudhub.hub.event.ReceivedEvent;
import com.ordercloudhub.hub.support.Fixtures;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * routes/prehooks/prehook-decide.camel.yaml alone: an event type without a route of its own
 * proceeds (saying so) and is counted, and prehook-record-decision hands the decided event to the
 * recorder (mocked: it writes to the database).
 */
@CamelSpringBootTest
@SpringBootTest(
    classes = PreHookRoutes.class,
    properties = {
      "camel.main.routes-include-pattern=" + PreHookRoutes.DECIDE,
      PreHookRoutes.QUIET,
      PreHookRoutes.NO_RUN_CONTROLLER
    })
class PreHookDecideRouteTest {

  @Autowired ProducerTemplate producer;
  @Autowired MeterRegistry meters;

  @MockitoBean(name = "preHookRecorder")
  PreHookRecorder recorder;

  @Test
  void anEventTypeWithoutItsRouteProceedsAndIsCounted() {
    // no routes/prehooks/address-saved.camel.yaml in this context
    ReceivedEvent event = PreHookRoutes.fixture("address.saved", Fixtures.PRE_ADDRESS_SAVE);

    PreHookDecision decision = PreHookRoutes.decide(producer, event);

    assertThat(decision.proceed()).isTrue();
    assertThat(decision.answer().toString()).isEqualTo("{\"proceed\":true}");
    assertThat(decision.checks())
        .singleElement()
        .satisfies(
            check -> {
              assertThat(check.name()).isEqualTo("no-rules");
              assertThat(check.outcome()).isEqualTo("skipped");
            });
    assertThat(
            meters
                .get("hub.prehook.decisions")
                .tag("event", "address.saved")
                .tag("outcome", "proceed")
                .counter()
                .count())
        .isEqualTo(1.0);
  }

  @Test
  void theDecisionIsHandedToTheRecorder() {
    ReceivedEvent event = PreHookRoutes.fixture("order.submitted", Fixtures.PRE_ORDER_SUBMIT);

    Exchange done =
        producer.send("direct:prehook-record-decision", e -> e.getMessage().setBody(event));

    assertThat(done.getException()).isNull();
    verify(recorder).record(same(event), any(Exchange.class));
  }
}
