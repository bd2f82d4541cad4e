package com.ordercloudhub.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ordercloudhub.hub.support.Fixtures;
import com.ordercloudhub.hub.support.HubJar;
import com.ordercloudhub.hub.support.Payloads;
import com.ordercloudhub.hub.support.RawHttp;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OrderCloud treats a 404 as a permanent failure, and it does not retry post-hooks: from the first
 * connection the port accepts until the last, a webhook path answers 503 (starting, stopping) or
 * takes the call, never 404. The packaged jar is started and stopped while a caller keeps sending.
 */
class DoorStartupIT {

  private static final Logger log = LoggerFactory.getLogger(DoorStartupIT.class);

  Process hub;

  @AfterEach
  void stop() throws InterruptedException {
    if (hub != null && hub.isAlive()) {
      hub.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void fromItsFirstAcceptedConnectionToItsLastTheDoorNeverAnswers404() throws Exception {
    int port = HubJar.freePort();
    hub = HubJar.process(port, Path.of("target", "door-startup-hub.log"), List.of()).start();
    List<String> starting = new ArrayList<>();
    List<String> readinessWhileStarting = new ArrayList<>();

    await()
        .atMost(Duration.ofSeconds(180)) // generous: a busy 2-core host
        .pollInterval(Duration.ofMillis(20))
        .until(
            () -> {
              assertThat(hub.isAlive()).as("the hub process died").isTrue();
              String readiness = readiness(port);
              String answer = post(port);
              if (answer == null) {
                return false; // not listening yet
              }
              starting.add(answer);
              if (answer.startsWith("503")) {
                readinessWhileStarting.add(readiness);
              }
              return answer.startsWith("202");
            });
    log.info(
        "start-up: {} answers before the first 202: {}",
        starting.size() - 1,
        starting.stream().distinct().toList());

    assertThat(starting.subList(0, starting.size() - 1)).isNotEmpty().containsOnly("503 starting");
    // readiness was asked just before each of those: the door was not open, so neither was it ready
    assertThat(readinessWhileStarting).doesNotContain("200");

    hub.destroy(); // SIGTERM: a graceful stop
    List<String> stopping = new ArrayList<>();
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(5))
        .until(
            () -> {
              String answer = post(port);
              if (answer == null) {
                return true; // the port is closed
              }
              stopping.add(answer);
              return false;
            });
    log.info("stop: answers until the port closed: {}", stopping.stream().distinct().toList());
    assertThat(stopping)
        .allMatch(a -> a.startsWith("202") || a.equals("503 stopping") || a.startsWith("io "));
    assertThat(hub.waitFor(60, TimeUnit.SECONDS)).isTrue();
  }

  /**
   * Slow callers answered 408 leave nothing for a graceful stop to wait for: Tomcat's count of
   * async requests in progress comes back to zero (it did not, and every stop after a slow-body
   * attack waited its full 30 s), so the hub stops in seconds.
   */
  @Test
  void aGracefulStopAfterSlowCallersGotTheir408sDoesNotWaitForThem() throws Exception {
    int port = HubJar.freePort();
    hub = HubJar.process(port, Path.of("target", "door-slow-stop-hub.log"), List.of()).start();
    await()
        .atMost(Duration.ofSeconds(180))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              assertThat(hub.isAlive()).as("the hub process died").isTrue();
              String answer = post(port);
              return answer != null && answer.startsWith("202");
            });
    assertThat(RawHttp.slowCallersClosingAfterTheirAnswer(port, "/webhooks/ordercloud/post", 20))
        .containsOnly(408);

    long stopping = System.nanoTime();
    hub.destroy(); // SIGTERM: a graceful stop (spring.lifecycle.timeout-per-shutdown-phase 30 s)
    assertThat(hub.waitFor(60, TimeUnit.SECONDS)).isTrue();
    Duration took = Duration.ofNanos(System.nanoTime() - stopping);
    log.info("graceful stop after 20 slow callers' 408s took {} ms", took.toMillis());
    assertThat(took).isLessThan(Duration.ofSeconds(20));
  }

  /**
   * A signed post-hook's answer as "status error" (202 with no error), or null if not listening.
   */
  private static String post(int port) throws IOException {
    byte[] body = Payloads.fresh(Fixtures.POST_ORDER_SUBMIT, "startup-" + UUID.randomUUID());
    try (RawHttp call = new RawHttp(port)) {
      RawHttp.Answer answer =
          call.head(
                  "POST",
                  "/webhooks/ordercloud/post",
                  "Content-Type: application/json",
                  "Content-Length: " + body.length,
                  "X-oc-hash: "
                      + com.ordercloudhub.hub.inbound.OcSignature.sign(Fixtures.KEY, body))
              .send(body)
              .answer();
      if (answer.status() == 503) {
        assertThat(answer.header("Retry-After")).isNotBlank();
        String error = Fixtures.json(answer.body().getBytes()).path("error").asText();
        return "503 " + error;
      }
      return String.valueOf(answer.status());
    } catch (ConnectException e) {
      return null;
    } catch (IOException e) {
      return "io " + e.getMessage(); // a connection cut while stopping: not a 404, recorded as such
    }
  }

  private static String readiness(int port) {
    try (RawHttp call = new RawHttp(port)) {
      return String.valueOf(call.head("GET", "/actuator/health/readiness").answer().status());
    } catch (IOException e) {
      return "none";
    }
  }
}
