package com.ordercloudhub.hub.destination.email;

import static com.ordercloudhub.hub.support.MailPeers.outboxFolder;
import static com.ordercloudhub.hub.support.MailPeers.smtpOn;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.ordercloudhub.hub.support.Fixtures;
import com.ordercloudhub.hub.support.HubClient;
import com.ordercloudhub.hub.support.HubTest;
import com.ordercloudhub.hub.support.Legs;
import com.ordercloudhub.hub.support.Payloads;
import com.ordercloudhub.hub.support.Webhooks;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The order notice (the {@code notice} destination) against GreenMail on 127.0.0.1: who gets it,
 * from whom, its subject and both parts; a mail server that is down makes the leg retry until it is
 * back. A second hub without SMTP_HOST writes the notice to the outbox folder as an .eml file.
 */
@HubTest
class EmailDestinationTest {

  static final String POST = "/webhooks/ordercloud/post";
  static final String TO_DESK = "orders@seller.test";
  static final String TO_WAREHOUSE = "warehouse@seller.test";
  static final String FROM = "hub@seller.test";

  static volatile GreenMail smtp = smtpOn(0);
  static final int smtpPort = smtp.getSmtp().getPort();
  static final Path outbox = outboxFolder();

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  HubClient hub;
  Legs legs;

  @DynamicPropertySource
  static void mail(DynamicPropertyRegistry registry) {
    registry.add("SMTP_HOST", () -> "127.0.0.1");
    registry.add("SMTP_PORT", () -> String.valueOf(smtpPort));
    registry.add("SMTP_STARTTLS", () -> "false");
    registry.add("MAIL_FROM", () -> "OrderCloud Hub <" + FROM + ">");
    registry.add("ORDER_NOTICE_TO", () -> "Orders Desk <" + TO_DESK + ">, " + TO_WAREHOUSE);
    // only the hub without SMTP_HOST (below) may write here
    registry.add("hub.mail.outbox-dir", outbox::toString);
    registry.add(
        "hub.delivery.destinations.notice.retry-schedule",
        () -> "300ms,600ms,1200ms,2400ms,4800ms");
    registry.add("hub.delivery.poll-interval", () -> "200ms");
  }

  @AfterAll
  static void stop() {
    smtp.stop();
  }

  @BeforeEach
  void connect() {
    hub = new HubClient(port);
    legs = new Legs(jdbc);
  }

  @Test
  void aSubmittedOrderSendsTheNoticeToEveryAddressInOrderNoticeTo() throws Exception {
    String orderId = "SO-" + UUID.randomUUID();

    String eventId = send(hub, orderId);
    Map<String, Object> leg = legs.awaitStatus(eventId, "notice", "delivered");

    assertThat(leg)
        .containsEntry("attempts", 1)
        .containsEntry("idempotency_key", eventId + ":notice")
        .containsEntry("note", null);
    // one copy in each recipient's mailbox
    assertThat(received(TO_DESK, eventId)).hasSize(1);
    assertThat(received(TO_WAREHOUSE, eventId)).hasSize(1);
    assertThat(smtp.findReceivedMessages(u -> true, m -> keyOf(m).equals(eventId + ":notice")))
        .hasSize(2);
    assertIsTheNotice(received(TO_DESK, eventId).get(0), orderId, eventId);
    assertThat(outboxFiles()).noneMatch(f -> f.getFileName().toString().startsWith(eventId));

    // order.submitted's other destinations: the database delivers, the unconfigured are skipped
    assertThat(legs.status(eventId, "database")).isEqualTo("delivered");
    assertThat(legs.skipped(eventId))
        .containsExactly("crm: SALESFORCE_CLIENT_ID is not set", "erp: ERP_BASE_URL is not set");
    assertHealthy(hub);
  }

  @Test
  void whileTheMailServerIsDownTheNoticeRetriesAndIsSentOnceItIsBack() throws Exception {
    String orderId = "SO-" + UUID.randomUUID();
    String eventId;
    smtp.stop();
    try {
      eventId = send(hub, orderId);
      Map<String, Object> retrying = legs.awaitStatus(eventId, "notice", "retrying");
      assertThat((String) retrying.get("last_error")).contains("Connection refused");
      assertHealthy(hub);
    } finally {
      smtp = smtpOn(smtpPort); // back on the same port, as a restarted server would be
    }
    Map<String, Object> delivered = legs.awaitStatus(eventId, "notice", "delivered");

    assertThat((Integer) delivered.get("attempts")).isGreaterThanOrEqualTo(2);
    assertThat(received(TO_DESK, eventId)).hasSize(1);
    assertThat(received(TO_WAREHOUSE, eventId)).hasSize(1);
    assertIsTheNotice(received(TO_DESK, eventId).get(0), orderId, eventId);
  }

