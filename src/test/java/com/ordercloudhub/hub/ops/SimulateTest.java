package com.ordercloudhub.hub.ops;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.ordercloudhub.hub.support.MailPeers.outboxFolder;
import static com.ordercloudhub.hub.support.MailPeers.smtpOn;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.icegreen.greenmail.util.GreenMail;
import com.ordercloudhub.hub.delivery.DryRun;
import com.ordercloudhub.hub.support.Fixtures;
import com.ordercloudhub.hub.support.HubClient;
import com.ordercloudhub.hub.support.HubTest;
import com.ordercloudhub.hub.support.Payloads;
import com.ordercloudhub.hub.support.Webhooks;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultExchange;
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
 * Dry runs ({@code POST /api/simulate}, {@code POST /api/events/{id}/simulate}) with every
 * destination configured against real protocol peers: one WireMock as Salesforce (with its OAuth
 * endpoint), the ERP, the OrderCloud API and the address service, GreenMail as SMTP, and the
 * database. The answer shows each destination's request as the destination tests see it arrive, and
 * afterwards no peer has seen a request, no mail was sent and no table changed. This hub only takes
 * events in (delivery off), so a stored event stays undelivered.
 */
@HubTest
class SimulateTest {

  static final String TO_DESK = "orders@seller.test";
  static final String TO_WAREHOUSE = "warehouse@seller.test";
  static final String FROM = "hub@seller.test";
  static final String ERP_USER = "hub-erp";
  static final String ERP_PASSWORD = "erp-secret";

  static final WireMockServer peers = started();
  static final GreenMail smtp = smtpOn(0);
  static final Path outbox = outboxFolder();

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired ProducerTemplate producer;
  @Autowired CamelContext camel;
  HubClient hub;

  @DynamicPropertySource
  static void everyDestination(DynamicPropertyRegistry registry) {
    String url = "http://127.0.0.1:" + peers.port();
    registry.add("SALESFORCE_LOGIN_URL", () -> url);
    registry.add("SALESFORCE_CLIENT_ID", () -> "connected-app-key");
    registry.add("SALESFORCE_CLIENT_SECRET", () -> "connected-app-secret");
    registry.add("SALESFORCE_USERNAME", () -> "integration@acme.example");
    registry.add("SALESFORCE_PASSWORD", () -> "pw-and-token");
    registry.add("ERP_BASE_URL", () -> url + "/api/");
    registry.add("ERP_AUTH", () -> "basic");
    registry.add("ERP_USERNAME", () -> ERP_USER);
    registry.add("ERP_PASSWORD", () -> ERP_PASSWORD);
    registry.add("ORDERCLOUD_API_URL", () -> url);
    registry.add("ORDERCLOUD_AUTH_URL", () -> url);
    registry.add("ORDERCLOUD_CLIENT_ID", () -> "hub-client");
    registry.add("ORDERCLOUD_CLIENT_SECRET", () -> "hub-client-secret");
    registry.add("ADDRESS_VALIDATION_URL", () -> url + "/address-check");
    registry.add("hub.prehooks.order-submitted.max-total", () -> "1000");
    registry.add("hub.prehooks.order-submitted.erp-check", () -> "true");
    registry.add("SMTP_HOST", () -> "127.0.0.1");
    registry.add("SMTP_PORT", () -> String.valueOf(smtp.getSmtp().getPort()));
    registry.add("SMTP_STARTTLS", () -> "false");
    registry.add("MAIL_FROM", () -> "OrderCloud Hub <" + FROM + ">");
    registry.add("ORDER_NOTICE_TO", () -> "Orders Desk <" + TO_DESK + ">, " + TO_WAREHOUSE);
    registry.add("hub.mail.outbox-dir", outbox::toString);
    // an intake-only hub: a stored event is never delivered, so only a dry run could reach a peer
    registry.add("hub.delivery.enabled", () -> "false");
  }

  static WireMockServer started() {
    WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    server.start();
    // answers as the real systems would, so a leak would succeed (and be seen) rather than fail
    server.stubFor(any(anyUrl()).atPriority(10).willReturn(okJson("{}")));
    server.stubFor(
        post(urlPathEqualTo("/services/oauth2/token"))
            .willReturn(
                okJson(
                    "{\"access_token\":\"TOKEN\",\"instance_url\":\"http://127.0.0.1:"
                        + server.port()
                        + "\",\"id\":\"http://127.0.0.1/id/00D/005\",\"token_type\":\"Bearer\"}")));
    return server;
  }

