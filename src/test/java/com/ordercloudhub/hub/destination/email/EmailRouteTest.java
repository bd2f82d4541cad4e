package com.ordercloudhub.hub.destination.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ordercloudhub.hub.delivery.DeliveryExchanges;
import com.ordercloudhub.hub.delivery.PermanentDeliveryException;
import com.ordercloudhub.hub.event.EventStore;
import com.ordercloudhub.hub.event.MessageTypes;
import com.ordercloudhub.hub.support.Fixtures;
import com.ordercloudhub.hub.support.Payloads;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.EndpointInject;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.camel.test.spring.junit5.UseAdviceWith;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.io.ClassPathResource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

/**
 * routes/destinations/email.camel.yaml as a route: every message type's sample becomes the email
 * its recipient expects, the order notice goes to ORDER_NOTICE_TO, and an email leaves over SMTP
 * when SMTP_HOST is set, else to the outbox (both mocked by step id).
 */
@CamelSpringBootTest
@SpringBootTest(
    classes = EmailRoutes.class,
    properties = {
      EmailRoutes.ROUTES,
      "camel.main.jmx-enabled=false",
      "camel.springboot.main-run-controller=false",
      "hub.mail.notice-to=orders@seller.example, sales@seller.example"
    })
@UseAdviceWith
class EmailRouteTest {

  @Autowired CamelContext camel;
  @Autowired ProducerTemplate producer;
  @Autowired ObjectMapper mapper;
  @Autowired MailProperties mail;

  /** The event store is the database: a message here has no sealed secrets stored. */
  @MockitoBean EventStore events;

  /** Real, answering from SMTP_HOST unless a test chooses the branch. */
  @MockitoSpyBean MailRouting routing;

  @EndpointInject("mock:smtp")
  MockEndpoint smtp;

  @EndpointInject("mock:outbox")
  MockEndpoint outbox;

  @BeforeEach
  void sendsMocked() throws Exception {
    if (camel.isStarted()) {
      return;
    }
    AdviceWith.adviceWith(
        camel,
        "email-send-message",
        route -> {
          route.weaveById("email-send-message-smtp").replace().to("mock:smtp");
          route.weaveById("email-send-message-outbox").replace().to("mock:outbox");
        });
    camel.start();
  }

  @AfterEach
  void reset() {
    MockEndpoint.resetMocks(camel);
  }

  static List<String> messageTypes() {
    return MessageTypes.ALL;
  }

  @ParameterizedTest
  @MethodSource("messageTypes")
  void eachMessageTypesSampleBecomesItsEmail(String messageType) throws Exception {
    ObjectNode sample = sample(messageType);
    JsonNode body = sample.path("EventBody");
    outbox.expectedMessageCount(1);
    smtp.expectedMessageCount(0);

    Exchange done = deliver("email-deliver-event", MessageTypes.eventType(messageType), sample);

    assertThat(done.getException()).isNull();
    MockEndpoint.assertIsSatisfied(5, TimeUnit.SECONDS, outbox, smtp);
    MimeMessage email = sent(outbox);
    assertThat(addresses(email, Message.RecipientType.TO))
        .containsExactly(sample.path("Recipient").path("Email").asText());
    assertThat(((InternetAddress) email.getFrom()[0]).getAddress())
        .isEqualTo(new InternetAddress(mail.from()).getAddress());
    assertThat(email.getSubject()).isNotBlank().doesNotContain("{{");
    if (MessageTypes.family(messageType).equals("order-return")) {
      assertThat(email.getSubject()).contains(body.path("OrderReturn").path("ID").asText());
    } else if (MessageTypes.family(messageType).equals("order")) {
      assertThat(email.getSubject()).contains(body.path("Order").path("ID").asText());
    }
    assertThat(email.getMessageID()).startsWith("<event-1:email@");
    assertThat(email.getHeader("X-Hub-Idempotency-Key")).containsExactly("event-1:email");
  }

  @Test
  void theMessageSendersFromAndCopiesAreKept() throws Exception {
    ObjectNode call = Payloads.node(Fixtures.MESSAGE_ORDER_SUBMITTED);
    call.putObject("ConfigData").put("fromEmail", "shop@seller.example");
    call.putArray("CCList").add("buyer-manager@acme.example");
    outbox.expectedMessageCount(1);

    Exchange done = deliver("email-deliver-event", "message.ordersubmitted", call);

    assertThat(done.getException()).isNull();
    outbox.assertIsSatisfied(5, TimeUnit.SECONDS);
    MimeMessage email = sent(outbox);
    assertThat(((InternetAddress) email.getFrom()[0]).getAddress())
        .isEqualTo("shop@seller.example");
    assertThat(addresses(email, Message.RecipientType.CC))
        .containsExactly("buyer-manager@acme.example");
    assertThat(addresses(email, Message.RecipientType.TO))
        .containsExactly(call.path("Recipient").path("Email").asText());
  }

