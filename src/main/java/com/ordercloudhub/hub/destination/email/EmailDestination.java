package com.ordercloudhub.hub.destination.email;

import com.ordercloudhub.hub.delivery.Destination;
import com.ordercloudhub.hub.delivery.FailureClassifier.Failure;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * Email, the {@code email} destination (Message Sender calls): always usable (without SMTP_HOST
 * mail goes to the outbox). It owns what every email leg shares, {@code notice} included: a mail
 * server refusing an address makes the leg dead, and a dry run shows the email as composed.
 */
@Component
class EmailDestination implements Destination {

  @Override
  public String name() {
    return "email";
  }

  @Override
  public Optional<Failure> classify(Throwable cause, Exchange exchange) {
    if (cause instanceof SendFailedException mail
        && mail.getInvalidAddresses() != null
        && mail.getInvalidAddresses().length > 0) {
      return Optional.of(
          new Failure(
              true,
              "The mail server refused "
                  + Arrays.toString(mail.getInvalidAddresses())
                  + ": "
                  + mail.getMessage()));
    }
    return Optional.empty();
  }

  @Override
  public Optional<Map<String, Object>> describe(Endpoint endpoint, Exchange exchange) {
    return exchange.getMessage().getBody() instanceof MimeMessage mail
        ? Optional.of(MailCalls.describe(endpoint, mail))
        : Optional.empty();
  }
}
