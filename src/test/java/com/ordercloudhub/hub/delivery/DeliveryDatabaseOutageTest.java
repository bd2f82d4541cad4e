package com.ordercloudhub.hub.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ordercloudhub.hub.support.DeliveryTest;
import com.ordercloudhub.hub.support.HubClient;
import com.ordercloudhub.hub.support.Legs;
import com.ordercloudhub.hub.support.RestartablePostgres;
import com.ordercloudhub.hub.support.TestDestination;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * PostgreSQL stops while events are being delivered: the destination accepts them, but the hub can
 * record neither that nor give the claims back. Once the database is back, every one is delivered
 * within seconds (each written once at the destination, by its idempotency key), not after the
 * 5-minute lease.
 */
@DeliveryTest
class DeliveryDatabaseOutageTest {

  static final int EVENTS = 7;
  static final TestDestination destination = TestDestination.concurrent(EVENTS);
  static RestartablePostgres postgres;

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired Dispatcher dispatcher;

  @DynamicPropertySource
  static void ownPostgres(DynamicPropertyRegistry registry) throws IOException {
    postgres = RestartablePostgres.startFor(registry, "pg-delivery-outage-");
    registry.add("hub.test.destination-url", destination::url);
    // the production lease: an event whose claim is not given back waits this long
    registry.add("hub.delivery.lease", () -> "5m");
    registry.add("hub.delivery.concurrency", () -> String.valueOf(EVENTS));
  }

  @AfterAll
  static void stop() throws IOException {
    destination.close();
    postgres.stop();
  }

  @Test
  void eventsInFlightWhenTheDatabaseStopsGoWithinSecondsOfItsReturn() throws IOException {
    HubClient hub = new HubClient(port);
    // slow enough that every attempt is still at the destination when the database stops
    destination.answer(TestDestination.after(Duration.ofSeconds(2), 200));
    List<String> events = new ArrayList<>();
    for (int i = 0; i < EVENTS; i++) {
      events.add(hub.postTestDelivery());
    }
    await().atMost(Duration.ofSeconds(20)).until(() -> destination.inProgress() == EVENTS);

    postgres.stop();
    try {
      // each worker gets the 200, fails to record it, and gives up the event
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> events.stream().noneMatch(dispatcher::working));
    } finally {
      postgres.start();
    }
    long back = System.nanoTime();
    destination.answer(TestDestination.ACCEPT);

    Legs legs = new Legs(jdbc);
    await()
        .atMost(Duration.ofSeconds(15))
        .ignoreExceptions() // the pool replaces the connections the outage broke
        .until(
            () -> events.stream().allMatch(e -> "delivered".equals(legs.status(e, "test-http"))));
    Duration tookAfterReturn = Duration.ofNanos(System.nanoTime() - back);
    System.out.println(
        "All " + EVENTS + " events delivered " + tookAfterReturn + " after PostgreSQL was back");

    assertThat(tookAfterReturn).isLessThan(Duration.ofSeconds(15));
    for (String event : events) {
      assertThat(destination.writes(event + ":test-http")).as(event).isEqualTo(1);
    }
    // and the claims are given back
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                events.stream()
                    .allMatch(
                        e ->
                            jdbc.queryForObject(
                                    "SELECT claimed_by FROM hub_event WHERE id = ?",
                                    String.class,
                                    e)
                                == null));
  }
}
