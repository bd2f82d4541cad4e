package com.ordercloudhub.hub.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * One real PostgreSQL (embedded binaries, loopback only) for the whole test run; every test context
 * gets a database of its own in it.
 */
public final class EmbeddedPostgresServer {

  private static EmbeddedPostgres server;

  private EmbeddedPostgresServer() {}

  public static synchronized EmbeddedPostgres shared() {
    if (server == null) {
      server = start();
      Runtime.getRuntime().addShutdownHook(new Thread(EmbeddedPostgresServer::stopQuietly));
    }
    return server;
  }

  /** A new, empty database in the shared server; returns its JDBC URL (user postgres). */
  public static String newDatabase() {
    String name = "hub_" + UUID.randomUUID().toString().replace("-", "");
    try (Connection c = shared().getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("Could not create test database " + name, e);
    }
    return shared().getJdbcUrl("postgres", name);
  }

  /** A separate server a test may stop and start (outage tests). */
  public static EmbeddedPostgres start() {
    try {
      return EmbeddedPostgres.builder().setServerConfig("max_connections", "300").start();
    } catch (IOException e) {
      throw new UncheckedIOException("Embedded PostgreSQL did not start", e);
    }
  }

  private static void stopQuietly() {
    try {
      server.close();
    } catch (IOException ignored) {
      // the JVM is exiting
    }
  }
}