  @AfterAll
  static void stop() {
    peers.stop();
    smtp.stop();
  }

  @BeforeEach
  void connect() {
    hub = new HubClient(port);
  }

  @Test
  void anOrderSubmitShowsWhatEachDestinationWouldReceiveAndNothingIsSentOrStored() {
    String orderId = "SO-" + UUID.randomUUID();
    Map<String, Integer> before = rowCounts();

    HttpResponse<String> answer =
        hub.opsPost("/api/simulate", Payloads.bytes(Webhooks.orderSubmitted(orderId)));

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    JsonNode sim = json(answer.body());
    String eventId = sim.get("eventId").asText();
    assertThat(sim.get("dryRun").asBoolean()).isTrue();
    assertThat(sim.get("stored").asBoolean()).isFalse();
    assertThat(sim.get("kind").asText()).isEqualTo("post");
    assertThat(sim.get("eventType").asText()).isEqualTo("order.submitted");
    assertThat(sim.get("routing").asText()).isEqualTo("event-order-submitted");
    assertThat(sim.get("destinations").findValuesAsText("destination"))
        .containsExactly("database", "crm", "erp", "notice");
    assertThat(sim.get("destinations"))
        .allSatisfy(leg -> assertThat(leg.get("status").asText()).isEqualTo("delivered"));

    // database: the MERGE and its named parameters, as DeliveryContract finds them in oc_order
    JsonNode database = leg(sim, "database");
    assertThat(database.get("idempotencyKey").asText()).isEqualTo(eventId + ":database");
    JsonNode upsert = single(database);
    assertThat(upsert.get("system").asText()).isEqualTo("sql");
    assertThat(upsert.get("statement").asText()).isEqualTo("sql/database/upsert-order.sql");
    JsonNode columns = upsert.get("parameters");
    assertThat(columns.get("id").asText()).isEqualTo(orderId);
    assertThat(columns.get("status").asText()).isEqualTo("Open");
    assertThat(columns.get("from_company_id").asText()).isEqualTo("ACME");
    assertThat(columns.get("direction").asText()).isEqualTo("Outgoing");
    assertThat(columns.get("total").decimalValue()).isEqualByComparingTo("172.8");
    assertThat(columns.get("tax_cost").decimalValue()).isEqualByComparingTo("12.8");
    assertThat(columns.get("last_event_id").asText()).isEqualTo(eventId);
    assertThat(columns.get("last_event_type").asText()).isEqualTo("order.submitted");
    assertThat(columns.get("raw_json").asText()).contains("\"PO-7781\"");

    // crm: the one Composite request CrmDestinationTest sees arrive at Salesforce, its three
    // upserts inside
    JsonNode crmCalls = leg(sim, "crm").get("requests");
    assertThat(crmCalls).hasSize(1);
    assertThat(crmCalls.get(0).get("method").asText()).isEqualTo("POST");
    assertThat(crmCalls.get(0).get("path").asText()).isEqualTo("/services/data/v59.0/composite");
    assertThat(crmCalls.get(0).get("body").get("allOrNone").asBoolean()).isTrue();
    JsonNode crm = crmCalls.get(0).get("body").get("compositeRequest");
    assertThat(crm).hasSize(3);
    assertThat(crm.findValuesAsText("url"))
        .containsExactly(
            "/services/data/v59.0/sobjects/Account/OrderCloud_ID__c/ACME",
            "/services/data/v59.0/sobjects/Contact/OrderCloud_ID__c/buyer-user-01",
            "/services/data/v59.0/sobjects/Opportunity/OrderCloud_ID__c/" + orderId);
    assertThat(crm.findValuesAsText("method")).containsOnly("PATCH");
    assertThat(crm.findValuesAsText("referenceId"))
        .containsExactly("Account", "Contact", "Opportunity");
    assertThat(crm.get(0).get("body"))
        .isEqualTo(
            json(
                "{\"Name\":\"Acme Corp\",\"BillingStreet\":\"100 Main St\\nSuite 400\","
                    + "\"BillingCity\":\"Minneapolis\",\"BillingState\":\"MN\","
                    + "\"BillingPostalCode\":\"55401\",\"BillingCountry\":\"US\","
                    + "\"Phone\":\"612-555-0100\"}"));
    assertThat(crm.get(1).get("body"))
        .isEqualTo(
            json(
                "{\"FirstName\":\"Jane\",\"LastName\":\"Doe\",\"Email\":\"jane.doe@acme.example\","
                    + "\"Phone\":\"612-555-0100\",\"Account\":{\"OrderCloud_ID__c\":\"ACME\"}}"));
    assertThat(crm.get(2).get("body"))
        .isEqualTo(
            json(
                "{\"Name\":\"Order "
                    + orderId
                    + "\",\"Amount\":172.8,\"CloseDate\":\"2025-03-14\","
                    + "\"StageName\":\"Proposal/Price Quote\",\"PO_Number__c\":\"PO-7781\","
                    + "\"Description\":\"Please deliver before noon\","
                    + "\"Account\":{\"OrderCloud_ID__c\":\"ACME\"}}"));

    // erp: first the OrderCloud API login for the line items (recorded, not made: so no lines),
    // then the request ErpDestinationTest sees, with its headers; no secret ever shown
    JsonNode erpLeg = leg(sim, "erp");
    assertThat(erpLeg.get("requests")).hasSize(2);
    JsonNode login = erpLeg.get("requests").get(0);
    assertThat(login.get("method").asText()).isEqualTo("POST");
    assertThat(login.get("url").asText())
        .isEqualTo("http://127.0.0.1:" + peers.port() + "/oauth/token");
    assertThat(login.get("body").asText())
        .contains("grant_type=client_credentials", "client_id=hub-client")
        .contains("client_secret=[redacted]");
    JsonNode erp = salesOrder(erpLeg);
    assertThat(erp.get("method").asText()).isEqualTo("POST");
    assertThat(erp.get("url").asText())
        .isEqualTo("http://127.0.0.1:" + peers.port() + "/api/sales-orders");
    assertThat(erp.at("/headers/Idempotency-Key").asText()).isEqualTo(eventId + ":erp");
    assertThat(erp.at("/headers/Content-Type").asText()).startsWith("application/json");
    assertThat(erp.at("/headers/Authorization").asText()).isEqualTo("Basic [redacted]");
    assertThat(answer.body())
        .doesNotContain(ERP_PASSWORD)
        .doesNotContain(HubClient.basic(ERP_USER, ERP_PASSWORD).substring(6))
        .doesNotContain("hub-client-secret")
        .doesNotContain(Fixtures.USER_TOKEN_PREFIX);
    JsonNode order = erp.get("body");
    assertThat(order.get("orderId").asText()).isEqualTo(orderId);
    assertThat(order.get("customerId").asText()).isEqualTo("ACME");
    assertThat(order.get("poNumber").asText()).isEqualTo("PO-7781");
    assertThat(order.get("total").decimalValue()).isEqualByComparingTo("172.8");
    assertThat(order.at("/billTo/company").asText()).isEqualTo("Acme Corp");
    assertThat(order.get("lines")).isEmpty();
    assertThat(texts(erpLeg.get("notes")))
        .anySatisfy(note -> assertThat(note).contains("dry run does not call it"));

    // notice: the email EmailDestinationTest receives over SMTP
    JsonNode mail = single(leg(sim, "notice"));
    assertThat(mail.get("system").asText()).isEqualTo("email");
    assertThat(mail.get("via").asText()).isEqualTo("smtp://127.0.0.1:" + smtp.getSmtp().getPort());
    assertThat(mail.get("subject").asText())
        .isEqualTo("New order " + orderId + " from ACME: 172.80 USD");
    assertThat(texts(mail.get("from"))).containsExactly("OrderCloud Hub <" + FROM + ">");
    assertThat(texts(mail.get("to")))
        .containsExactly("Orders Desk <" + TO_DESK + ">", TO_WAREHOUSE);
    assertThat(mail.get("cc")).isEmpty();
    assertThat(mail.get("messageId").asText()).isEqualTo("<" + eventId + ":notice@ordercloud-hub>");
    for (String part : List.of("text", "html")) {
      assertThat(mail.get(part).asText())
          .contains(orderId)
          .contains("PO-7781")
          .contains("172.80 USD")
          .contains("Jane Doe")
          .contains(eventId);
    }
    assertThat(mail.get("html").asText()).contains("<table").contains("Please deliver before noon");
    assertThat(mail.get("text").asText()).doesNotContain("<td");

    assertNothingLeftTheHub(before);
    assertThat(
            jdbc.queryForObject(
                "SELECT COUNT(*) FROM oc_order WHERE id = ?", Integer.class, orderId))
        .isZero();
  }

