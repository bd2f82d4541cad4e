package com.ordercloudhub.hub.destination.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.ordercloudhub.hub.delivery.DeliveryExchanges;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file outbox is not an archive: an .eml whose email carries a reset code or one-time password
 * is gone after the short secret window, every other one after the retention, and one sweep deletes
 * at most a batch.
 */
class MailOutboxTest {

  @TempDir Path folder;

  /** A clock the test moves forward instead of waiting. */
  static final class MovableClock extends Clock {
    Instant now = Instant.now();

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  MailOutbox outbox(Clock clock, int batch) {
    return new MailOutbox(
        TestMailProperties.of(folder.toString(), "templates/email", true, batch), clock);
  }

  static Exchange email(String key, String text, boolean carriesSecrets) throws Exception {
    MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
    message.setSubject("Reset your password");
    message.setText(text);
    Exchange exchange = new DefaultExchange(new DefaultCamelContext());
    exchange.getMessage().setBody(message);
    exchange.getMessage().setHeader(DeliveryExchanges.IDEMPOTENCY_KEY, key);
    if (carriesSecrets) {
      exchange.setProperty(MailOutbox.CARRIES_SECRETS, true);
    }
    return exchange;
  }

  @Test
  void aResetCodeEmailIsGoneAfterTheSecretWindowAndAnOrdinaryOneAfterTheRetention()
      throws Exception {
    MovableClock clock = new MovableClock();
    MailOutbox outbox = outbox(clock, 1000);
    Path reset = outbox.write(email("e1:email", "Your code: RC-123456", true));
    Path notice = outbox.write(email("e2:notice", "New order SO-1", false));
    assertThat(reset.getFileName().toString()).isEqualTo("e1_email.secret.eml");
    assertThat(notice.getFileName().toString()).isEqualTo("e2_notice.eml");
    assertThat(Files.readString(reset)).contains("RC-123456");

    clock.now = clock.now.plus(Duration.ofMinutes(10));
    assertThat(outbox.sweep()).isZero();
    assertThat(reset).exists();

    clock.now = clock.now.plus(Duration.ofMinutes(6));
    assertThat(outbox.sweep()).isEqualTo(1);
    assertThat(reset).doesNotExist();
    assertThat(notice).exists();

    clock.now = clock.now.plus(Duration.ofDays(7));
    assertThat(outbox.sweep()).isEqualTo(1);
    assertThat(notice).doesNotExist();
  }

  @Test
  void oneSweepDeletesAtMostOneBatch() throws Exception {
    MovableClock clock = new MovableClock();
    MailOutbox outbox = outbox(clock, 3);
    for (int i = 0; i < 7; i++) {
      outbox.write(email("e" + i + ":notice", "n" + i, false));
    }
    Files.writeString(folder.resolve("README.txt"), "not an email: never touched");
    clock.now = clock.now.plus(Duration.ofDays(8));

    assertThat(List.of(outbox.sweep(), outbox.sweep(), outbox.sweep(), outbox.sweep()))
        .containsExactly(3, 3, 1, 0);
    try (var left = Files.list(folder)) {
      assertThat(left.map(p -> p.getFileName().toString())).containsExactly("README.txt");
    }
  }
}
