package com.ordercloudhub.hub.destination.crm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.moreThanOrExactly;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.ordercloudhub.hub.support.Fixtures;
import com.ordercloudhub.hub.support.HubClient;
import com.ordercloudhub.hub.support.HubTest;
import com.ordercloudhub.hub.support.Payloads;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The CRM destination against WireMock speaking Salesforce's OAuth token endpoint and sObject REST
 * API: upserts by external ID with the mapped fields, a new login after a rejected session, and a
 * permanent error kept with Salesforce's own message.
 */
@HubTest
class CrmDestinationTest {

  static final WireMockServer salesforce =
      new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
  static final String SOBJECTS = "/services/data/v59.0/sobjects/";

  static {
    salesforce.start();
  }

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  HubClient hub;

  @DynamicPropertySource
  static void salesforceAccount(DynamicPropertyRegistry registry) {
    registry.add("SALESFORCE_LOGIN_URL", salesforce::baseUrl);
    registry.add("SALESFORCE_CLIENT_ID", () -> "connected-app-key");
    registry.add("SALESFORCE_CLIENT_SECRET", () -> "connected-app-secret");
    registry.add("SALESFORCE_USERNAME", () -> "integration@acme.example");
    registry.add("SALESFORCE_PASSWORD", () -> "pw-and-token");
    registry.add("hub.delivery.destinations.crm.retry-schedule", () -> "300ms,600ms,1200ms");
    registry.add("hub.delivery.poll-interval", () -> "200ms");
  }

  @AfterAll
  static void stop() {
    salesforce.stop();
  }

