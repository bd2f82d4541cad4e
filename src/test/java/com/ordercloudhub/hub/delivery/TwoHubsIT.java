package com.ordercloudhub.hub.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ordercloudhub.hub.support.EmbeddedPostgresServer;
import com.ordercloudhub.hub.support.Fixtures;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Two packaged hubs (hub-a, hub-b) on one PostgreSQL database share one delivery backlog:
 * post-hooks sent to both (half each) pile up as retrying legs while the destination answers 503,
 * then both dispatchers drain the shared backlog when it recovers. Once the first attempts have
 * failed, which instance retries a leg depends only on who claims the event when it is due, so the
 * drain is a real competition for one queue (hub-b delivering events hub-a received shows it).
 *
 * <p>Asserted: every leg delivered; each exactly once (one 2xx per idempotency key at the
 * destination, one write, one delivered attempt in the ledger, no attempt number made twice on a
 * leg); the destination received exactly as many requests per key as the ledger has attempts (no
 * unrecorded or hidden resends); both instances delivered some legs, and some events were delivered
 * by the hub that did not receive them. The ledger is read from PostgreSQL while the hubs run.
 */
class TwoHubsIT {

  static final int EVENTS = 300;
  static final int SENDERS_PER_HUB = 2;
  static final String DESTINATION = "test-http";

  static TestDestination destination;
  static HubProcess hubA;
  static HubProcess hubB;

  @AfterAll
  static void stop() {
    if (hubA != null) {
      hubA.stop();
    }
    if (hubB != null) {
      hubB.stop();
    }
    if (destination != null) {
      destination.close();
    }
  }

  @Test
  void twoHubsOnOneDatabaseDrainASharedBacklogDeliveringEachLegOnce() throws Exception {
    long started = System.nanoTime();
    destination = TestDestination.concurrent(16);
    destination.answer(key -> 503);
    String url = EmbeddedPostgresServer.newDatabase().replace("//localhost:", "//127.0.0.1:");
    Map<String, String> env =
        Map.of(
            "SPRING_DATASOURCE_URL", url,
            "SPRING_DATASOURCE_USERNAME", "postgres",
            "SPRING_DATASOURCE_PASSWORD", "postgres");
    hubA = HubProcess.start("two-hubs-a", env, arguments("hub-a"));
    hubB = HubProcess.start("two-hubs-b", env, arguments("hub-b"));
    hubA.awaitUp(Duration.ofSeconds(120));
    hubB.awaitUp(Duration.ofSeconds(120));
    long upSeconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);

