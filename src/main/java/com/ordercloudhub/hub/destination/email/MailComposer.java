package com.ordercloudhub.hub.destination.email;

import com.ordercloudhub.hub.delivery.DeliveryExchanges;
import com.ordercloudhub.hub.delivery.PermanentDeliveryException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * Builds the MIME message for an {@link EmailMessage}: multipart/alternative with the text and the
 * HTML part, addresses checked (a malformed one is a permanent failure naming it), and a Message-ID
 * made from the leg's idempotency key, so a mail sent again after a crash is recognisably the same.
 */
@Component("mailComposer")
public class MailComposer {

  private final Session session = Session.getInstance(new Properties());

  public MimeMessage compose(Exchange exchange) {
    EmailMessage email = exchange.getMessage().getBody(EmailMessage.class);
    if (email == null) {
      throw new PermanentDeliveryException("Nothing to send: the route built no email");
    }
    String key = exchange.getMessage().getHeader(DeliveryExchanges.IDEMPOTENCY_KEY, String.class);
    return compose(email, key);
  }

  public MimeMessage compose(EmailMessage email, String idempotencyKey) {
    if (email.to().isEmpty()) {
      throw new PermanentDeliveryException("The email has no recipient");
    }
    try {
      MimeMessage message = new StableIdMessage(session, idempotencyKey);
      message.setFrom(address("From", email.from()));
      message.setRecipients(Message.RecipientType.TO, addresses("To", email.to()));
      if (!email.cc().isEmpty()) {
        message.setRecipients(Message.RecipientType.CC, addresses("Cc", email.cc()));
      }
      message.setSubject(oneLine(email.subject()), StandardCharsets.UTF_8.name());
      message.setSentDate(new Date());
      if (idempotencyKey != null) {
        message.setHeader("X-Hub-Idempotency-Key", idempotencyKey);
      }
      MimeBodyPart text = new MimeBodyPart();
      text.setText(
          email.text() == null ? "" : email.text(), StandardCharsets.UTF_8.name(), "plain");
      MimeBodyPart html = new MimeBodyPart();
      html.setText(email.html() == null ? "" : email.html(), StandardCharsets.UTF_8.name(), "html");
      MimeMultipart alternative = new MimeMultipart("alternative");
      alternative.addBodyPart(text); // the last part is the preferred one
      alternative.addBodyPart(html);
      message.setContent(alternative);
      message.saveChanges();
      return message;
    } catch (MessagingException e) {
      throw new PermanentDeliveryException("The email could not be built: " + e.getMessage(), e);
    }
  }

  static InternetAddress address(String field, String value) {
    try {
      InternetAddress address = new InternetAddress(value, true);
      address.validate();
      return address;
    } catch (AddressException e) {
      throw new PermanentDeliveryException(
          "Invalid e-mail address in " + field + ": \"" + value + "\" (" + e.getMessage() + ")");
    }
  }

  static InternetAddress[] addresses(String field, List<String> values) {
    return values.stream().map(v -> address(field, v)).toArray(InternetAddress[]::new);
  }

  private static String oneLine(String subject) {
    return subject == null ? "" : subject.replaceAll("[\\r\\n]+", " ").trim();
  }

  /** A message whose Message-ID derives from the leg's idempotency key instead of being random. */
  private static final class StableIdMessage extends MimeMessage {
    private final String key;

    StableIdMessage(Session session, String key) {
      super(session);
      this.key = key;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
      if (key == null) {
        super.updateMessageID();
      } else {
        setHeader("Message-ID", "<" + key.replaceAll("[^A-Za-z0-9.:-]", "-") + "@ordercloud-hub>");
      }
    }
  }
}
