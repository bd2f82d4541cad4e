package com.ordercloudhub.hub.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ordercloudhub.hub.support.Fixtures;
import com.ordercloudhub.hub.support.HubClient;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.yaml.snakeyaml.Yaml;

/**
 * The packaged hub run as a separate process from the repository root, as PackagedHubIT does (but
 * from the extracted jar, see {@link #extracted()}), with the test-only event type {@code
 * test.delivery} routed to the {@code test-http} destination (see support/DeliveryTest): for tests
 * that kill, restart or multiply whole hubs. Its output goes to a log file under target/ that every
 * failure message names; a process the test did not stop is killed when the test JVM exits.
 */
final class HubProcess {

  static final String POST_HOOK = "/webhooks/ordercloud/post";

  /** The command-line arguments that load the test routes and the test event type. */
  static List<String> deliveryTestArguments(String destinationUrl) {
    return List.of(
        "--camel.main.routes-include-pattern=file:routes/shared/*.camel.yaml,"
            + "file:routes/inbound/*.camel.yaml,file:routes/prehooks/*.camel.yaml,"
            + "file:routes/events/*.camel.yaml,file:routes/destinations/*.camel.yaml,"
            + "file:src/test/resources/routes/*.camel.yaml",
        "--hub.events.catalogue[0].event=test.delivery",
        "--hub.events.catalogue[0].routes[0]=POST v1/test/deliveries",
        "--hub.test.destination-url=" + destinationUrl);
  }

  /**
   * The database URL ./application.yaml configures by default (an H2 file in ./data/), with its
   * file moved to {@code path} and every option kept: a test on it runs on what operators get.
   */
  @SuppressWarnings("unchecked")
  static String defaultDatabaseUrlIn(String path) {
    String url;
    try (Reader in = Files.newBufferedReader(Path.of("application.yaml"))) {
      Map<String, Object> first = (Map<String, Object>) new Yaml().loadAll(in).iterator().next();
      Map<String, Object> spring = (Map<String, Object>) first.get("spring");
      url = (String) ((Map<String, Object>) spring.get("datasource")).get("url");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertThat(url).as("the default database URL").startsWith("jdbc:h2:file:./data/hub");
    return url.replace("jdbc:h2:file:./data/hub", "jdbc:h2:file:./" + path);
  }

  final String name;
  final int port;
  final Path log;
  final Process process;
  final HubClient client;

  private HubProcess(String name, int port, Path log, Process process) {
    this.name = name;
    this.port = port;
    this.log = log;
    this.process = process;
    this.client = new HubClient(port);
  }

  /**
   * Starts the jar on a free loopback port.
   *
   * @param name names the log file, target/{name}.log
   * @param env extra environment (SPRING_DATASOURCE_URL, …) over the test secrets
   * @param arguments command-line arguments after {@code -jar <jar>}
   */
  static HubProcess start(String name, Map<String, String> env, List<String> arguments) {
    Path jar = extracted();
    int port = freePort();
    Path log = Path.of("target", name + ".log").toAbsolutePath();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx512m");
    command.add("-jar");
    command.add(jar.toString());
    command.addAll(arguments);
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(Path.of("").toAbsolutePath().toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    Map<String, String> environment = builder.environment();
    environment.put("SERVER_PORT", String.valueOf(port));
    environment.put("HUB_PRIORITY_PORT", "0"); // several hubs may run at once
    environment.put("OC_HASH_KEYS", Fixtures.KEY);
    environment.put("HUB_OPS_USERNAME", HubClient.OPS_USER);
    environment.put("HUB_OPS_PASSWORD", HubClient.OPS_PASSWORD);
    environment.put("HUB_ENCRYPTION_KEY", "dGVzdC1lbmNyeXB0aW9uLWtleS0zMi1ieXRlcy0hISE=");
    environment.putAll(env);
    try {
      Process process = builder.start();
      Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
      return new HubProcess(name, port, log, process);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start the hub " + name + "; see " + log, e);
    }
  }

  /**
   * The packaged jar extracted the way Spring Boot recommends for running it (as the Dockerfile
   * does): the same classes and resources, but a plain class path that starts in about two thirds
   * of the time on a small machine. Extracted once per build, again when the jar changes.
   */
  static synchronized Path extracted() {
    Path jar = Path.of(System.getProperty("hub.jar", "target/ordercloud-hub-0.1.0-SNAPSHOT.jar"));
    assertThat(jar).as("the packaged hub (run ./mvnw package first)").exists();
    Path destination = Path.of("target", "hub-extracted").toAbsolutePath();
    Path launchable = destination.resolve(jar.getFileName());
    Path stamp = destination.resolve("extracted-from.txt");
    try {
      String source =
          jar.toAbsolutePath() + " " + Files.getLastModifiedTime(jar) + " " + Files.size(jar);
      if (Files.exists(stamp)
          && Files.readString(stamp).equals(source)
          && Files.exists(launchable)) {
        return launchable;
      }
      Path log = Path.of("target", "hub-extract.log").toAbsolutePath();
      Process extract =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-Djarmode=tools",
                  "-jar",
                  jar.toString(),
                  "extract",
                  "--force",
                  "--destination",
                  destination.toString())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      assertThat(extract.waitFor(120, TimeUnit.SECONDS))
          .as("extracting %s; see %s", jar, log)
          .isTrue();
      assertThat(extract.exitValue()).as("extracting %s; see %s", jar, log).isZero();
      assertThat(launchable).exists();
      Files.writeString(stamp, source);
      return launchable;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Waits until /actuator/health says UP; fails at once if the process dies. */
  HubProcess awaitUp(Duration atMost) {
    await("hub " + name + " up; see " + log)
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(250))
        .failFast("the hub process " + name + " died; see " + log, () -> !process.isAlive())
        .ignoreExceptions()
        .until(() -> client.get("/actuator/health").body().contains("\"UP\""));
    return this;
  }

  /** SIGKILL: no shutdown hook, no graceful stop, no release of claims. */
  void kill() {
    process.destroyForcibly();
    try {
      assertThat(process.waitFor(30, TimeUnit.SECONDS))
          .as("hub %s still running after SIGKILL; see %s", name, log)
          .isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    Optional<ProcessHandle> handle = ProcessHandle.of(process.pid());
    assertThat(handle.filter(ProcessHandle::isAlive))
        .as("hub %s (pid %d) is gone; see %s", name, process.pid(), log)
        .isEmpty();
  }

  /** SIGTERM and a graceful stop, SIGKILL when that takes longer than 30 s. Never throws. */
  void stop() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  String output() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String toString() {
    return "hub " + name + " (port " + port + ", log " + log + ")";
  }
}