    // half the post-hooks to each hub; every first attempt fails (503): a backlog of retrying legs
    Map<String, String> receivedBy = new ConcurrentHashMap<>();
    List<String> unexpected = new CopyOnWriteArrayList<>();
    AtomicInteger next = new AtomicInteger();
    ExecutorService senders = Executors.newFixedThreadPool(2 * SENDERS_PER_HUB);
    for (int i = 0; i < 2 * SENDERS_PER_HUB; i++) {
      HubProcess hub = i % 2 == 0 ? hubA : hubB;
      String instance = i % 2 == 0 ? "hub-a" : "hub-b";
      senders.execute(
          () -> {
            while (next.getAndIncrement() < EVENTS) {
              try {
                HttpResponse<String> answer =
                    hub.client.signed(
                        HubProcess.POST_HOOK,
                        Payloads.webhook(
                            "v1/test/deliveries", "POST", UUID.randomUUID().toString()));
                if (answer.statusCode() == 202) {
                  receivedBy.put(
                      Fixtures.json(answer.body().getBytes(StandardCharsets.UTF_8))
                          .get("eventId")
                          .asText(),
                      instance);
                } else {
                  unexpected.add(hub + ": " + answer.statusCode() + " " + answer.body());
                }
              } catch (RuntimeException e) {
                unexpected.add(Instant.now() + " " + hub + ": " + e);
              }
            }
          });
    }
    senders.shutdown();
    assertThat(senders.awaitTermination(60, TimeUnit.SECONDS)).as("post-hooks sent").isTrue();
    assertThat(unexpected).as("answers other than 202; see %s, %s", hubA.log, hubB.log).isEmpty();
    assertThat(receivedBy).hasSize(EVENTS);
    Set<String> keys = new HashSet<>();
    receivedBy.keySet().forEach(id -> keys.add(key(id)));
    await("every leg attempted once and refused; see " + hubA.log + ", " + hubB.log)
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> receiptsPerKey(false).keySet().containsAll(keys));
    long backlogSeconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started) - upSeconds;

    // the destination recovers: both dispatchers drain the shared backlog
    destination.answer(TestDestination.after(Duration.ofMillis(50), 200));
    await("every leg delivered; see " + hubA.log + ", " + hubB.log)
        .atMost(Duration.ofSeconds(45))
        .pollInterval(Duration.ofMillis(250))
        .failFast(
            "a leg is dead; see " + hubA.log + ", " + hubB.log,
            () -> query(url, "SELECT event_id, status FROM hub_delivery_leg").containsValue("dead"))
        .untilAsserted(
            () -> {
              Set<String> missing = new TreeSet<>(receivedBy.keySet());
              query(url, "SELECT event_id, status FROM hub_delivery_leg")
                  .forEach(
                      (id, status) -> {
                        if ("delivered".equals(status)) {
                          missing.remove(id);
                        }
                      });
              assertThat(missing.size())
                  .as(
                      "events whose leg is not delivered, e.g. %s",
                      missing.stream().limit(5).toList())
                  .isZero();
            });

    // the ledger: one leg per event, one delivered attempt per leg, no attempt number made twice
    Map<String, String> legKeys =
        query(url, "SELECT event_id, idempotency_key FROM hub_delivery_leg");
    assertThat(legKeys.size()).as("legs").isEqualTo(EVENTS);
    assertThat(differences(legKeys, receivedBy.keySet(), TwoHubsIT::key))
        .as("legs whose key is not <eventId>:test-http")
        .isEmpty();
    List<Attempt> attempts = attempts(url);
    Map<String, Integer> attemptsByKey = new HashMap<>();
    Map<String, Integer> deliveredAttemptsByKey = new HashMap<>();
    Set<String> attemptNumbers = new HashSet<>();
    List<String> twice = new ArrayList<>();
    for (Attempt attempt : attempts) {
      attemptsByKey.merge(attempt.key(), 1, Integer::sum);
      if (!attemptNumbers.add(attempt.key() + "#" + attempt.number())) {
        twice.add(attempt.toString());
      }
      if ("delivered".equals(attempt.outcome())) {
        deliveredAttemptsByKey.merge(attempt.key(), 1, Integer::sum);
      }
    }
    assertThat(twice).as("attempt numbers made twice on one leg").isEmpty();
    assertThat(differences(deliveredAttemptsByKey, keys, k -> 1))
        .as("legs without exactly one delivered attempt (key: found ≠ expected)")
        .isEmpty();

    // the destination: each key written once and answered 2xx once; one request per attempt
    assertThat(differences(destination.allWrites(), keys, k -> 1))
        .as("keys not written exactly once at the destination")
        .isEmpty();
    assertThat(differences(receiptsPerKey(true), keys, k -> 1))
        .as("keys not answered 2xx exactly once at the destination (delivered twice?)")
        .isEmpty();
    assertThat(differences(receiptsPerKey(false), keys, k -> attemptsByKey.getOrDefault(k, 0)))
        .as(
            "keys the destination received more or less often than the ledger has attempts"
                + " (requests ≠ attempts); see %s, %s",
            hubA.log, hubB.log)
        .isEmpty();

    // both instances delivered part of the shared backlog
    Map<String, Integer> deliveredBy = new HashMap<>();
    Map<String, Integer> failedBy = new HashMap<>();
    int crossed = 0;
    for (Attempt attempt : attempts) {
      if ("delivered".equals(attempt.outcome())) {
        deliveredBy.merge(attempt.instance(), 1, Integer::sum);
        String eventId = attempt.key().substring(0, attempt.key().lastIndexOf(':'));
        crossed += receivedBy.get(eventId).equals(attempt.instance()) ? 0 : 1;
      } else {
        failedBy.merge(attempt.instance(), 1, Integer::sum);
      }
    }
    assertThat(deliveredBy).as("delivered legs per instance").containsOnlyKeys("hub-a", "hub-b");
    assertThat(deliveredBy.values()).allMatch(n -> n > 0);
    assertThat(crossed).as("events delivered by the hub that did not receive them").isPositive();
    System.out.printf(
        "TwoHubsIT: %d post-hooks (%d to hub-a, %d to hub-b) in %d s after both hubs were up in %d"
            + " s; delivered by instance %s, failed attempts (503) by instance %s; %d events"
            + " delivered by the hub that did not receive them; %d requests received; %d s%n",
        EVENTS,
        receivedBy.values().stream().filter("hub-a"::equals).count(),
        receivedBy.values().stream().filter("hub-b"::equals).count(),
        backlogSeconds,
        upSeconds,
        deliveredBy,
        failedBy,
        crossed,
        destination.received().size(),
        TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
  }

  static List<String> arguments(String instance) {
    List<String> arguments = new ArrayList<>(HubProcess.deliveryTestArguments(destination.url()));
    arguments.add("--hub.delivery.instance-id=" + instance);
    arguments.add("--hub.delivery.poll-interval=200ms");
    arguments.add("--hub.delivery.lease=30s");
    arguments.add(
        "--hub.delivery.destinations.test-http.retry-schedule=1s,2s,4s,5s,5s,5s,5s,5s,5s,5s");
    return arguments;
  }

  static String key(String eventId) {
    return DeliveryLedger.idempotencyKey(eventId, DESTINATION);
  }

  /** Requests the destination received per idempotency key (only those answered 2xx, or all). */
  static Map<String, Integer> receiptsPerKey(boolean successfulOnly) {
    Map<String, Integer> counts = new HashMap<>();
    for (TestDestination.Received r : destination.received()) {
      if (!successfulOnly || (r.answeredWith() >= 200 && r.answeredWith() < 300)) {
        counts.merge(r.key(), 1, Integer::sum);
      }
    }
    return counts;
  }

  /**
   * Where {@code actual} differs from {@code expected(key)} for the given keys, plus keys only in
   * {@code actual}: "key: actual ≠ expected", at most ten, for short failure messages.
   */
  static <V> List<String> differences(
      Map<String, V> actual, Set<String> keys, Function<String, Object> expected) {
    List<String> wrong = new ArrayList<>();
    Set<String> all = new TreeSet<>(keys);
    all.addAll(actual.keySet());
    for (String key : all) {
      Object want = keys.contains(key) ? expected.apply(key) : null;
      if (!Objects.equals(actual.get(key), want)) {
        wrong.add(key + ": " + actual.get(key) + " ≠ " + want);
      }
    }
    if (wrong.size() > 10) {
      List<String> first = new ArrayList<>(wrong.subList(0, 10));
      first.add("… " + wrong.size() + " in all");
      return first;
    }
    return wrong;
  }

  record Attempt(String key, int number, String outcome, String instance) {}

  static List<Attempt> attempts(String url) throws SQLException {
    List<Attempt> attempts = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(url, "postgres", "postgres");
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT l.idempotency_key, a.attempt, a.outcome, a.instance"
                    + " FROM hub_delivery_attempt a JOIN hub_delivery_leg l ON l.id = a.leg_id")) {
      while (rs.next()) {
        attempts.add(new Attempt(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4)));
      }
    }
    return attempts;
  }

  /** A two-column query as a map from the first column to the second. */
  static Map<String, String> query(String url, String sql) throws SQLException {
    Map<String, String> rows = new HashMap<>();
    try (Connection c = DriverManager.getConnection(url, "postgres", "postgres");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        rows.put(rs.getString(1), rs.getString(2));
      }
    }
    return rows;
  }
}
