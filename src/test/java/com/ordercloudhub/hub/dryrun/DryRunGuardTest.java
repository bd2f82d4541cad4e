package com.ordercloudhub.hub.dryrun;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.ordercloudhub.hub.config.SecretRule;
import com.ordercloudhub.hub.delivery.Destination;
import com.ordercloudhub.hub.delivery.DryRun;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.mock.MockComponent;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A dry-run exchange sent to an endpoint outside the hub is recorded and never reaches the real
 * producer; an ordinary exchange goes through; local endpoints are left as they are.
 */
class DryRunGuardTest {

  static final String JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJkcnkifQ.c2lnbmF0dXJl";

  final DefaultCamelContext camel = new DefaultCamelContext();
  final ObjectMapper mapper = new ObjectMapper();
  ProducerTemplate template;

  @BeforeEach
  void start() {
    new DryRunGuard(camel, new DryRunCalls(List.of(), mapper, SecretRule.defaults()), false);
    // "outside" stands for any component that leaves the process (http, salesforce, smtp, sql)
    camel.addComponent("outside", new MockComponent());
    camel.start();
    template = camel.createProducerTemplate();
  }

  @AfterEach
  void stop() {
    camel.stop();
  }

  MockEndpoint real(Endpoint guarded) {
    assertThat(guarded).isInstanceOf(DryRunGuard.Guarded.class);
    return (MockEndpoint) ((DryRunGuard.Guarded) guarded).real();
  }

  @Test
  void anOrdinaryExchangeReachesTheRealEndpoint() {
    Endpoint endpoint = camel.getEndpoint("outside:erp");

    template.sendBody(endpoint, "{\"ID\":\"SO-1\"}");

    assertThat(real(endpoint).getReceivedCounter()).isEqualTo(1);
    assertThat(real(endpoint).getReceivedExchanges().get(0).getMessage().getBody())
        .isEqualTo("{\"ID\":\"SO-1\"}");
  }

  @Test
  void aDryRunIsRecordedWithItsSecretsMaskedAndNeverSent() {
    Endpoint endpoint = camel.getEndpoint("outside:erp");
    DryRun run = new DryRun();
    Exchange exchange = new DefaultExchange(camel);
    run.flag(exchange);
    exchange.getMessage().setBody("{\"ID\":\"SO-1\",\"Total\":1234567890123.4567,\"Tax\":172.80}");
    exchange.getMessage().setHeader("Authorization", "Bearer " + JWT);
    exchange.getMessage().setHeader("X-Order", "SO-1");
    exchange.getMessage().setHeader("CamelHttpPath", "/internal");
    exchange.getMessage().setHeader("hubEventId", "42");

    template.send(endpoint, exchange);

    assertThat(exchange.getException()).isNull();
    assertThat(real(endpoint).getReceivedCounter()).isZero();
    assertThat(run.calls()).hasSize(1);
    Map<String, Object> call = run.calls().get(0);
    assertThat(call).containsEntry("system", "outside");
    assertThat(call.get("endpoint").toString()).startsWith("outside:").contains("erp");
    assertThat(call.get("headers"))
        .isEqualTo(Map.of("Authorization", "Bearer [redacted]", "X-Order", "SO-1"));
    assertThat(call.toString()).doesNotContain(JWT);
    @SuppressWarnings("unchecked")
    Map<String, Object> body = (Map<String, Object>) call.get("body");
    assertThat(body).containsEntry("ID", "SO-1");
    // the number as it would be sent (ExactJson), not a double's 172.8
    assertThat(body.get("Total").toString()).isEqualTo("1234567890123.4567");
    assertThat(body.get("Tax").toString()).isEqualTo("172.80");
  }

  @Test
  void aDescriptionThatFailsFailsTheExchangeAndStillSendsNothing() {
    DefaultCamelContext other = new DefaultCamelContext();
    Destination broken =
        new Destination() {
          @Override
          public String name() {
            return "broken";
          }

          @Override
          public Optional<Map<String, Object>> describe(Endpoint endpoint, Exchange exchange) {
            throw new IllegalStateException("cannot describe");
          }
        };
    new DryRunGuard(other, new DryRunCalls(List.of(broken), mapper, SecretRule.defaults()), false);
    other.addComponent("outside", new MockComponent());
    other.start();
    try {
      Endpoint endpoint = other.getEndpoint("outside:erp");
      Exchange exchange = new DefaultExchange(other);
      new DryRun().flag(exchange);

      other.createProducerTemplate().send(endpoint, exchange);

      assertThat(exchange.getException()).hasMessage("cannot describe");
      assertThat(real(endpoint).getReceivedCounter()).isZero();
    } finally {
      other.stop();
    }
  }

  @Test
  void localEndpointsAreNotWrapped() {
    assertThat(camel.getEndpoint("mock:seen")).isInstanceOf(MockEndpoint.class);
    assertThat(camel.getEndpoint("direct:crm-upsert-order"))
        .isNotInstanceOf(DryRunGuard.Guarded.class);
  }

  @Test
  void anEndpointIsWrappedOnceAndAskedForAgainIsTheSameGuard() {
    Endpoint endpoint = camel.getEndpoint("outside:erp");
    DryRunGuard guard =
        new DryRunGuard(new DefaultCamelContext(), new DryRunCalls(List.of(), mapper, null), false);

    assertThat(guard.registerEndpoint("outside:erp", endpoint)).isSameAs(endpoint);
    assertThat(camel.getEndpoint("outside:erp")).isSameAs(endpoint);
  }

  @Test
  void theSchemeIsTheTextBeforeTheFirstColonInLowerCase() {
    assertThat(DryRunGuard.scheme("HTTPS://erp.example/orders?x=a:b")).isEqualTo("https");
    assertThat(DryRunGuard.scheme("salesforce:upsertSObject")).isEqualTo("salesforce");
    assertThat(DryRunGuard.scheme("no-colon")).isEmpty();
    assertThat(DryRunGuard.scheme(null)).isEmpty();
  }
}