  @Test
  void aMessageSenderCallSimulatesToTheRenderedEmail() {
    Map<String, Integer> before = rowCounts();

    // no kind given: a body with MessageType and no Route is a Message Sender call
    HttpResponse<String> answer =
        hub.opsPost("/api/simulate", Payloads.fresh(Fixtures.MESSAGE_ORDER_SUBMITTED));

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    JsonNode sim = json(answer.body());
    assertThat(sim.get("kind").asText()).isEqualTo("message");
    assertThat(sim.get("eventType").asText()).isEqualTo("message.ordersubmitted");
    assertThat(sim.get("destinations").findValuesAsText("destination")).containsExactly("email");
    JsonNode email = leg(sim, "email");
    assertThat(email.get("status").asText()).isEqualTo("delivered");
    JsonNode mail = single(email);
    assertThat(texts(mail.get("to"))).containsExactly("Jane Doe <jane.doe@acme.example>");
    assertThat(texts(mail.get("cc"))).containsExactly("purchasing@acme.example");
    assertThat(texts(mail.get("from"))).containsExactly("orders@shop.example");
    assertThat(mail.get("subject").asText()).isEqualTo("Order SO-100234 confirmed: 172.80 USD");
    assertThat(mail.get("text").asText()).contains("SO-100234").contains("Safety Gloves (L)");
    assertThat(mail.get("html").asText()).contains("SO-100234").contains("Hard Hat");
    assertThat(answer.body()).doesNotContain(Fixtures.USER_TOKEN_PREFIX);

    assertNothingLeftTheHub(before);
  }