  /** A second hub, the same but without SMTP_HOST: notices go to the outbox folder. */
  @Nested
  @TestPropertySource(properties = "hub.mail.host=")
  class WithoutSmtp {

    @LocalServerPort int hubPort;
    @Autowired JdbcTemplate hubJdbc;

    @Test
    void theNoticeIsWrittenToTheOutboxAsAnEmlFileNamedAfterTheLeg() throws Exception {
      HubClient withoutSmtp = new HubClient(hubPort);
      String orderId = "SO-" + UUID.randomUUID();

      String eventId = send(withoutSmtp, orderId);
      new Legs(hubJdbc).awaitStatus(eventId, "notice", "delivered");

      Path eml = outbox.resolve(eventId + "_notice.eml");
      assertThat(eml).isRegularFile();
      assertThat(outboxFiles()).noneMatch(f -> f.toString().endsWith(".tmp"));
      MimeMessage message;
      try (InputStream in = Files.newInputStream(eml)) {
        message = new MimeMessage(Session.getInstance(new Properties()), in);
      }
      assertIsTheNotice(message, orderId, eventId);
      assertThat(smtp.findReceivedMessages(u -> true, m -> keyOf(m).startsWith(eventId))).isEmpty();
      assertThat(new Legs(hubJdbc).skipped(eventId))
          .containsExactly("crm: SALESFORCE_CLIENT_ID is not set", "erp: ERP_BASE_URL is not set");
      assertHealthy(withoutSmtp);
    }
  }

  static void assertIsTheNotice(MimeMessage message, String orderId, String eventId)
      throws MessagingException, IOException {
    assertThat(message.getSubject()).isEqualTo("New order " + orderId + " from ACME: 172.80 USD");
    assertThat(message.getFrom())
        .singleElement()
        .satisfies(
            from -> {
              assertThat(((InternetAddress) from).getAddress()).isEqualTo(FROM);
              assertThat(((InternetAddress) from).getPersonal()).isEqualTo("OrderCloud Hub");
            });
    assertThat(message.getRecipients(Message.RecipientType.TO))
        .extracting(a -> ((InternetAddress) a).getAddress())
        .containsExactly(TO_DESK, TO_WAREHOUSE);
    assertThat(message.getRecipients(Message.RecipientType.CC)).isNull();
    assertThat(message.getMessageID()).isEqualTo("<" + eventId + ":notice@ordercloud-hub>");
    assertThat(message.isMimeType("multipart/alternative")).isTrue();

    MimeMultipart parts = (MimeMultipart) message.getContent();
    assertThat(parts.getCount()).isEqualTo(2);
    BodyPart text = parts.getBodyPart(0);
    BodyPart html = parts.getBodyPart(1);
    assertThat(text.isMimeType("text/plain")).isTrue();
    assertThat(html.isMimeType("text/html")).isTrue();
    for (BodyPart part : List.of(text, html)) {
      assertThat((String) part.getContent())
          .contains(orderId)
          .contains("PO-7781")
          .contains("172.80 USD")
          .contains("Jane Doe")
          .contains(eventId);
    }
    assertThat((String) text.getContent()).doesNotContain("<td");
    assertThat((String) html.getContent())
        .contains("<table")
        .contains("Please deliver before noon");
  }

  static String send(HubClient client, String orderId) {
    HttpResponse<String> answer =
        client.signed(POST, Payloads.bytes(Webhooks.orderSubmitted(orderId)));
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
    return json(answer.body()).get("eventId").asText();
  }

  static List<MimeMessage> received(String address, String eventId) {
    return smtp.findReceivedMessages(
            user -> user.getEmail().equals(address),
            message -> keyOf(message).equals(eventId + ":notice"))
        .toList();
  }

  static String keyOf(MimeMessage message) {
    try {
      String key = message.getHeader("X-Hub-Idempotency-Key", null);
      return key == null ? "" : key;
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<Path> outboxFiles() throws IOException {
    try (Stream<Path> files = Files.list(outbox)) {
      return files.toList();
    }
  }

  static void assertHealthy(HubClient client) {
    HttpResponse<String> health = client.get("/actuator/health");
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(json(health.body()).get("status").asText()).isEqualTo("UP");
  }

  static JsonNode json(String text) {
    return Fixtures.json(text.getBytes(StandardCharsets.UTF_8));
  }
}
