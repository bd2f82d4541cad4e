package com.ordercloudhub.hub.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ordercloudhub.hub.support.Fixtures;
import com.ordercloudhub.hub.support.HubClient;
import com.ordercloudhub.hub.support.HubTest;
import com.ordercloudhub.hub.support.Payloads;
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
 * Pre-hooks and health have a socket of their own: with every request thread of the main port taken
 * (post-hooks waiting on a store that has no connection to give), the priority port still answers
 * them, and nothing else.
 */
@HubTest
@TestPropertySource(
    properties = {
      "server.tomcat.threads.max=4",
      "server.tomcat.threads.min-spare=2",
      "hub.inbound.threads=4",
      "spring.datasource.hikari.maximum-pool-size=4"
    })
class PriorityPortTest {

  @LocalServerPort int port;
  @Autowired PriorityPort priority;
  @Autowired DataSource dataSource;
  @Autowired MeterRegistry meters;

  @Test
  void withEveryThreadOfTheMainPortTakenThePriorityPortAnswersPreHooksAndHealthOnly()
      throws Exception {
    HubClient fast = new HubClient(priority.localPort());
    assertThat(priority.localPort()).isPositive().isNotEqualTo(port);
    HttpClient client = HttpClient.newHttpClient();
    List<Connection> held = new ArrayList<>();
    List<CompletableFuture<HttpResponse<String>>> stuck = new ArrayList<>();
    try {
      for (int i = 0; i < 4; i++) {
        held.add(dataSource.getConnection());
      }
      for (int i = 0; i < 4; i++) {
        stuck.add(
            client.sendAsync(
                new HubClient(port).signedPostHook("main-" + UUID.randomUUID()),
                HttpResponse.BodyHandlers.ofString()));
      }
      // all four request threads of the main port are in the store, waiting for a connection
      await()
          .until(
              () -> meters.get("hub.inbound.running").tag("lane", "posthook").gauge().value() == 4);

      HttpResponse<String> preHook =
          fast.post(
              "/webhooks/ordercloud/pre",
              Fixtures.bytes(Fixtures.PRE_ORDER_SUBMIT),
              Fixtures.hashes().get(Fixtures.PRE_ORDER_SUBMIT));
      assertThat(preHook.statusCode()).isEqualTo(200);
      assertThat(preHook.body()).contains("\"proceed\"");
      assertThat(fast.get("/actuator/health/liveness").statusCode()).isEqualTo(200);

      HttpResponse<String> elsewhere =
          fast.signed(
              "/webhooks/ordercloud/post",
              Payloads.fresh(Fixtures.POST_ORDER_SUBMIT, "priority-" + UUID.randomUUID()));
      assertThat(elsewhere.statusCode()).isEqualTo(404);
      assertThat(fast.get("/api/events").statusCode()).isEqualTo(404);
    } finally {
      for (Connection connection : held) {
        connection.close();
      }
    }
    for (CompletableFuture<HttpResponse<String>> call : stuck) {
      assertThat(call.get().statusCode()).isEqualTo(202);
    }
  }
}
