package com.ordercloudhub.hub.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The packaged hub jar as an operator starts it, on a free loopback port with its own database. */
public final class HubJar {

  private HubJar() {}

  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** A process builder for the jar in production mode (test secrets, prod profile, own H2 file). */
  public static ProcessBuilder process(int port, Path log, List<String> jvmOptions) {
    Path jar = Path.of(System.getProperty("hub.jar", "target/ordercloud-hub-0.1.0-SNAPSHOT.jar"));
    if (!jar.toFile().exists()) {
      throw new IllegalStateException("The packaged jar is missing: " + jar);
    }
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m"));
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", jar.toString()));
    ProcessBuilder process =
        new ProcessBuilder(command)
            .directory(Path.of("").toAbsolutePath().toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    Map<String, String> env = process.environment();
    env.put("SERVER_PORT", String.valueOf(port));
    env.put("HUB_PRIORITY_PORT", "0"); // a port of its own, wherever the OS puts it
    env.put("OC_HASH_KEYS", Fixtures.KEY);
    env.put("HUB_OPS_USERNAME", HubClient.OPS_USER);
    env.put("HUB_OPS_PASSWORD", HubClient.OPS_PASSWORD);
    env.put("HUB_ENCRYPTION_KEY", "dGVzdC1lbmNyeXB0aW9uLWtleS0zMi1ieXRlcy0hISE=");
    // as production runs it: strict secrets and one JSON object per log line
    env.put("SPRING_PROFILES_ACTIVE", "prod");
    env.put(
        "SPRING_DATASOURCE_URL",
        "jdbc:h2:file:./target/it-db/hub-"
            + UUID.randomUUID()
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE");
    return process;
  }
}
