package com.ordercloudhub.hub.destination.email;

import com.ordercloudhub.hub.delivery.DeliveryExchanges;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Without SMTP_HOST, emails are written as .eml files (any mail client opens them) to the outbox
 * folder. The file is named after the leg's idempotency key and written atomically, so a retry
 * replaces it instead of adding a second copy.
 *
 * <p>For a file outbox, writing the file is the delivery: nobody tells the hub when it was read. So
 * the outbox is not kept for ever: every file is deleted once it is older than {@code
 * hub.mail.outbox-retention} (default 7 days), and a file whose email carries a sealed secret (a
 * reset code or token, a one-time password; named {@code <key>.secret.eml}) once it is older than
 * {@code hub.mail.outbox-secret-retention} (default 15 minutes; a one-time password expires after
 * 10). A sweep runs every {@code hub.mail.outbox-sweep-interval} and deletes at most {@code
 * hub.mail.outbox-sweep-batch} files, so a huge folder costs bounded work per run.
 */
@Component("mailOutbox")
public class MailOutbox {

  /** Exchange property: the email being sent carries secrets opened from the event store. */
  static final String CARRIES_SECRETS = "hub.mail.carriesSecrets";

  static final String SECRET_SUFFIX = ".secret.eml";

  private static final Logger log = LoggerFactory.getLogger(MailOutbox.class);
  private final Path folder;
  private final MailProperties properties;
  private final Clock clock;

  public MailOutbox(MailProperties properties, Clock clock) {
    this.folder = Path.of(properties.outboxDir());
    this.properties = properties;
    this.clock = clock;
  }

  public Path write(Exchange exchange) {
    MimeMessage message = exchange.getMessage().getBody(MimeMessage.class);
    String key = exchange.getMessage().getHeader(DeliveryExchanges.IDEMPOTENCY_KEY, String.class);
    String name = (key == null ? exchange.getExchangeId() : key).replaceAll("[^A-Za-z0-9.-]", "_");
    boolean secret = exchange.getProperty(CARRIES_SECRETS, false, Boolean.class);
    try {
      Files.createDirectories(folder);
      Path target = folder.resolve(name + (secret ? SECRET_SUFFIX : ".eml"));
      Path temp = Files.createTempFile(folder, name, ".tmp");
      try (OutputStream out = Files.newOutputStream(temp)) {
        message.writeTo(out);
      }
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      log.info(
          "Email written to {} (no SMTP_HOST set){}",
          target,
          secret
              ? "; it carries a secret and is deleted after " + properties.outboxSecretRetention()
              : "");
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("The outbox " + folder + " is not writable", e);
    } catch (MessagingException e) {
      throw new IllegalStateException("The email could not be written", e);
    }
  }

  @Scheduled(
      initialDelayString = "${hub.mail.outbox-sweep-interval:1m}",
      fixedDelayString = "${hub.mail.outbox-sweep-interval:1m}")
  void scheduledSweep() {
    try {
      sweep();
    } catch (UncheckedIOException e) {
      log.warn("Outbox sweep of {} failed: {}", folder, e.getCause().toString());
    }
  }

  /**
   * Deletes expired outbox files (secret-carrying ones after their short window, the others after
   * the retention), at most one batch.
   *
   * @return how many files were deleted
   */
  public int sweep() {
    if (!Files.isDirectory(folder)) {
      return 0;
    }
    Instant now = clock.instant();
    Instant secretsBefore = now.minus(properties.outboxSecretRetention());
    Instant othersBefore = now.minus(properties.outboxRetention());
    int deleted = 0;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
      for (Path file : files) {
        if (deleted >= properties.outboxSweepBatch()) {
          break;
        }
        String name = file.getFileName().toString();
        // a .tmp file is one a crash left mid-write (it may hold a secret too)
        Instant limit =
            name.endsWith(SECRET_SUFFIX) || name.endsWith(".tmp")
                ? secretsBefore
                : name.endsWith(".eml") ? othersBefore : null;
        if (limit != null && expired(file, limit)) {
          deleted++;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (deleted > 0) {
      log.info("Outbox sweep: {} expired files deleted from {}", deleted, folder);
    }
    return deleted;
  }

  private static boolean expired(Path file, Instant limit) throws IOException {
    try {
      if (Files.getLastModifiedTime(file).toInstant().isBefore(limit)) {
        return Files.deleteIfExists(file);
      }
      return false;
    } catch (NoSuchFileException e) {
      return false;
    }
  }
}
