package com.ordercloudhub.hub.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A PostgreSQL of one test's own (embedded binaries, loopback) that the test stops and starts again
 * on the same port and data directory: a database outage and its end, as the hub meets them.
 */
public final class RestartablePostgres {

  private final Path dataDir;
  private final int port;
  private EmbeddedPostgres server;

  private RestartablePostgres(Path dataDir, int port) {
    this.dataDir = dataDir;
    this.port = port;
  }

  /** Started, with its data under {@code target/<prefix>…}, and the hub's datasource set to it. */
  public static RestartablePostgres startFor(DynamicPropertyRegistry registry, String prefix)
      throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    RestartablePostgres postgres =
        new RestartablePostgres(Files.createTempDirectory(Path.of("target"), prefix), port);
    postgres.start();
    String url = postgres.server.getJdbcUrl("postgres", "postgres");
    registry.add("spring.datasource.url", () -> url);
    registry.add("spring.datasource.username", () -> "postgres");
    registry.add("spring.datasource.password", () -> "postgres");
    return postgres;
  }

  /** Starts it (again) on its port and data directory. */
  public void start() throws IOException {
    server =
        EmbeddedPostgres.builder()
            .setDataDirectory(dataDir)
            .setCleanDataDirectory(false)
            .setPort(port)
            .start();
  }

  /** Stops it: the outage begins. */
  public void stop() throws IOException {
    server.close();
  }
}
