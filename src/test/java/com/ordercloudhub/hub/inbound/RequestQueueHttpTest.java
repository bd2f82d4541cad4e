package com.ordercloudhub.hub.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ordercloudhub.hub.support.HubClient;
import com.ordercloudhub.hub.support.HubTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * The main port's request queue is bounded: with its request threads taken and its queue full, a
 * webhook call is answered 503 at once instead of waiting behind the others; health still answers
 * (it runs on the overflow threads); the queued calls are served once threads are free.
 */
@HubTest
@TestPropertySource(
    properties = {
      "server.tomcat.threads.max=2",
      "server.tomcat.threads.min-spare=2",
      "hub.inbound.request-queue=2",
      "hub.inbound.threads=2",
      "spring.datasource.hikari.maximum-pool-size=4",
      // the calls held in their routes wait for a connection until the test gives them back
      "spring.datasource.hikari.connection-timeout=30000"
    })
class RequestQueueHttpTest {

  private static final String POST = "/webhooks/ordercloud/post";

  @LocalServerPort int port;
  @Autowired DataSource dataSource;
  @Autowired MeterRegistry meters;

  @Test
  void withItsThreadsTakenAndItsQueueFullTheMainPortRefusesAtOnceAndServesTheQueuedLater()
      throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    HubClient hub = new HubClient(port);
    List<Connection> held = new ArrayList<>();
    List<CompletableFuture<HttpResponse<String>>> served = new ArrayList<>();
    try {
      // the store cannot get a connection: both request threads stay in their post-hooks' routes
      for (int i = 0; i < 4; i++) {
        held.add(dataSource.getConnection());
      }
      for (int i = 0; i < 2; i++) {
        served.add(
            client.sendAsync(
                hub.signedPostHook("queue-" + UUID.randomUUID()),
                HttpResponse.BodyHandlers.ofString()));
      }
      await()
          .until(
              () -> meters.get("hub.inbound.running").tag("lane", "posthook").gauge().value() == 2);
      for (int i = 0; i < 2; i++) {
        served.add(
            client.sendAsync(
                hub.signedPostHook("queue-" + UUID.randomUUID()),
                HttpResponse.BodyHandlers.ofString()));
      }
      await().until(() -> meters.get("hub.inbound.request.queue").gauge().value() == 2);

      HttpResponse<String> refused =
          client.send(
              hub.signedPostHook("queue-" + UUID.randomUUID()),
              HttpResponse.BodyHandlers.ofString());
      HttpResponse<String> health = new HubClient(port).get("/actuator/health/liveness");

      assertThat(refused.statusCode()).isEqualTo(503);
      assertThat(refused.body()).contains("\"error\":\"overloaded\"");
      assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(
              meters
                  .get("hub.inbound.refused")
                  .tag("reason", "request_queue_full")
                  .counter()
                  .count())
          .isEqualTo(1);
    } finally {
      for (Connection connection : held) {
        connection.close();
      }
    }
    for (CompletableFuture<HttpResponse<String>> call : served) {
      assertThat(call.get().statusCode()).isEqualTo(202);
    }
  }
}