  /**
   * A stored reset email's code is sealed until the email is delivered: a dry run of it shows the
   * email with the code [redacted] and says so, and never opens the seal (only a leg delivered for
   * real does, MessageSecretsTest).
   */
  @Test
  void aStoredResetEmailSimulatesWithItsSealedCodeLeftSealed() throws IOException {
    String code = "RP-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    ObjectNode message;
    try (var in = SimulateTest.class.getResourceAsStream("/messages/set-password.json")) {
      message = (ObjectNode) Fixtures.mapper().readTree(in);
    }
    message
        .put("MessageType", "ForgottenPassword")
        .put("OcLogIdHeader", UUID.randomUUID().toString());
    ((ObjectNode) message.get("EventBody")).put("PasswordRenewalVerificationCode", code);
    HttpResponse<String> stored =
        hub.signed("/webhooks/ordercloud/messages/forgottenpassword", Payloads.bytes(message));
    assertThat(stored.statusCode()).as(stored.body()).isEqualTo(202);
    String eventId = json(stored.body()).get("eventId").asText();
    Map<String, Integer> before = rowCounts();

    HttpResponse<String> answer = hub.opsPost("/api/events/" + eventId + "/simulate", new byte[0]);

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    JsonNode email = leg(json(answer.body()), "email");
    assertThat(email.get("status").asText()).isEqualTo("delivered");
    assertThat(texts(email.get("notes")))
        .anySatisfy(
            note ->
                assertThat(note)
                    .startsWith("Shown as [redacted]")
                    .contains("PasswordRenewalVerificationCode"));
    assertThat(single(email).get("text").asText()).contains("[redacted]");
    assertThat(answer.body()).doesNotContain(code);
    assertNothingLeftTheHub(before);
  }

