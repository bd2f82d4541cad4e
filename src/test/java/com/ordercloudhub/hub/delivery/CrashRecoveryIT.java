package com.ordercloudhub.hub.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.ordercloudhub.hub.support.Fixtures;
import com.ordercloudhub.hub.support.Payloads;
import com.ordercloudhub.hub.support.TestDestination;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged hub, on an H2 file database (the default kind), is killed with SIGKILL while it
 * delivers a stream of post-hooks to a slow destination, then started again on the same database:
 * every event it answered 202 ends delivered, and the destination wrote each idempotency key once
 * (a delivery cut off by the kill is sent again with the same key, which the destination
 * recognises).
 *
 * <p>The restarted hub keeps the killed one's instance id (given explicitly: the default, host and
 * port, would change with the new port), and the lease (2 min) is longer than this test waits, so
 * the claims the dead run left behind are freed by the restarted run itself (at start it releases
 * claims held under its own id), not by their leases expiring: the test also shows that path works.
 * Lease expiry is what frees a dead instance's claims when it does not come back; the claim tests
 * in DeliveryContract cover it.
 *
 * <p>The H2 URL is the one ./application.yaml configures, moved under target/: the test runs on the
 * durability settings operators get.
 */
class CrashRecoveryIT {

  static final int EVENTS = 200;
  static final int SENDERS = 4;
  static final String DESTINATION = "test-http";
  static final String INSTANCE = "crash-recovery-hub";
  static final Duration DESTINATION_PAUSE = Duration.ofMillis(120);
  static final Pattern RELEASED = Pattern.compile("Released (\\d+) claims left by this instance");

  static TestDestination destination;
  static HubProcess first;
  static HubProcess second;

  @AfterAll
  static void stop() {
    if (second != null) {
      second.stop();
    }
    if (first != null) {
      first.stop();
    }
    if (destination != null) {
      destination.close();
    }
  }

