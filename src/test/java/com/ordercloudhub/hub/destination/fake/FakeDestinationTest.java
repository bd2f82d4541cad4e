package com.ordercloudhub.hub.destination.fake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ordercloudhub.hub.support.Fixtures;
import com.ordercloudhub.hub.support.HubClient;
import com.ordercloudhub.hub.support.Legs;
import com.ordercloudhub.hub.support.Payloads;
import com.ordercloudhub.hub.support.Webhooks;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * Adding a destination needs no change to delivery/, dryrun/ or routecheck/: a test-only
 * destination (a {@link FakeDestination} bean and routes/fake/fake.camel.yaml) gets its legs
 * planned and attempted, its mappings read its settings, its own exceptions are classified by its
 * own rules (one permanent, one retried), and a dry run shows its call as it describes it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(
    locations = "classpath:hub-test.properties",
    properties = {
      "camel.main.routes-include-pattern=file:routes/shared/*.camel.yaml,"
          + "file:routes/inbound/*.camel.yaml,file:routes/prehooks/*.camel.yaml,"
          + "file:routes/events/*.camel.yaml,file:routes/destinations/*.camel.yaml,"
          + "file:src/test/resources/routes/fake/*.camel.yaml",
      "hub.events.catalogue[0].event=test.fake",
      "hub.events.catalogue[0].routes[0]=POST v1/test/fakes",
      "hub.delivery.destinations.fake.retry-schedule=1h",
      "hub.delivery.poll-interval=200ms"
    })
class FakeDestinationTest {

  static final String POST = "/webhooks/ordercloud/post";

  @TestConfiguration
  static class FakePackage {
    @Bean
    FakeDestination fakeDestination() {
      return new FakeDestination();
    }

    @Bean
    FakeSystem fakeSystem() {
      return new FakeSystem();
    }
  }

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired FakeSystem system;
  HubClient hub;
  Legs legs;

  @BeforeEach
  void connect() {
    hub = new HubClient(port);
    legs = new Legs(jdbc);
  }

  static ObjectNode call(String orderId, String outcome) {
    ObjectNode body =
        Fixtures.mapper().createObjectNode().put("ID", orderId).put("Outcome", outcome);
    return Webhooks.webhook("v1/test/fakes", "POST", Map.of(), body, body);
  }

  String store(ObjectNode call) {
    HttpResponse<String> answer = hub.signed(POST, Payloads.bytes(call));
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
    return Fixtures.json(answer.body().getBytes(StandardCharsets.UTF_8)).get("eventId").asText();
  }

  @Test
  void itsLegIsPlannedAndDeliveredWithItsOwnMappingSettings() {
    String orderId = "F-" + UUID.randomUUID();

    String eventId = store(call(orderId, "accept"));

    legs.awaitStatus(eventId, "fake", "delivered");
    assertThat(system.received)
        .anySatisfy(
            body -> {
              assertThat(body.at("/Response/Body/ID").asText()).isEqualTo(orderId);
              assertThat(body.at("/hub/settings/greeting").asText()).isEqualTo("hello test.fake");
            });
  }

  @Test
  void itsOwnPermanentFailureMakesTheLegDeadWithItsMessage() {
    String orderId = "F-" + UUID.randomUUID();

    Map<String, Object> leg = legs.awaitStatus(store(call(orderId, "refuse")), "fake", "dead");

    assertThat(leg.get("last_error")).isEqualTo("The fake system refused " + orderId);
  }

  @Test
  void itsOwnTransientFailureIsRetriedWithItsMessage() {
    String orderId = "F-" + UUID.randomUUID();

    Map<String, Object> leg = legs.awaitStatus(store(call(orderId, "busy")), "fake", "retrying");

    assertThat(leg.get("last_error")).isEqualTo("The fake system is busy with " + orderId);
  }

  @Test
  void aDryRunShowsItsCallAsItDescribesItAndDoesNotMakeIt() {
    String orderId = "F-" + UUID.randomUUID();
    int before = system.received.size();

    HttpResponse<String> answer =
        hub.opsPost("/api/simulate", Payloads.bytes(call(orderId, "accept")));

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    JsonNode simulation = Fixtures.json(answer.body().getBytes(StandardCharsets.UTF_8));
    JsonNode leg = simulation.get("destinations").get(0);
    assertThat(leg.get("destination").asText()).isEqualTo("fake");
    assertThat(leg.get("status").asText()).isEqualTo("delivered");
    assertThat(leg.get("requests")).hasSize(1);
    assertThat(leg.get("requests").get(0).get("system").asText()).isEqualTo("fake");
    assertThat(leg.get("requests").get(0).get("order").asText()).isEqualTo(orderId);
    assertThat(system.received).hasSize(before);
  }
}
