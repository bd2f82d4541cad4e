package com.ordercloudhub.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;

/**
 * PostgreSQL from the embedded binaries the hub's tests use, as a process of its own for the
 * benchmarks: {@code PostgresLauncher <port> <data-dir> <ready-file> <database>...} starts the
 * server on loopback, creates the databases, writes "ready" to the ready file and runs until it is
 * sent SIGTERM, which stops the server.
 *
 * <p>synchronous_commit is on, PostgreSQL's default (the embedded library turns it off for tests).
 * The embedded library also turns {@code fsync} off, so the WAL "flush" a commit waits for reaches
 * no disk; {@code -Dbench.fsync=on} (bench/run.sh: {@code PG_FSYNC=on}) turns it on as in
 * production, where each commit that wrote waits for the disk. Figures before 2026-12-04 were
 * measured with fsync off.
 */
public final class PostgresLauncher {

  private PostgresLauncher() {}

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    Path data = Path.of(args[1]);
    Path ready = Path.of(args[2]);
    EmbeddedPostgres postgres =
        EmbeddedPostgres.builder()
            .setPort(port)
            .setDataDirectory(data)
            .setCleanDataDirectory(true)
            .setServerConfig("max_connections", "300")
            .setServerConfig("synchronous_commit", "on")
            .setServerConfig("shared_buffers", "128MB")
            .setServerConfig("fsync", System.getProperty("bench.fsync", "off"))
            .start();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    postgres.close();
                  } catch (Exception e) {
                    System.err.println("PostgreSQL did not stop cleanly: " + e);
                  }
                  stopped.countDown();
                }));
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      for (int i = 3; i < args.length; i++) {
        if (!args[i].matches("[a-z_]+")) {
          throw new IllegalArgumentException("not a plain database name: " + args[i]);
        }
        s.execute("CREATE DATABASE " + args[i]);
      }
    }
    Files.writeString(ready, "ready\n");
    System.out.println("PostgreSQL ready on 127.0.0.1:" + port);
    stopped.await();
  }
}