  @Test
  void withSmtpTheEmailGoesToTheSmtpServerNotTheOutbox() throws Exception {
    when(routing.smtp()).thenReturn(true);
    smtp.expectedMessageCount(1);
    outbox.expectedMessageCount(0);

    Exchange done =
        deliver(
            "email-deliver-event",
            "message.ordersubmitted",
            Payloads.node(Fixtures.MESSAGE_ORDER_SUBMITTED));

    assertThat(done.getException()).isNull();
    MockEndpoint.assertIsSatisfied(5, TimeUnit.SECONDS, smtp, outbox);
    assertThat(smtp.getReceivedExchanges().get(0).getMessage().getBody())
        .isInstanceOf(MimeMessage.class);
  }

  @Test
  void theOrderNoticeGoesToOrderNoticeTo() throws Exception {
    ObjectNode order = Payloads.node(Fixtures.POST_ORDER_SUBMIT);
    outbox.expectedMessageCount(1);

    Exchange done = deliver("notice-deliver-event", "order.submitted", order);

    assertThat(done.getException()).isNull();
    outbox.assertIsSatisfied(5, TimeUnit.SECONDS);
    MimeMessage email = sent(outbox);
    assertThat(addresses(email, Message.RecipientType.TO))
        .containsExactlyElementsOf(mail.noticeTo());
    assertThat(email.getSubject())
        .contains(order.path("Response").path("Body").path("ID").asText())
        .contains(order.path("Response").path("Body").path("FromCompanyID").asText());
  }

  @Test
  void aCallThatIsNoMessageFailsPermanentlyAndSendsNothing() throws Exception {
    outbox.expectedMessageCount(0);
    smtp.expectedMessageCount(0);

    Exchange done =
        deliver(
            "email-deliver-event", "order.submitted", Payloads.node(Fixtures.POST_ORDER_SUBMIT));

    assertThat(done.getException())
        .isInstanceOf(PermanentDeliveryException.class)
        .hasMessageContaining("Message Sender");
    MockEndpoint.assertIsSatisfied(camel);
  }

  @Test
  void aRecipientWithoutAddressFailsPermanentlyAndSendsNothing() throws Exception {
    ObjectNode call = Payloads.node(Fixtures.MESSAGE_ORDER_SUBMITTED);
    ((ObjectNode) call.path("Recipient")).remove("Email");
    outbox.expectedMessageCount(0);

    Exchange done = deliver("email-deliver-event", "message.ordersubmitted", call);

    assertThat(done.getException())
        .isInstanceOf(PermanentDeliveryException.class)
        .hasMessageContaining("Recipient");
    MockEndpoint.assertIsSatisfied(camel);
  }

  private Exchange deliver(String route, String eventType, JsonNode payload) {
    String destination = route.startsWith("notice") ? "notice" : "email";
    return producer.send(
        "direct:" + route,
        exchange -> {
          exchange.getMessage().setBody(payload);
          exchange.getMessage().setHeader(DeliveryExchanges.EVENT_ID, "event-1");
          exchange.getMessage().setHeader(DeliveryExchanges.EVENT_TYPE, eventType);
          exchange.getMessage().setHeader(DeliveryExchanges.DESTINATION, destination);
          exchange
              .getMessage()
              .setHeader(DeliveryExchanges.IDEMPOTENCY_KEY, "event-1:" + destination);
        });
  }

  /** The built-in sample of the type's family (what template previews use), as that type. */
  private ObjectNode sample(String messageType) throws IOException {
    try (InputStream in =
        new ClassPathResource("samples/messages/" + MessageTypes.family(messageType) + ".json")
            .getInputStream()) {
      ObjectNode sample = (ObjectNode) mapper.readTree(in);
      sample.put("MessageType", messageType);
      return sample;
    }
  }

  private static MimeMessage sent(MockEndpoint mock) {
    return mock.getReceivedExchanges().get(0).getMessage().getBody(MimeMessage.class);
  }

  private static List<String> addresses(MimeMessage email, Message.RecipientType type)
      throws Exception {
    Address[] found = email.getRecipients(type);
    return found == null
        ? List.of()
        : Arrays.stream(found).map(a -> ((InternetAddress) a).getAddress()).toList();
  }
}