  @Test
  void aStoredEventSimulatesWithItsOwnIdAndAnUnknownIdIs404() {
    String orderId = "SO-" + UUID.randomUUID();
    HttpResponse<String> stored =
        hub.signed("/webhooks/ordercloud/post", Payloads.bytes(Webhooks.orderSubmitted(orderId)));
    assertThat(stored.statusCode()).as(stored.body()).isEqualTo(202);
    String eventId = json(stored.body()).get("eventId").asText();
    Map<String, Integer> before = rowCounts();

    HttpResponse<String> answer = hub.opsPost("/api/events/" + eventId + "/simulate", new byte[0]);

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    JsonNode sim = json(answer.body());
    assertThat(sim.get("eventId").asText()).isEqualTo(eventId);
    assertThat(sim.get("stored").asBoolean()).isTrue();
    assertThat(sim.get("eventType").asText()).isEqualTo("order.submitted");
    assertThat(salesOrder(leg(sim, "erp")).at("/headers/Idempotency-Key").asText())
        .isEqualTo(eventId + ":erp");
    assertThat(salesOrder(leg(sim, "erp")).at("/body/orderId").asText()).isEqualTo(orderId);
    assertThat(single(leg(sim, "database")).at("/parameters/last_event_id").asText())
        .isEqualTo(eventId);
    assertNothingLeftTheHub(before);
    assertThat(
            jdbc.queryForObject(
                "SELECT COUNT(*) FROM hub_delivery_leg WHERE event_id = ?", Integer.class, eventId))
        .isZero();

    HttpResponse<String> unknown = hub.opsPost("/api/events/no-such-event/simulate", new byte[0]);
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    assertThat(json(unknown.body()).get("error").asText()).isEqualTo("not_found");
  }

  @Test
  void aStoredEventAndItsDryRunsShowNumbersExactly() throws IOException {
    String orderId = "SO-" + UUID.randomUUID();
    ObjectNode webhook = Webhooks.orderSubmitted(orderId);
    ((ObjectNode) webhook.at("/Response/Body"))
        .put("Total", new BigDecimal("1234567890123.4567")) // a double shows …4568
        .put("Subtotal", new BigInteger("18446744073709551617"));
    HttpResponse<String> stored = hub.signed("/webhooks/ordercloud/post", Payloads.bytes(webhook));
    assertThat(stored.statusCode()).as(stored.body()).isEqualTo(202);
    String eventId = json(stored.body()).get("eventId").asText();

    HttpResponse<String> view = hub.opsGet("/api/events/" + eventId);
    assertThat(view.statusCode()).as(view.body()).isEqualTo(200);
    JsonNode order = EXACT.readTree(view.body()).at("/payload/Response/Body");
    assertThat(order.get("Total").decimalValue()).isEqualTo(new BigDecimal("1234567890123.4567"));
    assertThat(order.get("Subtotal").bigIntegerValue())
        .isEqualTo(new BigInteger("18446744073709551617"));

    HttpResponse<String> again = hub.opsPost("/api/events/" + eventId + "/simulate", new byte[0]);
    HttpResponse<String> fresh = hub.opsPost("/api/simulate", Payloads.bytes(webhook));
    for (HttpResponse<String> answer : List.of(again, fresh)) {
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
      JsonNode sim = EXACT.readTree(answer.body());
      JsonNode erp = salesOrder(leg(sim, "erp")).get("body");
      assertThat(erp.get("total").decimalValue()).isEqualTo(new BigDecimal("1234567890123.4567"));
      assertThat(erp.get("subtotal").bigIntegerValue())
          .isEqualTo(new BigInteger("18446744073709551617"));
      JsonNode opportunity =
          leg(sim, "crm").get("requests").get(0).at("/body/compositeRequest/2/body");
      assertThat(opportunity.get("Amount").decimalValue())
          .isEqualTo(new BigDecimal("1234567890123.4567"));
      // oc_order.subtotal cannot hold it: the leg says so with the value as it came
      assertThat(leg(sim, "database").get("status").asText()).isEqualTo("dead");
      assertThat(leg(sim, "database").get("reason").asText())
          .contains("oc_order.subtotal", "18446744073709551617");
    }
  }

