package com.ordercloudhub.hub.destination.email;

import static com.ordercloudhub.hub.support.MailPeers.smtpOn;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.util.GreenMail;
import com.ordercloudhub.hub.event.MessageTypes;
import com.ordercloudhub.hub.support.Fixtures;
import com.ordercloudhub.hub.support.HubClient;
import com.ordercloudhub.hub.support.Legs;
import com.ordercloudhub.hub.support.Payloads;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

/**
 * The hub with GreenMail on 127.0.0.1 as its SMTP server, for the Message Sender email tests, and
 * the payload samples in {@code src/test/resources/messages/} (one per EventBody family, built from
 * the shared {@code messagesender-ordersubmitted} fixture). Every {@code @HubTest} subclass without
 * configuration of its own shares one Spring context and this one mail server, which therefore
 * lives as long as the test JVM (a test that stops it starts it again on the same port).
 */
abstract class MessageSenderHub {

  static final String MESSAGES = "/webhooks/ordercloud/messages";
  static final String HUB_SENDER = "hub@seller.test";
  static final String MAIL_FROM = "OrderCloud Hub <" + HUB_SENDER + ">";

  static volatile GreenMail smtp = smtpOn(0);
  static final int smtpPort = smtp.getSmtp().getPort();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> smtp.stop(), "greenmail-stop"));
  }

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  HubClient hub;
  Legs legs;

  @DynamicPropertySource
  static void mailServer(DynamicPropertyRegistry registry) {
    registry.add("SMTP_HOST", () -> "127.0.0.1");
    registry.add("SMTP_PORT", () -> String.valueOf(smtpPort));
    registry.add("SMTP_STARTTLS", () -> "false");
    registry.add("MAIL_FROM", () -> MAIL_FROM);
    // quick retries, but ten of them (about 10 s): a leg outlives a short mail server outage
    registry.add(
        "hub.delivery.destinations.email.retry-schedule",
        () -> "200ms,400ms,800ms,1200ms,1200ms,1200ms,1200ms,1200ms,1200ms,1200ms");
    registry.add("hub.delivery.poll-interval", () -> "200ms");
  }

  /** A fresh copy of templates/email/ under target/, for a test to drop its templates into. */
  static Path copyOfTheTemplates(String prefix) throws IOException {
    Path folder =
        Files.createTempDirectory(Files.createDirectories(Path.of("target")), prefix)
            .toAbsolutePath();
    FileSystemUtils.copyRecursively(Path.of("templates/email"), folder);
    return folder;
  }

  @BeforeEach
  void connect() {
    hub = new HubClient(port);
    legs = new Legs(jdbc);
  }

  /** The EventBody families of SPEC §6.6, each with its sample and who it goes to. */
  enum Family {
    ORDER(
        "order",
        "jane.doe@acme.example",
        "Jane Doe",
        List.of("purchasing@acme.example"),
        "orders@shop.example",
        null),
    ORDER_RETURN(
        "order-return",
        "jane.doe@acme.example",
        "Jane Doe",
        List.of("returns@acme.example", "purchasing@acme.example"), // CCList as a string
        "returns@shop.example",
        "Acme Returns"),
    SHIPMENT(
        "shipment",
        "jane.doe@acme.example",
        "Jane Doe",
        List.of("receiving@acme.example"),
        "shipping@shop.example",
        null),
    SET_PASSWORD("set-password", "sam.lee@acme.example", "Sam Lee", List.of(), HUB_SENDER, null),
    FORGOTTEN_USERNAME( // no CCList at all
        "forgotten-username", "jane.doe@acme.example", "Jane Doe", List.of(), HUB_SENDER, null),
    ONE_TIME_PASSWORD(
        "one-time-password", "jane.doe@acme.example", "Jane Doe", List.of(), HUB_SENDER, null),
    SUBSCRIPTION(
        "subscription",
        "jane.doe@acme.example",
        "Jane Doe",
        List.of("purchasing@acme.example"),
        "subscriptions@shop.example",
        null),
    PRODUCT_COLLECTION(
        "product-collection", "jane.doe@acme.example", "Jane Doe", List.of(), HUB_SENDER, null);

    final String sample;
    final String to;
    final String toName;
    final List<String> cc;
    final String from;
    final String fromName;

    Family(String sample, String to, String toName, List<String> cc, String from, String fromName) {
      this.sample = sample;
      this.to = to;
      this.toName = toName;
      this.cc = cc;
      this.from = from;
      this.fromName = fromName;
    }

    /** MAIL_FROM's display name when the sample's ConfigData names no sender. */
    String expectedFromName() {
      return from.equals(HUB_SENDER) ? "OrderCloud Hub" : fromName;
    }

    static Family of(String messageType) {
      String sample = MessageTypes.family(messageType);
      return Arrays.stream(values()).filter(f -> f.sample.equals(sample)).findFirst().orElseThrow();
    }
  }

  /** The family's sample as this message type, with an OcLogIdHeader of its own. */
  static ObjectNode sample(String messageType) {
    ObjectNode message = sampleOf(Family.of(messageType));
    message.put("MessageType", messageType);
    return message;
  }

  static ObjectNode sampleOf(Family family) {
    ObjectNode message;
    try (InputStream in =
        MessageSenderHub.class.getResourceAsStream("/messages/" + family.sample + ".json")) {
      message = (ObjectNode) Fixtures.mapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    message.put("OcLogIdHeader", UUID.randomUUID().toString());
    return message;
  }

  /** Sends the message to {@code /messages/<type in lower case>}, as OrderCloud does. */
  String send(ObjectNode message) {
    return send(
        MESSAGES + "/" + message.get("MessageType").asText().toLowerCase(Locale.ROOT), message);
  }

  /** Sends the message signed, expects 202 and returns the stored event's id. */
  String send(String path, ObjectNode message) {
    HttpResponse<String> answer = hub.signed(path, Payloads.bytes(message));
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
    return Fixtures.json(answer.body().getBytes(StandardCharsets.UTF_8)).get("eventId").asText();
  }

  Map<String, Object> delivered(String eventId) {
    return legs.awaitStatus(eventId, "email", "delivered");
  }

  /** Waits until the email legs of all these events are in this status. */
  void awaitEmailLegs(Collection<String> eventIds, String status) {
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> eventIds.stream().allMatch(id -> status.equals(legs.status(id, "email"))));
  }

  /** Every copy GreenMail received of the event's email: one per To and CC address. */
  static List<MimeMessage> copies(String eventId) {
    return smtp.findReceivedMessages(u -> true, m -> keyOf(m).equals(eventId + ":email")).toList();
  }

  /** The one copy of the event's email in this address's mailbox. */
  static MimeMessage receivedBy(String address, String eventId) {
    List<MimeMessage> found =
        smtp.findReceivedMessages(
                user -> user.getEmail().equalsIgnoreCase(address),
                m -> keyOf(m).equals(eventId + ":email"))
            .toList();
    assertThat(found).as("copies of %s's email to %s", eventId, address).hasSize(1);
    return found.get(0);
  }

  static String keyOf(MimeMessage message) {
    try {
      String key = message.getHeader("X-Hub-Idempotency-Key", null);
      return key == null ? "" : key;
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<String> addresses(MimeMessage message, Message.RecipientType type)
      throws MessagingException {
    jakarta.mail.Address[] found = message.getRecipients(type);
    return found == null
        ? List.of()
        : Arrays.stream(found).map(a -> ((InternetAddress) a).getAddress()).toList();
  }

  static InternetAddress from(MimeMessage message) throws MessagingException {
    assertThat(message.getFrom()).hasSize(1);
    return (InternetAddress) message.getFrom()[0];
  }

  /** The text/plain part of a multipart/alternative email. */
  static String text(MimeMessage message) throws MessagingException, IOException {
    return part(message, "text/plain");
  }

  /** The text/html part of a multipart/alternative email. */
  static String html(MimeMessage message) throws MessagingException, IOException {
    return part(message, "text/html");
  }

  private static String part(MimeMessage message, String type)
      throws MessagingException, IOException {
    assertThat(message.isMimeType("multipart/alternative")).isTrue();
    MimeMultipart parts = (MimeMultipart) message.getContent();
    List<String> found = new ArrayList<>();
    for (int i = 0; i < parts.getCount(); i++) {
      BodyPart part = parts.getBodyPart(i);
      if (part.isMimeType(type)) {
        found.add((String) part.getContent());
      }
    }
    assertThat(found).as("%s parts", type).hasSize(1);
    return found.get(0);
  }

  /** "table.column" of every text column, in every table, that holds the value. */
  List<String> columnsHolding(String value) {
    List<String> holding = new ArrayList<>();
    List<Map<String, Object>> columns =
        jdbc.queryForList(
            "SELECT table_name, column_name FROM information_schema.columns"
                + " WHERE LOWER(table_schema) = 'public'"
                + " AND (LOWER(data_type) LIKE 'character%' OR LOWER(data_type) = 'json')");
    assertThat(columns).as("text columns").isNotEmpty();
    String pattern =
        "%" + value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    for (Map<String, Object> column : columns) {
      // identifiers come from the catalogue; the value is a parameter
      String table = '"' + column.get("table_name").toString() + '"';
      String name = '"' + column.get("column_name").toString() + '"';
      Integer rows =
          jdbc.queryForObject(
              "SELECT COUNT(*) FROM " + table + " WHERE " + name + " LIKE ?",
              Integer.class,
              pattern);
      if (rows != null && rows > 0) {
        holding.add(column.get("table_name") + "." + column.get("column_name"));
      }
    }
    return holding;
  }
}
