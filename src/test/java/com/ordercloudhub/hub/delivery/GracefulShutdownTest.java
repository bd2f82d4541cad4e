package com.ordercloudhub.hub.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ordercloudhub.hub.HubApplication;
import com.ordercloudhub.hub.support.Fixtures;
import com.ordercloudhub.hub.support.HubClient;
import com.ordercloudhub.hub.support.Payloads;
import com.ordercloudhub.hub.support.TestDestination;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A hub that is stopped while deliveries run finishes what it can within its grace period and hands
 * the rest back: no claim is left behind, and a hub started later delivers every leg, each once.
 */
class GracefulShutdownTest {

  private final String database =
      "jdbc:h2:file:./target/test-db/graceful-"
          + UUID.randomUUID()
          + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";

  private ConfigurableApplicationContext start(String instance, TestDestination destination) {
    return new SpringApplicationBuilder(HubApplication.class)
        .run(
            "--OC_HASH_KEYS=" + Fixtures.KEY,
            "--HUB_OPS_USERNAME=" + HubClient.OPS_USER,
            "--HUB_OPS_PASSWORD=" + HubClient.OPS_PASSWORD,
            "--HUB_ENCRYPTION_KEY=dGVzdC1lbmNyeXB0aW9uLWtleS0zMi1ieXRlcy0hISE=",
            "--server.port=0",
            "--spring.datasource.url=" + database,
            "--spring.jmx.enabled=false",
            "--camel.main.jmx-enabled=false",
            "--camel.main.routes-include-pattern=file:routes/shared/*.camel.yaml,"
                + "file:routes/inbound/*.camel.yaml,file:routes/prehooks/*.camel.yaml,"
                + "file:routes/events/*.camel.yaml,file:routes/destinations/*.camel.yaml,"
                + "file:src/test/resources/routes/*.camel.yaml",
            "--hub.events.catalogue[0].event=test.delivery",
            "--hub.events.catalogue[0].routes[0]=POST v1/test/deliveries",
            "--hub.test.destination-url=" + destination.url(),
            "--hub.delivery.instance-id=" + instance,
            "--hub.delivery.concurrency=2",
            "--hub.delivery.poll-interval=200ms",
            "--hub.delivery.shutdown-grace=2s");
  }

  @Test
  void stoppingFinishesOrReleasesClaimedWorkAndALaterHubDeliversTheRestOnce() throws Exception {
    List<String> events = new ArrayList<>();
    try (TestDestination destination = TestDestination.start()) {
      destination.answer(
          key -> {
            LockSupport.parkNanos(Duration.ofMillis(250).toNanos()); // a slow peer
            return 200;
          });
      ConfigurableApplicationContext first = start("hub-first", destination);
      HubClient hub = new HubClient(((WebServerApplicationContext) first).getWebServer().getPort());
      for (int i = 0; i < 30; i++) {
        HttpResponse<String> answer =
            hub.signed(
                "/webhooks/ordercloud/post",
                Payloads.webhook("v1/test/deliveries", "POST", UUID.randomUUID().toString()));
        assertThat(answer.statusCode()).isEqualTo(202);
        events.add(
            Fixtures.json(answer.body().getBytes(StandardCharsets.UTF_8)).get("eventId").asText());
      }
      await().atMost(Duration.ofSeconds(20)).until(() -> destination.allWrites().size() >= 2);

      first.close();

      int deliveredByFirst = destination.allWrites().size();
      assertThat(deliveredByFirst).isLessThan(events.size()); // there was work left to hand back
      try (Connection db = DriverManager.getConnection(database, "sa", "");
          Statement sql = db.createStatement()) {
        assertThat(count(sql, "SELECT COUNT(*) FROM hub_event WHERE claimed_by IS NOT NULL"))
            .as("claims left behind")
            .isZero();
        assertThat(
                count(
                    sql,
                    "SELECT COUNT(*) FROM hub_event WHERE event_type = 'test.delivery'"
                        + " AND dispatch_due_at IS NULL AND id NOT IN (SELECT event_id FROM"
                        + " hub_delivery_leg WHERE status = 'delivered')"))
            .as("events neither delivered nor waiting")
            .isZero();
      }

      destination.answer(TestDestination.ACCEPT);
      try (ConfigurableApplicationContext second = start("hub-second", destination)) {
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> destination.allWrites().size() == events.size());
      }
      for (String event : events) {
        assertThat(destination.writes(event + ":test-http")).as(event).isEqualTo(1);
      }
    }
  }

  private static int count(Statement sql, String query) throws SQLException {
    try (ResultSet rs = sql.executeQuery(query)) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
