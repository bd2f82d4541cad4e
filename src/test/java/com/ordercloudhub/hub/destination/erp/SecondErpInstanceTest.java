package com.ordercloudhub.hub.destination.erp;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.ordercloudhub.hub.support.Fixtures;
import com.ordercloudhub.hub.support.HubClient;
import com.ordercloudhub.hub.support.HubTest;
import com.ordercloudhub.hub.support.Legs;
import com.ordercloudhub.hub.support.Payloads;
import com.ordercloudhub.hub.support.Webhooks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A second ERP is configuration plus a route file: {@code hub.erp.erp-eu.*} pointing at a second
 * WireMock, and a copy of routes/destinations/erp.camel.yaml with its ids, direct names and
 * placeholders renamed (made here from the real file, as the README says). Canceled orders go to
 * erp-eu, submitted ones to erp: each ERP receives only its own legs, with its own authentication.
 */
@HubTest
class SecondErpInstanceTest {

  static final String POST = "/webhooks/ordercloud/post";

  static final WireMockServer erp = ErpDestinationTest.started();
  static final WireMockServer erpEu = ErpDestinationTest.started();
  static final Path copy = copyOfErpRoutes();

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;

  static {
    for (WireMockServer server : List.of(erp, erpEu)) {
      server.stubFor(
          any(anyUrl())
              .willReturn(
                  aResponse()
                      .withStatus(201)
                      .withHeader("Content-Type", "application/json")
                      .withBody("{}")));
    }
  }

  @DynamicPropertySource
  static void systems(DynamicPropertyRegistry registry) {
    registry.add("ERP_BASE_URL", () -> ErpDestinationTest.url(erp) + "/api/");
    registry.add("ERP_AUTH", () -> "bearer");
    registry.add("ERP_TOKEN", () -> "first-token");
    registry.add("hub.erp.erp-eu.base-url", () -> ErpDestinationTest.url(erpEu));
    registry.add("hub.erp.erp-eu.auth", () -> "bearer");
    registry.add("hub.erp.erp-eu.token", () -> "eu-token");
    registry.add(
        "camel.main.routes-include-pattern",
        () ->
            "file:routes/shared/*.camel.yaml,file:routes/inbound/*.camel.yaml,"
                + "file:routes/prehooks/*.camel.yaml,file:routes/events/*.camel.yaml,"
                + "file:routes/destinations/*.camel.yaml,"
                + "file:src/test/resources/routes/erp-eu/*.camel.yaml,file:"
                + copy
                + "/*.camel.yaml");
    registry.add(
        "camel.main.routes-exclude-pattern", () -> "file:routes/events/order-canceled.camel.yaml");
    registry.add("hub.delivery.poll-interval", () -> "200ms");
  }

  /** erp.camel.yaml as an integrator copies it for instance erp-eu. */
  static Path copyOfErpRoutes() {
    try {
      String routes = Files.readString(Path.of("routes/destinations/erp.camel.yaml"));
      String eu =
          routes.replaceAll("\\berp-", "erp-eu-").replace("{{hub.erp.erp.", "{{hub.erp.erp-eu.");
      Path folder =
          Files.createTempDirectory(Files.createDirectories(Path.of("target")), "erp-eu-");
      Files.writeString(folder.resolve("erp-eu.camel.yaml"), eu);
      return folder.toAbsolutePath();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String store(byte[] body, HubClient hub) {
    HttpResponse<String> answer = hub.signed(POST, body);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
    return Fixtures.json(answer.body().getBytes(StandardCharsets.UTF_8)).get("eventId").asText();
  }

  @Test
  void eachInstanceReceivesOnlyItsOwnLegs() {
    HubClient hub = new HubClient(port);
    Legs legs = new Legs(jdbc);
    String submittedId = "SO-" + UUID.randomUUID();
    String canceledId = "SO-" + UUID.randomUUID();

    String submitted = store(Payloads.bytes(Webhooks.orderSubmitted(submittedId)), hub);
    String canceled = store(Payloads.bytes(Webhooks.orderCanceled(canceledId)), hub);

    legs.awaitStatus(submitted, "erp", "delivered");
    legs.awaitStatus(canceled, "erp-eu", "delivered");
    assertThat(legs.of(canceled, "erp")).isEmpty();
    assertThat(legs.of(submitted, "erp-eu")).isEmpty();

    List<LoggedRequest> eu = erpEu.findAll(anyRequestedFor(anyUrl()));
    assertThat(eu).hasSize(1);
    assertThat(eu.get(0).getUrl()).isEqualTo("/sales-orders/" + canceledId + "/cancel");
    assertThat(eu.get(0).getHeader("Authorization")).isEqualTo("Bearer eu-token");
    assertThat(eu.get(0).getHeader("Idempotency-Key")).isEqualTo(canceled + ":erp-eu");

    List<LoggedRequest> first = erp.findAll(anyRequestedFor(anyUrl()));
    assertThat(first).extracting(LoggedRequest::getUrl).containsOnly("/api/sales-orders");
    assertThat(first.get(0).getHeader("Authorization")).isEqualTo("Bearer first-token");
  }
}
