package com.ordercloudhub.hub.destination.email;

import com.ordercloudhub.hub.delivery.DeliveryExchanges;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Without SMTP_HOST, emails are written as .eml files (any mail client opens them) to the outbox
 * folder. The file is named after the leg's idempotency key and written atomically, so a retry
 * replaces it instead of adding a second copy.
 */
@Component("mailOutbox")
public class MailOutbox {

  private static final Logger log = LoggerFactory.getLogger(MailOutbox.class);
  private final Path folder;

  public MailOutbox(MailProperties properties) {
    this.folder = Path.of(properties.outboxDir());
  }

  public Path write(Exchange exchange) {
    MimeMessage message = exchange.getMessage().getBody(MimeMessage.class);
    String key = exchange.getMessage().getHeader(DeliveryExchanges.IDEMPOTENCY_KEY, String.class);
    String name = (key == null ? exchange.getExchangeId() : key).replaceAll("[^A-Za-z0-9.-]", "_");
    try {
      Files.createDirectories(folder);
      Path target = folder.resolve(name + ".eml");
      Path temp = Files.createTempFile(folder, name, ".tmp");
      try (OutputStream out = Files.newOutputStream(temp)) {
        message.writeTo(out);
      }
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      log.info("Email written to {} (no SMTP_HOST set)", target);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("The outbox " + folder + " is not writable", e);
    } catch (MessagingException e) {
      throw new IllegalStateException("The email could not be written", e);
    }
  }
}
