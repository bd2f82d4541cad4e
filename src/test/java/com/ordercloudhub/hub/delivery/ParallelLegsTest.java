package com.ordercloudhub.hub.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.ordercloudhub.hub.support.DeliveryTest;
import com.ordercloudhub.hub.support.Fixtures;
import com.ordercloudhub.hub.support.HubClient;
import com.ordercloudhub.hub.support.Payloads;
import com.ordercloudhub.hub.support.TestDestination;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * An event's legs to different destinations go out together (issue 17): the peer behind {@code
 * test-a} and {@code test-b} (routes/test-parallel.camel.yaml) answers neither leg of an event
 * until both have arrived, so legs sent one after another would wait out the first call's timeout
 * and retry; sent together, both are delivered at their first attempt. No clock is read: the peer
 * waits for the other request, not for a time.
 */
@DeliveryTest
class ParallelLegsTest {

  /** Handles many requests at once, as a real server does. */
  static final TestDestination peer = TestDestination.concurrent(8);

  /** Per event: both of its requests have arrived. */
  static final Map<String, CountDownLatch> arrived = new ConcurrentHashMap<>();

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  HubClient hub;

  @DynamicPropertySource
  static void routes(DynamicPropertyRegistry registry) {
    registry.add("hub.test.parallel-url", () -> "http://127.0.0.1:" + peer.port());
    registry.add("hub.test.destination-url", () -> "http://127.0.0.1:" + peer.port() + "/unused");
    // a list binds from one property source: @DeliveryTest's entry again, then this test's
    registry.add("hub.events.catalogue[0].event", () -> "test.delivery");
    registry.add("hub.events.catalogue[0].routes[0]", () -> "POST v1/test/deliveries");
    registry.add("hub.events.catalogue[1].event", () -> "test.parallel");
    registry.add("hub.events.catalogue[1].routes[0]", () -> "POST v1/test/parallel");
  }

  @AfterAll
  static void stop() {
    peer.close();
  }

  @BeforeEach
  void connect() {
    hub = new HubClient(port);
    // the idempotency key is <eventId>:<destination>
    peer.answer(
        key -> {
          CountDownLatch both =
              arrived.computeIfAbsent(
                  key.substring(0, key.lastIndexOf(':')), e -> new CountDownLatch(2));
          both.countDown();
          try {
            // longer than the call's 5 s response timeout: one after another cannot pass
            return both.await(8, TimeUnit.SECONDS) ? 200 : 503;
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 503;
          }
        });
  }

  private String send() {
    HttpResponse<String> answer =
        hub.signed(
            "/webhooks/ordercloud/post",
            Payloads.webhook("v1/test/parallel", "POST", UUID.randomUUID().toString()));
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
    JsonNode json = Fixtures.json(answer.body().getBytes(StandardCharsets.UTF_8));
    assertThat(json.get("eventType").asText()).isEqualTo("test.parallel");
    return json.get("eventId").asText();
  }

  @Test
  void anEventsLegsToTwoDestinationsAreSentTogetherAndEachDeliveredAtItsFirstAttempt() {
    List<String> events = List.of(send(), send(), send());

    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                jdbc.queryForObject(
                        "SELECT COUNT(*) FROM hub_delivery_leg WHERE event_id IN (?, ?, ?)"
                            + " AND status = 'delivered'",
                        Integer.class,
                        events.toArray())
                    == 6);

    for (String event : events) {
      assertThat(
              jdbc.queryForList(
                  "SELECT destination, attempts FROM hub_delivery_leg WHERE event_id = ?"
                      + " ORDER BY destination",
                  event))
          .containsExactly(
              Map.of("destination", "test-a", "attempts", 1),
              Map.of("destination", "test-b", "attempts", 1));
      for (String destination : List.of("test-a", "test-b")) {
        assertThat(peer.receivedWithKey(event + ":" + destination))
            .extracting(TestDestination.Received::answeredWith)
            .containsExactly(200);
      }
    }
  }
}
