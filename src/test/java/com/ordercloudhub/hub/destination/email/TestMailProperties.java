package com.ordercloudhub.hub.destination.email;

import java.time.Duration;
import java.util.List;

/** Mail settings for the email tests: no SMTP server, the given folders, the defaults otherwise. */
final class TestMailProperties {

  private TestMailProperties() {}

  static MailProperties of(String outboxDir, String templatesDir, boolean cacheTemplates) {
    return of(outboxDir, templatesDir, cacheTemplates, 1000);
  }

  /** The same, with the outbox's batch size. */
  static MailProperties of(
      String outboxDir, String templatesDir, boolean cacheTemplates, int outboxBatch) {
    return new MailProperties(
        null,
        587,
        null,
        null,
        true,
        "hub@localhost",
        outboxDir,
        List.of(),
        templatesDir,
        cacheTemplates,
        Duration.ofDays(7),
        Duration.ofMinutes(15),
        Duration.ofMinutes(1),
        outboxBatch);
  }
}
