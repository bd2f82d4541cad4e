package com.ordercloudhub.hub.destination.email;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.ordercloudhub.hub.delivery.DeliveryExchanges;
import com.ordercloudhub.hub.delivery.Dispatcher;
import com.ordercloudhub.hub.delivery.PermanentDeliveryException;
import com.ordercloudhub.hub.event.EventStore;
import com.ordercloudhub.hub.event.JsonFields;
import com.ordercloudhub.hub.event.PayloadRedactor;
import jakarta.mail.internet.InternetAddress;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Turns a Message Sender call into the email the customer expects: To is the recipient, CC the
 * call's CCList plus configured copies, From the sender's ConfigData {@code fromEmail}, else the
 * type's configured sender, else MAIL_FROM. Subject, HTML and text come from {@code
 * templates/email/<type>.{subject,html,text}.hbs} (a Mandrill template {@code <MessageType>.html}
 * dropped in replaces the HTML), rendered with {@link MessageModel}. Sealed secrets (reset codes,
 * one-time passwords) are opened only to render a leg delivered for real (its exchange says so:
 * {@link DeliveryExchanges#OPENS_SEALED}; a dry run's does not), and erased once the email is
 * delivered; a leg sent again after that is refused (dead, naming what was erased) rather than sent
 * without them.
 */
@Component("messageEmails")
public class MessageEmails {

  private static final Logger log = LoggerFactory.getLogger(MessageEmails.class);

  private final EventStore events;
  private final PayloadRedactor redactor;
  private final MessageModel models;
  private final EmailTemplates templates;
  private final MessageProperties messages;
  private final MailProperties mail;
  private final MandrillFormat mandrillFormat;

  public MessageEmails(
      EventStore events,
      PayloadRedactor redactor,
      MessageModel models,
      EmailTemplates templates,
      MessageProperties messages,
      MailProperties mail,
      MandrillFormat mandrillFormat) {
    this.events = events;
    this.redactor = redactor;
    this.models = models;
    this.templates = templates;
    this.messages = messages;
    this.mail = mail;
    this.mandrillFormat = mandrillFormat;
  }

  public EmailMessage compose(Exchange exchange) {
    JsonNode stored = exchange.getMessage().getBody(JsonNode.class);
    ObjectNode payload = ((ObjectNode) stored).deepCopy();
    if (exchange.getProperty(DeliveryExchanges.OPENS_SEALED, false, Boolean.class)) {
      open(exchange, payload);
    } else {
      // not a delivery (a dry run's answer goes to an operator): sealed secrets stay sealed
      List<String> sealed = new ArrayList<>();
      sealedLeftRedacted(payload, "", sealed);
      if (!sealed.isEmpty()) {
        exchange.setProperty(
            DeliveryExchanges.LEG_NOTE,
            "Shown as [redacted] in this dry run (the email would carry the sealed value): "
                + String.join(", ", sealed));
      }
    }
    EmailMessage email = compose(payload);
    if (email.note() != null) {
      String before = exchange.getProperty(DeliveryExchanges.LEG_NOTE, String.class);
      exchange.setProperty(
          DeliveryExchanges.LEG_NOTE, before == null ? email.note() : before + "; " + email.note());
    }
    return email;
  }

  /** Puts the event's sealed secrets back into the payload, for a leg delivered for real. */
  private void open(Exchange exchange, ObjectNode payload) {
    String eventId = exchange.getMessage().getHeader(DeliveryExchanges.EVENT_ID, String.class);
    Map<String, String> secrets = events.secretsOf(eventId);
    secrets.forEach((pointer, value) -> restore(payload, pointer, value));
    if (!secrets.isEmpty()) {
      // the outbox keeps such a file only briefly (MailOutbox)
      exchange.setProperty(MailOutbox.CARRIES_SECRETS, true);
    }
    // a leg sent again (a forced replay) after its email was delivered: the secrets are gone, and
    // an email with "[redacted]" for a reset code or one-time password must not reach the customer
    List<String> erased = new ArrayList<>();
    sealedLeftRedacted(payload, "", erased);
    if (!erased.isEmpty()) {
      throw new PermanentDeliveryException(
          "Not sent again: "
              + String.join(", ", erased)
              + " was erased once this message's email was delivered; OrderCloud must send a new"
              + " message");
    }
  }

  /** The email for a payload (also used for template previews). */
  public EmailMessage compose(JsonNode payload) {
    String type = JsonFields.text(payload, "MessageType");
    if (type == null) {
      throw new PermanentDeliveryException("The email destination takes Message Sender calls only");
    }
    String name = type.toLowerCase(Locale.ROOT);
    if (!templates.exists(name)) {
      throw new PermanentDeliveryException(
          "No email template for "
              + type
              + ": add templates/email/"
              + name
              + ".{subject,html,text}.hbs");
    }
    MessageProperties.TypeSettings settings = messages.forType(type);
    Map<String, Object> model = models.build(payload);
    String subject =
        settings.subject() != null && !settings.subject().isBlank()
            ? templates.renderInline(settings.subject(), EmailTemplates.Part.SUBJECT, model)
            : templates.render(name, EmailTemplates.Part.SUBJECT, model);
    model.put("subject", subject);
    Optional<Path> mandrill = templates.mandrillTemplate(type);
    String html = null;
    String note = null;
    if (mandrill.isPresent()) {
      try {
        html = templates.renderMandrill(mandrill.get(), mandrillFormat.apply(model));
      } catch (PermanentDeliveryException e) {
        // the customer still gets their email: the built-in HTML, and the leg says why
        note =
            "Mandrill template %s failed (%s); sent with the built-in %s.html.hbs instead"
                .formatted(mandrill.get().getFileName(), firstLine(e.getCause()), name);
        log.warn("{}", note);
      }
    }
    if (html == null) {
      html = templates.render(name, EmailTemplates.Part.HTML, model);
    }
    String text = templates.render(name, EmailTemplates.Part.TEXT, model);
    return new EmailMessage(
        List.of(recipient(payload)),
        copies(payload, settings),
        sender(payload, settings),
        subject,
        html,
        text,
        note);
  }

  private static String firstLine(Throwable e) {
    String message = e == null ? null : e.getMessage();
    return message == null ? "unknown error" : message.lines().findFirst().orElse("").trim();
  }

  private static String recipient(JsonNode payload) {
    JsonNode recipient = JsonFields.get(payload, "Recipient");
    String email = JsonFields.text(recipient, "Email");
    if (email == null || email.isBlank()) {
      throw new PermanentDeliveryException("The message's Recipient has no e-mail address");
    }
    String name =
        String.join(
                " ",
                Optional.ofNullable(JsonFields.text(recipient, "FirstName")).orElse(""),
                Optional.ofNullable(JsonFields.text(recipient, "LastName")).orElse(""))
            .trim();
    return named(email.trim(), name);
  }

  /** CCList as an array or a comma-separated string (Headstart's CCRecipient too), plus config. */
  private static List<String> copies(JsonNode payload, MessageProperties.TypeSettings settings) {
    List<String> cc = new ArrayList<>();
    for (String field : new String[] {"CCList", "CCRecipient"}) {
      JsonNode list = JsonFields.get(payload, field);
      if (list == null || list.isNull()) {
        continue;
      }
      if (list.isArray()) {
        list.forEach(item -> split(item.asText(), cc));
      } else {
        split(list.asText(), cc);
      }
    }
    settings.cc().forEach(address -> split(address, cc));
    return cc.stream().distinct().toList();
  }

  private static void split(String text, List<String> into) {
    for (String part : text.split("[,;]")) {
      if (!part.isBlank()) {
        into.add(part.trim());
      }
    }
  }

  private String sender(JsonNode payload, MessageProperties.TypeSettings settings) {
    String fromConfig = JsonFields.text(JsonFields.get(payload, "ConfigData"), "fromEmail");
    if (fromConfig != null && !fromConfig.isBlank()) {
      return fromConfig.trim();
    }
    if (settings.from() != null && !settings.from().isBlank()) {
      return settings.from().trim();
    }
    return mail.from();
  }

  private static String named(String email, String name) {
    if (name.isBlank()) {
      return email;
    }
    try {
      return new InternetAddress(email, name, StandardCharsets.UTF_8.name()).toString();
    } catch (UnsupportedEncodingException e) {
      return email;
    }
  }

  /** Sealed properties (by JSON pointer) that still hold the stored placeholder. */
  private void sealedLeftRedacted(JsonNode node, String at, List<String> into) {
    if (node.isObject()) {
      node.fields()
          .forEachRemaining(
              field -> {
                String pointer = at + "/" + field.getKey().replace("~", "~0").replace("/", "~1");
                if (redactor.isSealed(field.getKey())
                    && PayloadRedactor.REDACTED.equals(field.getValue().textValue())) {
                  into.add(pointer);
                } else {
                  sealedLeftRedacted(field.getValue(), pointer, into);
                }
              });
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        sealedLeftRedacted(node.get(i), at + "/" + i, into);
      }
    }
  }

  private static void restore(ObjectNode payload, String pointer, String value) {
    JsonPointer at = JsonPointer.compile(pointer);
    JsonNode parent = payload.at(at.head());
    if (parent instanceof ObjectNode object) {
      object.set(at.last().getMatchingProperty(), TextNode.valueOf(value));
    }
  }

  /** Secrets a delivered email needed are not kept a moment longer. */
  @EventListener
  void onDelivered(Dispatcher.LegDelivered delivered) {
    if ("email".equals(delivered.destination()) && events.eraseSecrets(delivered.eventId())) {
      log.info("Secrets of event {} erased after its email was delivered", delivered.eventId());
    }
  }
}
