package com.ordercloudhub.hub.routecheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The catch-all route reads the list the route check reads: every type in application.yaml's {@code
 * hub.events.unrouted} takes the quiet branch ({@code event-catch-all-known}), any other type the
 * warning. The shipped route file runs in a bare Camel context, its two log steps advised to report
 * to mocks.
 */
class UnroutedSettingTest {

  private static final Path CATCH_ALL = Path.of("routes/events/catch-all.camel.yaml");

  /** Stands in for routes/shared/delivery.camel.yaml's configuration, which needs the hub. */
  private static final String EVENT_ROUTING =
      """
      - routeConfiguration:
          id: event-routing
      """;

  private final CamelContext camel = new DefaultCamelContext();
  private List<String> unrouted;

  @BeforeEach
  void loadTheCatchAll() throws Exception {
    String list =
        new ApplicationYamlSettings(Path.of("application.yaml"))
            .value(CatalogueCoverageRule.UNROUTED)
            .orElseThrow();
    unrouted = Arrays.asList(list.split(","));
    Properties properties = new Properties();
    properties.setProperty(CatalogueCoverageRule.UNROUTED, list);
    camel.getPropertiesComponent().setInitialProperties(properties);
    PluginHelper.getRoutesLoader(camel)
        .loadRoutes(
            ResourceHelper.fromString("memory:event-routing.camel.yaml", EVENT_ROUTING),
            ResourceHelper.fromString("file:" + CATCH_ALL, Files.readString(CATCH_ALL)));
    AdviceWith.adviceWith(
        camel,
        "event-catch-all",
        route -> {
          route.weaveById("event-catch-all-log").after().to("mock:unrouted");
          route.weaveById("event-catch-all-warn").after().to("mock:unexpected");
        });
    camel.start();
  }

  @AfterEach
  void stop() {
    camel.stop();
  }

  @Test
  void listedTypesAreQuietAndOthersWarn() throws Exception {
    MockEndpoint quiet = camel.getEndpoint("mock:unrouted", MockEndpoint.class);
    MockEndpoint warned = camel.getEndpoint("mock:unexpected", MockEndpoint.class);
    quiet.expectedMessageCount(unrouted.size());
    warned.expectedHeaderReceived("hubEventType", "order.exploded");

    ProducerTemplate producer = camel.createProducerTemplate();
    for (String type : unrouted) {
      producer.sendBodyAndHeader("direct:event-catch-all", "{}", "hubEventType", type);
    }
    producer.sendBodyAndHeader("direct:event-catch-all", "{}", "hubEventType", "order.exploded");

    assertThat(unrouted).contains("payment.created", "unclassified");
    quiet.assertIsSatisfied();
    warned.assertIsSatisfied();
    assertThat(quiet.getReceivedExchanges())
        .extracting(e -> e.getMessage().getHeader("hubEventType", String.class))
        .containsExactlyElementsOf(unrouted);
  }
}
