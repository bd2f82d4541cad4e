package com.ordercloudhub.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.ordercloudhub.hub.support.Fixtures;
import com.ordercloudhub.hub.support.HubClient;
import com.ordercloudhub.hub.support.HubJar;
import com.ordercloudhub.hub.support.Payloads;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged Boot jar, started as a process from the repository root exactly as an operator
 * would: what exploded classes in the test JVM could hide (missing resources, the YAML routes
 * outside the jar, layer ordering) shows up here.
 */
class PackagedHubIT {

  static Process hub;
  static Path log;
  static Path logFile;
  static int port;

  /** Given to the JVM as a -D option: Jolokia's view of the Runtime MBean must not show it. */
  static final String PROBE_SECRET = "packaged-probe-" + UUID.randomUUID();

  @BeforeAll
  static void startTheJar() throws IOException {
    port = HubJar.freePort();
    log = Path.of("target", "packaged-hub.log");
    logFile = Path.of("target", "packaged-hub-file-" + UUID.randomUUID() + ".log");
    ProcessBuilder process =
        HubJar.process(port, log, List.of("-Dhub.probe.password=" + PROBE_SECRET));
    // an operator who also wants a log file gets one, through the same secret rule as the console
    process.environment().put("LOGGING_FILE_NAME", logFile.toString());
    hub = process.start();
    HubClient client = new HubClient(port);
    await()
        .atMost(Duration.ofSeconds(180)) // generous: a busy 2-core host
        .pollInterval(Duration.ofMillis(500))
        .ignoreExceptions()
        .until(
            () -> {
              assertThat(hub.isAlive()).as("the hub process died; see " + log).isTrue();
              return client.get("/actuator/health").body().contains("\"UP\"");
            });
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (hub != null) {
      hub.destroy();
      if (!hub.waitFor(30, TimeUnit.SECONDS)) {
        hub.destroyForcibly();
      }
    }
  }

  @Test
  void theJarAnswersASignedPostHook() {
    HttpResponse<String> answer =
        new HubClient(port)
            .post(
                "/webhooks/ordercloud/post",
                Fixtures.bytes(Fixtures.POST_ORDER_SUBMIT),
                Fixtures.hashes().get(Fixtures.POST_ORDER_SUBMIT));

    assertThat(answer.statusCode()).isEqualTo(202);
    assertThat(answer.body()).contains("\"eventType\":\"order.submitted\"", "\"duplicate\":false");
  }

  @Test
  void theStartUpLogListsTheHubsRouteIds() throws IOException {
    String output = Files.readString(log, StandardCharsets.UTF_8);

    for (String route :
        List.of(
            "inbound-receive-post-hook",
            "inbound-receive-pre-hook",
            "inbound-receive-message",
            "inbound-receive-typed-message",
            "inbound-accept-message",
            "inbound-store-event",
            "prehook-decide",
            "prehook-record-decision")) {
      assertThat(output).contains("Started " + route + " (");
    }
  }

  @Test
  void theProdProfileLogsJsonLinesCarryingTheEventAndItsLegs() throws IOException {
    HubClient client = new HubClient(port);
    HttpResponse<String> answer =
        client.signed("/webhooks/ordercloud/post", Payloads.fresh(Fixtures.POST_ORDER_SUBMIT));
    assertThat(answer.statusCode()).isEqualTo(202);
    String eventId =
        Fixtures.json(answer.body().getBytes(StandardCharsets.UTF_8)).get("eventId").asText();

    // the database leg's outcome is logged with the event's id, type and destination as fields
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () ->
                assertThat(linesAbout(eventId))
                    .anySatisfy(
                        line -> {
                          assertThat(line.path("eventId").asText()).isEqualTo(eventId);
                          assertThat(line.path("eventType").asText()).isEqualTo("order.submitted");
                          assertThat(line.path("destination").asText()).isEqualTo("database");
                        }));
    List<JsonNode> lines = linesAbout(eventId);
    // received: one line naming the event
    assertThat(lines)
        .anySatisfy(line -> assertThat(line.path("message").asText()).startsWith("Stored post"));
    assertThat(lines)
        .allSatisfy(
            line -> {
              assertThat(line.has("@timestamp")).isTrue();
              assertThat(line.path("log").path("level").asText()).isNotEmpty();
            });
  }

  @Test
  void aConfiguredLogFileIsWrittenWithCallerValuesEscaped() {
    String run = UUID.randomUUID().toString().substring(0, 8);
    String forged = "FORGED " + run;
    HttpResponse<String> answer =
        new HubClient(port)
            .signed(
                "/webhooks/ordercloud/post",
                Payloads.fresh(Fixtures.POST_ORDER_SUBMIT, "file-" + run + "\n" + forged));
    assertThat(answer.statusCode()).isEqualTo(202);

    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(250))
        .untilAsserted(
            () -> {
              List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
              assertThat(lines).anySatisfy(line -> assertThat(line).contains("Started "));
              assertThat(lines)
                  .anySatisfy(line -> assertThat(line).contains("file-" + run + "\\n" + forged));
              assertThat(lines).noneMatch(line -> line.startsWith(forged));
            });
  }

  @Test
  void jolokiaInTheJarMasksTheJvmsArguments() {
    HubClient client = new HubClient(port);
    HttpResponse<String> answer =
        client.send(
            HttpRequest.newBuilder(client.uri("/actuator/jolokia"))
                .timeout(Duration.ofSeconds(30))
                .header(
                    "Authorization", HubClient.basic(HubClient.OPS_USER, HubClient.OPS_PASSWORD))
                .header("Content-Type", "application/json")
                // Jolokia checks origins strictly, as for Hawtio in a browser on this host
                .header("Origin", "http://127.0.0.1:" + port)
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"type\":\"read\",\"mbean\":\"java.lang:type=Runtime\","
                            + "\"attribute\":\"InputArguments\"}"))
                .build());

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    JsonNode read = Fixtures.json(answer.body().getBytes(StandardCharsets.UTF_8));
    // read, not refused: the masking ships in the jar (without it the attribute is refused)
    assertThat(read.path("status").asInt()).as(answer.body()).isEqualTo(200);
    assertThat(read.path("value").toString()).contains("-Xmx512m", "-Dhub.probe.password=");
    assertThat(answer.body()).doesNotContain(PROBE_SECRET);
  }

  /** The log lines that mention an event, each parsed as the JSON object it must be. */
  static List<JsonNode> linesAbout(String eventId) throws IOException {
    List<JsonNode> found = new ArrayList<>();
    for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
      if (line.contains(eventId)) {
        assertThat(line).as("a log line in the prod profile").startsWith("{");
        assertThat(line).doesNotContain(Fixtures.USER_TOKEN_PREFIX);
        found.add(Fixtures.json(line.getBytes(StandardCharsets.UTF_8)));
      }
    }
    return found;
  }
}