  @Test
  void aPreHookRunsOnlyItsLocalRulesAndSaysWhichWereNotChecked() {
    Map<String, Integer> before = rowCounts();

    HttpResponse<String> address =
        hub.opsPost("/api/simulate?kind=pre", Payloads.fresh(Fixtures.PRE_ADDRESS_SAVE));
    HttpResponse<String> order =
        hub.opsPost("/api/simulate?kind=pre", Payloads.fresh(Fixtures.PRE_ORDER_SUBMIT));

    assertThat(address.statusCode()).as(address.body()).isEqualTo(200);
    JsonNode saved = json(address.body());
    assertThat(saved.get("kind").asText()).isEqualTo("pre");
    assertThat(saved.get("eventType").asText()).isEqualTo("address.saved");
    assertThat(saved.get("destinations")).isEmpty();
    JsonNode decision = saved.get("preHook");
    assertThat(decision.get("proceed").asBoolean()).isTrue();
    assertThat(decision.get("answer")).isEqualTo(json("{\"proceed\":true}"));
    assertThat(decision.get("complete").asBoolean()).isFalse();
    assertThat(outcomes(decision)).containsEntry("address-external", "unchecked");
    assertThat(outcomes(decision)).containsValue("passed"); // the built-in checks ran
    // the address service call the check would make, as the service would receive it
    assertThat(decision.get("requests")).hasSize(1);
    JsonNode check = decision.get("requests").get(0);
    assertThat(check.get("method").asText()).isEqualTo("POST");
    assertThat(check.get("url").asText()).endsWith("/address-check");
    assertThat(check.get("body").get("Street1").asText())
        .isEqualTo(Payloads.node(Fixtures.PRE_ADDRESS_SAVE).at("/Request/Body/Street1").asText())
        .isNotBlank();

    assertThat(order.statusCode()).as(order.body()).isEqualTo(200);
    JsonNode submit = json(order.body()).get("preHook");
    assertThat(submit.get("complete").asBoolean()).isFalse();
    assertThat(outcomes(submit)).containsEntry("order-rules", "unchecked");
    assertThat(submit.toString()).contains("UserToken").contains("ERP order check");
    assertThat(submit.get("requests").toString()).doesNotContain(Fixtures.USER_TOKEN_PREFIX);

    // neither the OrderCloud API (with the UserToken), the address service nor the ERP was called,
    // and no decision was recorded
    assertNothingLeftTheHub(before);
  }

