package com.ordercloudhub.hub.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.TestPropertySource;

/**
 * The whole hub ({@link HubTest}) plus a test-only event type, {@code test.delivery} ({@code POST
 * v1/test/deliveries}), routed to an HTTP destination ({@code test-http}) whose URL the test gives
 * as {@code hub.test.destination-url}, with a short retry schedule, and metrics exported.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability(tracing = false) // tests switch metrics export off unless asked
@TestPropertySource(
    locations = "classpath:hub-test.properties",
    properties = {
      "camel.main.routes-include-pattern=file:routes/shared/*.camel.yaml,"
          + "file:routes/inbound/*.camel.yaml,file:routes/prehooks/*.camel.yaml,"
          + "file:routes/events/*.camel.yaml,file:routes/destinations/*.camel.yaml,"
          + "file:src/test/resources/routes/*.camel.yaml",
      "hub.events.catalogue[0].event=test.delivery",
      "hub.events.catalogue[0].routes[0]=POST v1/test/deliveries",
      "hub.delivery.destinations.test-http.retry-schedule=300ms,600ms,1200ms,2400ms,4800ms,9600ms",
      "hub.delivery.poll-interval=200ms",
      "hub.delivery.gauges-interval=500ms"
    })
public @interface DeliveryTest {}
