package com.ordercloudhub.hub.prehook;

import com.ordercloudhub.hub.event.ReceivedEvent;
import com.ordercloudhub.hub.support.Payloads;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * A pre-hook route with what decides it and nothing else of the hub: routes/prehooks/
 * prehook-decide.camel.yaml, the decider with its check workers and the budgets and policies from
 * ./application.yaml. Each test adds its route file (routes-include-pattern) and its checks bean;
 * what leaves the process (the decision's record in the database, the OrderCloud API, the ERP) it
 * mocks.
 *
 * <p>No @Configuration: the whole-hub tests' component scan must not pick it up (the test names
 * it).
 */
@ImportAutoConfiguration({CamelAutoConfiguration.class, JacksonAutoConfiguration.class})
@EnableConfigurationProperties(PreHookProperties.class)
@Import({PreHooks.class, PreHookConfig.class})
class PreHookRoutes {

  static final String DECIDE = "file:routes/prehooks/prehook-decide.camel.yaml";

  /** The pattern loading the decide route and {@code file}, e.g. address-saved. */
  static final String ROUTES = "camel.main.routes-include-pattern=" + DECIDE + ",";

  static final String QUIET = "camel.main.jmx-enabled=false";

  static final String NO_RUN_CONTROLLER = "camel.springboot.main-run-controller=false";

  @Bean
  MeterRegistry meters() {
    return new SimpleMeterRegistry();
  }

  /** A shared fixture as the inbound route hands it to prehook-decide: parsed and classified. */
  static ReceivedEvent fixture(String eventType, String fixture) {
    var payload = Payloads.node(fixture);
    return PreHookEvents.event(
        eventType, payload.path("Route").asText(), payload.path("Verb").asText(), payload);
  }

  /** Decides the pre-hook as the inbound route does, through direct:prehook-decide. */
  static PreHookDecision decide(ProducerTemplate producer, ReceivedEvent event) {
    Exchange done = producer.send("direct:prehook-decide", e -> e.getMessage().setBody(event));
    if (done.getException() != null) {
      throw new AssertionError("prehook-decide failed", done.getException());
    }
    return done.getProperty(PreHookDecision.PROPERTY, PreHookDecision.class);
  }
}