  @Test
  void withoutTheOpsLoginTheAnswerIs401AndNothingRuns() {
    byte[] body = Payloads.bytes(Webhooks.orderSubmitted("SO-" + UUID.randomUUID()));

    HttpResponse<String> anonymous = hub.post("/api/simulate", body, null);
    HttpResponse<String> wrong =
        hub.send(
            HttpRequest.newBuilder(hub.uri("/api/simulate"))
                .header("Authorization", HubClient.basic(HubClient.OPS_USER, "wrong"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build());
    HttpResponse<String> stored = hub.post("/api/events/any/simulate", new byte[0], null);

    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(stored.statusCode()).isEqualTo(401);
    peers.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void aMalformedPayloadIs400WithTheSameProblemAsTheWebhookEndpoints() {
    Map<String, Integer> before = rowCounts();

    HttpResponse<String> broken =
        hub.opsPost("/api/simulate", "{\"Route\": ".getBytes(StandardCharsets.UTF_8));
    ObjectNode noRoute = Payloads.node(Fixtures.POST_ORDER_SUBMIT);
    noRoute.remove("Route");
    HttpResponse<String> missing = hub.opsPost("/api/simulate?kind=post", Payloads.bytes(noRoute));
    HttpResponse<String> badKind =
        hub.opsPost("/api/simulate?kind=sideways", Payloads.bytes(noRoute));

    assertThat(broken.statusCode()).isEqualTo(400);
    assertThat(json(broken.body()).get("error").asText()).isEqualTo("malformed_json");
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(json(missing.body()).get("error").asText()).isEqualTo("invalid_envelope");
    assertThat(json(missing.body()).get("field").asText()).isEqualTo("Route");
    assertThat(badKind.statusCode()).isEqualTo(400);
    assertThat(json(badKind.body()).get("message").asText()).contains("kind");
    assertNothingLeftTheHub(before);
  }

  /**
   * The guard is not tied to the shipped routes: any endpoint outside the hub, even one no route
   * names, only records a dry run's exchange, while a normal exchange still goes through.
   */
  @Test
  void anyOutboundEndpointRecordsADryRunAndStillSendsWhatIsNotOne() {
    WireMockServer other = started();
    try {
      String uri = "http://127.0.0.1:" + other.port() + "/guard-probe";
      DryRun run = new DryRun();
      Exchange dry = new DefaultExchange(camel);
      run.flag(dry);
      dry.getMessage().setBody("{\"probe\":1}");
      dry.getMessage().setHeader("Authorization", "Bearer secret-token");

      Exchange recorded = producer.send(uri, dry);
      Exchange real = producer.send(uri, new DefaultExchange(camel));

      assertThat(recorded.getException()).isNull();
      assertThat(run.calls())
          .singleElement()
          .satisfies(
              call -> {
                assertThat(call).containsEntry("system", "http").containsEntry("url", uri);
                assertThat(call.get("headers").toString())
                    .contains("Bearer [redacted]")
                    .doesNotContain("secret-token");
              });
      assertThat(real.getException()).isNull();
      other.verify(1, anyRequestedFor(anyUrl()));
    } finally {
      other.stop();
    }
  }

  /**
   * The same hub without SMTP_HOST: emails would go to the outbox folder, and in a dry run do not.
   */
  @Nested
  @TestPropertySource(properties = {"hub.mail.host=", "hub.erp.base-url="})
  class WithoutSmtp {

    @LocalServerPort int hubPort;

    @Test
    void theNoticeIsShownAsAnOutboxEmailNoFileIsWrittenAndTheErpIsSkipped() throws IOException {
      HubClient withoutSmtp = new HubClient(hubPort);
      String orderId = "SO-" + UUID.randomUUID();

      HttpResponse<String> answer =
          withoutSmtp.opsPost("/api/simulate", Payloads.bytes(Webhooks.orderSubmitted(orderId)));

      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
      // an unconfigured destination is a skipped leg with the ledger's reason, and sends nothing
      JsonNode erp = leg(json(answer.body()), "erp");
      assertThat(erp.get("status").asText()).isEqualTo("skipped");
      assertThat(erp.get("reason").asText()).isEqualTo("ERP_BASE_URL is not set");
      assertThat(erp.get("requests")).isEmpty();
      JsonNode mail = single(leg(json(answer.body()), "notice"));
      assertThat(mail.get("via").asText()).startsWith("outbox");
      assertThat(mail.get("subject").asText())
          .isEqualTo("New order " + orderId + " from ACME: 172.80 USD");
      try (Stream<Path> files = Files.list(outbox)) {
        assertThat(files).isEmpty();
      }
      assertThat(smtp.getReceivedMessages()).isEmpty();
      peers.verify(0, anyRequestedFor(anyUrl()));
    }
  }

  // --- helpers -----------------------------------------------------------------------------

  private void assertNothingLeftTheHub(Map<String, Integer> before) {
    peers.verify(0, anyRequestedFor(anyUrl()));
    assertThat(smtp.getReceivedMessages()).isEmpty();
    assertThat(rowCounts()).isEqualTo(before);
  }

  private Map<String, Integer> rowCounts() {
    Map<String, Integer> counts = new java.util.TreeMap<>();
    for (String table :
        List.of(
            "hub_event",
            "hub_prehook_decision",
            "hub_delivery_leg",
            "hub_delivery_attempt",
            "oc_order",
            "oc_shipment",
            "oc_user",
            "oc_address")) {
      counts.put(table, jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Integer.class));
    }
    return counts;
  }

  private static JsonNode leg(JsonNode simulation, String destination) {
    for (JsonNode leg : simulation.get("destinations")) {
      if (leg.get("destination").asText().equals(destination)) {
        return leg;
      }
    }
    throw new AssertionError("No " + destination + " leg in " + simulation);
  }

  private static JsonNode single(JsonNode leg) {
    assertThat(leg.get("requests")).as(leg.toString()).hasSize(1);
    return leg.get("requests").get(0);
  }

  /** The ERP leg's sales order (after the OrderCloud API call for its line items). */
  private static JsonNode salesOrder(JsonNode leg) {
    List<JsonNode> orders = new ArrayList<>();
    leg.get("requests")
        .forEach(
            request -> {
              if (request.path("url").asText().endsWith("/api/sales-orders")) {
                orders.add(request);
              }
            });
    assertThat(orders).as(leg.toString()).hasSize(1);
    return orders.get(0);
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(item -> texts.add(item.asText()));
    return texts;
  }

  private static Map<String, String> outcomes(JsonNode decision) {
    Map<String, String> outcomes = new java.util.LinkedHashMap<>();
    decision
        .get("checks")
        .forEach(c -> outcomes.put(c.get("name").asText(), c.get("outcome").asText()));
    return outcomes;
  }

  /** Reads answers as the hub should write them: a double here would hide a rounded number. */
  static final ObjectMapper EXACT =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  private static JsonNode json(String text) {
    return Fixtures.json(text.getBytes(StandardCharsets.UTF_8));
  }
}