  @Test
  void aHubKilledMidDeliveryDeliversEveryAcceptedEventOnceAfterARestart() throws Exception {
    long started = System.nanoTime();
    destination = TestDestination.concurrent(16);
    destination.answer(TestDestination.after(DESTINATION_PAUSE, 200));
    Map<String, String> env =
        Map.of(
            "SPRING_DATASOURCE_URL",
            HubProcess.defaultDatabaseUrlIn("target/it-db/crash-recovery-" + UUID.randomUUID()));
    List<String> arguments = new ArrayList<>(HubProcess.deliveryTestArguments(destination.url()));
    arguments.add("--hub.delivery.instance-id=" + INSTANCE);
    arguments.add("--hub.delivery.lease=2m");
    arguments.add("--hub.delivery.poll-interval=200ms");
    arguments.add(
        "--hub.delivery.destinations.test-http.retry-schedule=500ms,1s,2s,2s,2s,2s,2s,2s,2s,2s");
    first = HubProcess.start("crash-recovery-hub-1", env, arguments);
    first.awaitUp(Duration.ofSeconds(90));
    long upAt = seconds(started);

    // a stream of post-hooks from a few threads; the hub is killed while it is delivering them
    Set<String> answered = ConcurrentHashMap.newKeySet();
    List<String> unexpected = new CopyOnWriteArrayList<>();
    AtomicInteger sent = new AtomicInteger();
    AtomicBoolean killing = new AtomicBoolean();
    ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
    for (int i = 0; i < SENDERS; i++) {
      senders.execute(
          () -> {
            while (!killing.get() && sent.getAndIncrement() < EVENTS) {
              try {
                HttpResponse<String> answer =
                    first.client.signed(
                        HubProcess.POST_HOOK,
                        Payloads.webhook(
                            "v1/test/deliveries", "POST", UUID.randomUUID().toString()));
                if (answer.statusCode() == 202) {
                  answered.add(json(answer.body()).get("eventId").asText());
                } else if (!killing.get()) {
                  unexpected.add(answer.statusCode() + " " + answer.body());
                }
              } catch (RuntimeException e) {
                if (!killing.get()) {
                  unexpected.add(e.toString());
                }
                return;
              }
            }
          });
    }
    senders.shutdown();

    await("a quarter of the events delivered; see " + first.log)
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(5))
        .until(
            () -> {
              assertThat(unexpected).as("answers before the kill; see %s", first.log).isEmpty();
              return destination.allWrites().size() >= EVENTS / 4;
            });
    int inProgressAtKill = destination.inProgress();
    killing.set(true);
    first.kill();
    long killedAt = seconds(started);
    assertThat(senders.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    // requests the dead hub had sent still complete at the destination: they count as written
    await().atMost(Duration.ofSeconds(10)).until(() -> destination.inProgress() == 0);
    int attempted = Math.min(sent.get(), EVENTS);
    Set<String> writtenBeforeRestart = destination.allWrites().keySet();
    Set<String> answeredKeys =
        answered.stream().map(id -> key(id)).collect(Collectors.toCollection(HashSet::new));
    Set<String> undeliveredAtKill = new HashSet<>(answeredKeys);
    undeliveredAtKill.removeAll(writtenBeforeRestart);
    assertThat(unexpected).as("answers before the kill; see %s", first.log).isEmpty();
    assertThat(answered).as("events answered 202; see %s", first.log).isNotEmpty();
    assertThat(undeliveredAtKill)
        .as("answered events not yet delivered when the hub was killed (else this proves nothing)")
        .isNotEmpty();

    // the same database file, the same instance id, a new port
    second = HubProcess.start("crash-recovery-hub-2", env, arguments);
    second.awaitUp(Duration.ofSeconds(90));
    long restartedAt = seconds(started);
    // 202 means stored: every answered event survived the kill
    Set<String> lost = new TreeSet<>(answered);
    lost.removeAll(storedTestEvents(second));
    assertThat(lost)
        .as(
            "%d of %d events answered 202 before the kill are gone after the restart; see %s",
            lost.size(), answered.size(), first.log)
        .isEmpty();
    await("every answered event delivered after the restart; see " + second.log)
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              Set<String> missing = new TreeSet<>(answeredKeys);
              missing.removeAll(deliveredKeys(second));
              assertThat(missing).as("answered events not delivered; see %s", second.log).isEmpty();
            });
    long deliveredAt = seconds(started);
    Matcher released = RELEASED.matcher(second.output());
    assertThat(released.find() ? Integer.parseInt(released.group(1)) : 0)
        .as("claims of the killed run released by the restarted one at start; see %s", second.log)
        .isPositive();

    // a graceful stop of the restarted hub: its dispatcher stops and releases its claims cleanly
    second.stop();
    List<String> dispatcher =
        second
            .output()
            .lines()
            .filter(line -> line.contains("Dispatcher") && !line.contains("Leg " + DESTINATION))
            .filter(line -> !line.contains("routed by"))
            .toList();
    assertThat(dispatcher)
        .as("the restarted dispatcher's own messages; see %s", second.log)
        .anyMatch(line -> line.contains("Dispatcher " + INSTANCE + " stopped"))
        .noneMatch(line -> line.contains("Could not") || line.contains("could not"));

    // the ledger, read from the H2 file now that no hub holds it: each answered event has one
    // test-http leg, delivered, with its key and exactly one delivered attempt
    Map<String, String> legs = new HashMap<>();
    Map<String, Integer> deliveredAttempts = new HashMap<>();
    try (Connection db = DriverManager.getConnection(env.get("SPRING_DATASOURCE_URL"), "sa", "");
        Statement sql = db.createStatement()) {
      try (ResultSet rs =
          sql.executeQuery(
              "SELECT event_id, destination, status, idempotency_key FROM hub_delivery_leg")) {
        while (rs.next()) {
          legs.merge(
              rs.getString(1),
              rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4),
              (x, y) -> x + " + " + y);
        }
      }
      try (ResultSet rs =
          sql.executeQuery(
              "SELECT l.idempotency_key FROM hub_delivery_attempt a"
                  + " JOIN hub_delivery_leg l ON l.id = a.leg_id WHERE a.outcome = 'delivered'")) {
        while (rs.next()) {
          deliveredAttempts.merge(rs.getString(1), 1, Integer::sum);
        }
      }
    }
    List<String> wrong = new ArrayList<>();
    for (String eventId : new TreeSet<>(answered)) {
      String expected = DESTINATION + " delivered " + key(eventId);
      if (!expected.equals(legs.get(eventId))
          || deliveredAttempts.getOrDefault(key(eventId), 0) != 1) {
        wrong.add(
            eventId
                + ": "
                + legs.get(eventId)
                + ", delivered attempts "
                + deliveredAttempts.get(key(eventId)));
      }
    }
    assertThat(wrong).as("answered events in the ledger; see %s", second.log).isEmpty();

    // the destination wrote each key once: every answered event's, and exactly the delivered legs'
    Map<String, Integer> writes = destination.allWrites();
    Set<String> deliveredLegKeys =
        legs.values().stream()
            .filter(leg -> leg.startsWith(DESTINATION + " delivered "))
            .map(leg -> leg.substring(leg.lastIndexOf(' ') + 1))
            .collect(Collectors.toSet());
    assertThat(writes.values()).as("writes per key").allMatch(n -> n == 1);
    Set<String> unwritten = new TreeSet<>(answeredKeys);
    unwritten.removeAll(writes.keySet());
    assertThat(unwritten).as("answered events' keys never written").isEmpty();
    Set<String> writtenNotDelivered = new TreeSet<>(writes.keySet());
    writtenNotDelivered.removeAll(deliveredLegKeys);
    assertThat(writtenNotDelivered).as("keys written without a delivered leg").isEmpty();
    assertThat(deliveredLegKeys).hasSameSizeAs(writes.keySet());

    Map<String, Integer> receipts = new HashMap<>();
    destination.received().forEach(r -> receipts.merge(r.key(), 1, Integer::sum));
    long redelivered = receipts.values().stream().filter(n -> n > 1).count();
    System.out.printf(
        "CrashRecoveryIT: %d post-hooks sent, %d answered 202; at the kill %d written, %d answered"
            + " but not delivered, %d requests in progress at the destination; after the restart"
            + " %s claims released at start, %d keys received more than once (redelivered),"
            + " %d requests received in all, %d keys written; hub up at %d s, killed at %d s,"
            + " restarted hub up at %d s, all delivered at %d s, done at %d s%n",
        attempted,
        answered.size(),
        writtenBeforeRestart.size(),
        undeliveredAtKill.size(),
        inProgressAtKill,
        released.group(1),
        redelivered,
        destination.received().size(),
        writes.size(),
        upAt,
        killedAt,
        restartedAt,
        deliveredAt,
        seconds(started));
  }

  static long seconds(long since) {
    return TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - since);
  }

  /** The ids of every stored test.delivery event, through the operations API. */
  static Set<String> storedTestEvents(HubProcess hub) {
    Set<String> ids = new HashSet<>();
    for (int page = 0; ; page++) {
      HttpResponse<String> answer =
          hub.client.opsGet("/api/events?type=test.delivery&size=500&page=" + page);
      assertThat(answer.statusCode()).as("%s; see %s", answer.body(), hub.log).isEqualTo(200);
      JsonNode body = json(answer.body());
      body.get("items").forEach(event -> ids.add(event.get("id").asText()));
      if (!body.get("hasMore").asBoolean()) {
        return ids;
      }
    }
  }

  static String key(String eventId) {
    return DeliveryLedger.idempotencyKey(eventId, DESTINATION);
  }

  /** The idempotency keys of every delivered test-http leg, through the operations API. */
  static Set<String> deliveredKeys(HubProcess hub) {
    Set<String> keys = new HashSet<>();
    for (int page = 0; ; page++) {
      HttpResponse<String> answer =
          hub.client.opsGet(
              "/api/deliveries?status=delivered&destination="
                  + DESTINATION
                  + "&size=500&page="
                  + page);
      assertThat(answer.statusCode()).as("%s; see %s", answer.body(), hub.log).isEqualTo(200);
      JsonNode body = json(answer.body());
      body.get("items").forEach(leg -> keys.add(leg.get("idempotencyKey").asText()));
      if (!body.get("hasMore").asBoolean()) {
        return keys;
      }
    }
  }

  static JsonNode json(String body) {
    return Fixtures.json(body.getBytes(StandardCharsets.UTF_8));
  }
}
