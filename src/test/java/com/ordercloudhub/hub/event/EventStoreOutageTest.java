package com.ordercloudhub.hub.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ordercloudhub.hub.support.Fixtures;
import com.ordercloudhub.hub.support.HubClient;
import com.ordercloudhub.hub.support.HubTest;
import com.ordercloudhub.hub.support.Payloads;
import com.ordercloudhub.hub.support.RestartablePostgres;
import com.ordercloudhub.hub.support.StoreProbe;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With the database down, a post-hook is answered 503 (OrderCloud sees the failure) and nothing is
 * half-stored; pre-hooks are still answered; when the database returns, intake resumes.
 */
@HubTest
class EventStoreOutageTest {

  static RestartablePostgres postgres;

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;

  @DynamicPropertySource
  static void ownPostgres(DynamicPropertyRegistry registry) throws IOException {
    postgres = RestartablePostgres.startFor(registry, "pg-outage-");
  }

  @AfterAll
  static void stop() throws IOException {
    postgres.stop();
  }

  @Test
  void aPostHookDuringAnOutageIs503AndNothingIsStoredThenIntakeResumes() throws IOException {
    HubClient hub = new HubClient(port);
    String lostLogId = UUID.randomUUID().toString();
    assertThat(
            hub.signed("/webhooks/ordercloud/post", Payloads.fresh(Fixtures.POST_ORDER_SUBMIT))
                .statusCode())
        .isEqualTo(202);

    postgres.stop();
    HttpResponse<String> duringOutage =
        hub.signed(
            "/webhooks/ordercloud/post", Payloads.fresh(Fixtures.POST_ORDER_SUBMIT, lostLogId));
    HttpResponse<String> preHook =
        hub.signed("/webhooks/ordercloud/pre", Payloads.fresh(Fixtures.PRE_ADDRESS_SAVE));

    assertThat(duringOutage.statusCode()).isEqualTo(503);
    assertThat(
            Fixtures.json(duringOutage.body().getBytes(StandardCharsets.UTF_8))
                .get("error")
                .asText())
        .isEqualTo("store_unavailable");
    assertThat(preHook.statusCode()).isEqualTo(200);
    assertThat(preHook.body()).isEqualTo("{\"proceed\":true}");

    postgres.start();
    // intake resumes once the pool has replaced the connections the outage broke
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(
                        hub.signed(
                                "/webhooks/ordercloud/post",
                                Payloads.fresh(Fixtures.POST_ORDER_SUBMIT))
                            .statusCode())
                    .isEqualTo(202));
    assertThat(new StoreProbe(jdbc).eventsWithLogId(lostLogId)).isZero();
  }

  /**
   * Readiness follows the database: DOWN (503) while it is stopped, so a load balancer stops
   * sending OrderCloud's calls here, and UP again when it returns; liveness stays UP throughout (a
   * database outage is no reason to restart the hub).
   */
  @Test
  void readinessGoesDownWithTheDatabaseAndUpWhenItReturns() throws IOException {
    HubClient hub = new HubClient(port);
    // ready to begin with (also after the other test's outage)
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> assertThat(hub.get("/actuator/health/readiness").statusCode()).isEqualTo(200));

    postgres.stop();
    try {
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                HttpResponse<String> ready = hub.get("/actuator/health/readiness");
                assertThat(ready.statusCode()).as(ready.body()).isEqualTo(503);
                assertThat(ready.body()).contains("\"status\":\"DOWN\"");
              });
      HttpResponse<String> details = hub.opsGet("/actuator/health/readiness");
      assertThat(details.body()).contains("\"db\":{\"status\":\"DOWN\"");
      assertThat(hub.get("/actuator/health/liveness").statusCode()).isEqualTo(200);
    } finally {
      postgres.start();
    }

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> assertThat(hub.get("/actuator/health/readiness").statusCode()).isEqualTo(200));
  }
}
