package com.ordercloudhub.hub.destination.email;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Email: the SMTP server, or a file outbox when there is none.
 *
 * @param host {@code SMTP_HOST}; without it every email is written to {@code outboxDir} as .eml
 * @param port {@code SMTP_PORT}
 * @param username {@code SMTP_USERNAME}, when the server wants a login
 * @param password {@code SMTP_PASSWORD}
 * @param starttls {@code SMTP_STARTTLS}: upgrade the connection with STARTTLS
 * @param from {@code MAIL_FROM}: the sender when nothing more specific is configured
 * @param outboxDir where emails go without SMTP
 * @param noticeTo {@code ORDER_NOTICE_TO}: who gets the internal notice of each submitted order
 * @param templatesDir the email templates folder
 * @param cacheTemplates keep compiled templates in memory (dev: false, edits apply at once)
 * @param outboxRetention an outbox file is deleted once older than this
 * @param outboxSecretRetention an outbox file whose email carries a secret (reset code, one-time
 *     password) is deleted once older than this
 * @param outboxSweepInterval how often expired outbox files are looked for
 * @param outboxSweepBatch most files deleted by one sweep
 */
@ConfigurationProperties("hub.mail")
record MailProperties(
    String host,
    @DefaultValue("587") int port,
    String username,
    String password,
    @DefaultValue("true") boolean starttls,
    @DefaultValue("OrderCloud Hub <hub@localhost>") String from,
    @DefaultValue("./data/outbox") String outboxDir,
    @DefaultValue List<String> noticeTo,
    @DefaultValue("templates/email") String templatesDir,
    @DefaultValue("true") boolean cacheTemplates,
    @DefaultValue("7d") Duration outboxRetention,
    @DefaultValue("15m") Duration outboxSecretRetention,
    @DefaultValue("1m") Duration outboxSweepInterval,
    @DefaultValue("1000") int outboxSweepBatch) {

  public MailProperties {
    noticeTo = noticeTo.stream().map(String::trim).filter(a -> !a.isEmpty()).toList();
  }

  public boolean smtp() {
    return host != null && !host.isBlank();
  }

  @Override
  public String toString() {
    return "MailProperties[host=" + host + ", port=" + port + ", username=" + username + "]";
  }
}