  @BeforeEach
  void stubs() {
    hub = new HubClient(port);
    if (!salesforce.getStubMappings().isEmpty()) {
      return;
    }
    // every login hands out a new token: TOKEN-1, TOKEN-2, …
    for (int n = 1; n <= 5; n++) {
      salesforce.stubFor(
          post(urlPathEqualTo("/services/oauth2/token"))
              .inScenario("login")
              .whenScenarioStateIs(n == 1 ? Scenario.STARTED : "login " + n)
              .willReturn(token("TOKEN-" + n))
              .willSetStateTo("login " + (n + 1)));
    }
    salesforce.stubFor(
        patch(anyUrl())
            .atPriority(10)
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"id\":\"001000000000001AAA\",\"success\":true,\"errors\":[],\"created\":true}")));
    salesforce.stubFor(
        any(urlPathEqualTo("/services/oauth2/revoke")).willReturn(aResponse().withStatus(200)));
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder token(
      String value) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody(
            "{\"access_token\":\""
                + value
                + "\",\"instance_url\":\""
                + salesforce.baseUrl()
                + "\",\"id\":\""
                + salesforce.baseUrl()
                + "/id/00D000000000001AAA/005000000000001AAA\",\"token_type\":\"Bearer\"}");
  }

  private String submitOrder(String orderId) {
    ObjectNode order = Payloads.node(Fixtures.POST_ORDER_SUBMIT);
    ((ObjectNode) order.at("/Response/Body")).put("ID", orderId);
    order.put("LogID", UUID.randomUUID().toString());
    return send(Payloads.bytes(order));
  }

  private String send(byte[] body) {
    HttpResponse<String> answer = hub.signed("/webhooks/ordercloud/post", body);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
    return Fixtures.json(answer.body().getBytes(StandardCharsets.UTF_8)).get("eventId").asText();
  }

  private Map<String, Object> crmLeg(String eventId) {
    return jdbc.queryForMap(
        "SELECT status, attempts, last_error FROM hub_delivery_leg"
            + " WHERE event_id = ? AND destination = 'crm'",
        eventId);
  }

  private void awaitCrm(String eventId, String status) {
    await()
        .atMost(Duration.ofSeconds(30))
        // the leg exists once the dispatcher has planned the event, a moment after the 202
        .ignoreException(EmptyResultDataAccessException.class)
        .untilAsserted(() -> assertThat(crmLeg(eventId)).containsEntry("status", status));
  }

  @Test
  void aSubmittedOrderUpsertsTheAccountContactAndOpportunityByExternalId() {
    String orderId = "SO-" + UUID.randomUUID();

    String event = submitOrder(orderId);

    awaitCrm(event, "delivered");
    salesforce.verify(
        patchRequestedFor(urlEqualTo(SOBJECTS + "Account/OrderCloud_ID__c/ACME"))
            .withHeader("Authorization", containing("Bearer TOKEN-"))
            .withRequestBody(
                equalToJson(
                    "{\"Name\":\"Acme Corp\",\"BillingStreet\":\"100 Main St\\nSuite 400\","
                        + "\"BillingCity\":\"Minneapolis\",\"BillingState\":\"MN\","
                        + "\"BillingPostalCode\":\"55401\",\"BillingCountry\":\"US\","
                        + "\"Phone\":\"612-555-0100\"}",
                    false,
                    false)));
    salesforce.verify(
        patchRequestedFor(urlEqualTo(SOBJECTS + "Contact/OrderCloud_ID__c/buyer-user-01"))
            .withRequestBody(
                equalToJson(
                    "{\"FirstName\":\"Jane\",\"LastName\":\"Doe\",\"Email\":\"jane.doe@acme.example\","
                        + "\"Phone\":\"612-555-0100\",\"Account\":{\"OrderCloud_ID__c\":\"ACME\"}}")));
    salesforce.verify(
        patchRequestedFor(urlEqualTo(SOBJECTS + "Opportunity/OrderCloud_ID__c/" + orderId))
            .withRequestBody(
                equalToJson(
                    "{\"Name\":\"Order "
                        + orderId
                        + "\",\"Amount\":172.8,\"CloseDate\":\"2025-03-14\","
                        + "\"StageName\":\"Proposal/Price Quote\",\"PO_Number__c\":\"PO-7781\","
                        + "\"Description\":\"Please deliver before noon\","
                        + "\"Account\":{\"OrderCloud_ID__c\":\"ACME\"}}")));
    // the login was the username-password flow with the connected app's key
    salesforce.verify(
        moreThanOrExactly(1),
        postRequestedFor(urlPathEqualTo("/services/oauth2/token"))
            .withRequestBody(containing("grant_type=password"))
            .withRequestBody(containing("client_id=connected-app-key"))
            .withRequestBody(containing("username=integration%40acme.example")));
  }

  @Test
  void theOpportunityIdSalesforceAnswersIsTheLegsReference() {
    String orderId = "SO-" + UUID.randomUUID();
    salesforce.stubFor(
        patch(urlEqualTo(SOBJECTS + "Opportunity/OrderCloud_ID__c/" + orderId))
            .atPriority(1)
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"id\":\"006000000000777AAA\",\"success\":true,\"errors\":[],"
                            + "\"created\":true}")));

    String event = submitOrder(orderId);
    awaitCrm(event, "delivered");

    // mappings/crm/reference.jsonata: the Opportunity's answer, not the Account's or Contact's
    assertThat(
            jdbc.queryForObject(
                "SELECT reference FROM hub_delivery_leg WHERE event_id = ? AND destination = 'crm'",
                String.class,
                event))
        .isEqualTo("006000000000777AAA");
  }

  @Test
  void anOpportunityAmountGoesToSalesforceExactly() {
    String orderId = "SO-" + UUID.randomUUID();
    ObjectNode order = Payloads.node(Fixtures.POST_ORDER_SUBMIT);
    // beyond a double (it would send …4568); whether the field holds it is Salesforce's to say
    ((ObjectNode) order.at("/Response/Body"))
        .put("ID", orderId)
        .put("Total", new BigDecimal("1234567890123.4567"));
    order.put("LogID", UUID.randomUUID().toString());

    String event = send(Payloads.bytes(order));

    awaitCrm(event, "delivered");
    List<LoggedRequest> sent =
        salesforce.findAll(
            patchRequestedFor(urlEqualTo(SOBJECTS + "Opportunity/OrderCloud_ID__c/" + orderId)));
    assertThat(sent).hasSize(1);
    assertThat(sent.get(0).getBodyAsString())
        .contains("\"Amount\":1234567890123.4567,")
        .startsWith("{\"Name\":\"Order " + orderId + "\",\"Amount\":");
  }

  @Test
  void anApprovedOrderMovesTheOpportunityToItsConfiguredStage() {
    String orderId = "SO-" + UUID.randomUUID();
    ObjectNode approved = Payloads.node(Fixtures.POST_ORDER_SUBMIT);
    approved
        .put("Route", "v1/orders/{direction}/{orderID}/approve")
        .put("LogID", UUID.randomUUID().toString());
    ((ObjectNode) approved.at("/Response/Body")).put("ID", orderId).put("Status", "Open");

    String event = send(Payloads.bytes(approved));

    awaitCrm(event, "delivered");
    salesforce.verify(
        patchRequestedFor(urlEqualTo(SOBJECTS + "Opportunity/OrderCloud_ID__c/" + orderId))
            .withRequestBody(equalToJson("{\"StageName\":\"Negotiation/Review\"}", false, true)));
    salesforce.verify(
        0, patchRequestedFor(urlEqualTo(SOBJECTS + "Account/OrderCloud_ID__c/" + orderId)));
  }

  @Test
  void aNewBuyerUserUpsertsItsContactLinkedToTheBuyersAccount() {
    String userId = "U-" + UUID.randomUUID();
    String body =
        "{\"Route\":\"v1/buyers/{buyerID}/users\",\"RouteParams\":{\"buyerID\":\"GLOBEX\"},"
            + "\"Verb\":\"POST\",\"LogID\":\""
            + UUID.randomUUID()
            + "\",\"Response\":{\"Body\":{\"ID\":\""
            + userId
            + "\",\"Username\":\"hank\",\"FirstName\":\"Hank\",\"LastName\":\"Scorpio\","
            + "\"Email\":\"hank@globex.example\"}}}";

    String event = send(body.getBytes(StandardCharsets.UTF_8));

    awaitCrm(event, "delivered");
    salesforce.verify(
        patchRequestedFor(urlEqualTo(SOBJECTS + "Contact/OrderCloud_ID__c/" + userId))
            .withRequestBody(
                equalToJson(
                    "{\"FirstName\":\"Hank\",\"LastName\":\"Scorpio\",\"Email\":\"hank@globex.example\","
                        + "\"Account\":{\"OrderCloud_ID__c\":\"GLOBEX\"}}",
                    false,
                    true)));
  }

  @Test
  void aRejectedSessionLeadsToANewLoginAndTheSameRequestAgain() {
    String orderId = "SO-401-" + UUID.randomUUID();
    String opportunity = SOBJECTS + "Opportunity/OrderCloud_ID__c/" + orderId;
    // Salesforce rejects the session the first time this order's Opportunity is written
    salesforce.stubFor(
        patch(urlEqualTo(opportunity))
            .atPriority(1)
            .inScenario(orderId)
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(
                aResponse()
                    .withStatus(401)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "[{\"message\":\"Session expired or invalid\",\"errorCode\":\"INVALID_SESSION_ID\"}]"))
            .willSetStateTo("rejected once"));
    String warmUp = submitOrder("SO-" + UUID.randomUUID()); // the hub holds a session by now
    awaitCrm(warmUp, "delivered");
    int loginsBefore = logins();

    String event = submitOrder(orderId);

    awaitCrm(event, "delivered");
    assertThat(crmLeg(event)).containsEntry("attempts", 1); // camel-salesforce retried within it
    assertThat(logins()).isEqualTo(loginsBefore + 1);
    List<String> tokens =
        salesforce.findAll(patchRequestedFor(urlEqualTo(opportunity))).stream()
            .map(request -> request.getHeader("Authorization"))
            .toList();
    assertThat(tokens).hasSize(2);
    assertThat(tokens.get(1)).startsWith("Bearer TOKEN-").isNotEqualTo(tokens.get(0));
  }

  private int logins() {
    return salesforce.findAll(postRequestedFor(urlPathEqualTo("/services/oauth2/token"))).size();
  }

  @Test
  void aFieldSalesforceRejectsMakesTheLegDeadWithSalesforcesMessage() {
    String orderId = "SO-400-" + UUID.randomUUID();
    salesforce.stubFor(
        patch(urlEqualTo(SOBJECTS + "Opportunity/OrderCloud_ID__c/" + orderId))
            .atPriority(1)
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "[{\"message\":\"No such column 'PO_Number__c' on sobject of type Opportunity\","
                            + "\"errorCode\":\"INVALID_FIELD\"}]")));

    String event = submitOrder(orderId);

    awaitCrm(event, "dead");
    Map<String, Object> leg = crmLeg(event);
    assertThat(leg).containsEntry("attempts", 1);
    assertThat((String) leg.get("last_error"))
        .contains("INVALID_FIELD")
        .contains("No such column 'PO_Number__c' on sobject of type Opportunity");
    assertThat(hub.get("/actuator/health").body()).contains("\"UP\"");
  }
}
