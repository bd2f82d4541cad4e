package com.ordercloudhub.hub.destination.crm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
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
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
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
 * The CRM destination against WireMock speaking Salesforce's OAuth token endpoint, sObject REST API
 * and Composite resource: an order's three upserts by external ID in one Composite request (one API
 * call), the other events' single upserts, a new login after a rejected session, and a record
 * Salesforce refuses named with its own error code.
 */
@HubTest
class CrmDestinationTest {

  static final WireMockServer salesforce =
      new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
  static final String SOBJECTS = "/services/data/v59.0/sobjects/";
  static final String COMPOSITE = "/services/data/v59.0/composite";

  /** Salesforce's answer to an order's Composite request: the three upserts created. */
  static String compositeCreated(String opportunityId) {
    return "{\"compositeResponse\":["
        + result(
            201,
            "Account",
            "{\"id\":\"001000000000001AAA\",\"success\":true,\"errors\":[],\"created\":true}")
        + ","
        + result(
            200,
            "Contact",
            "{\"id\":\"003000000000001AAA\",\"success\":true,\"errors\":[],\"created\":false}")
        + ","
        + result(
            201,
            "Opportunity",
            "{\"id\":\"" + opportunityId + "\",\"success\":true,\"errors\":[],\"created\":true}")
        + "]}";
  }

  static String result(int status, String referenceId, String body) {
    return "{\"body\":"
        + body
        + ",\"httpHeaders\":{},\"httpStatusCode\":"
        + status
        + ",\"referenceId\":\""
        + referenceId
        + "\"}";
  }

  static final String HALTED =
      "[{\"errorCode\":\"PROCESSING_HALTED\",\"message\":\"The transaction was rolled back since"
          + " another operation in the same transaction failed.\"}]";

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
        post(urlEqualTo(COMPOSITE))
            .atPriority(10)
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody(compositeCreated("006000000000001AAA"))));
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

  /** Every request to Salesforce's data API (/services/data/**): the OAuth token calls are not. */
  private static List<LoggedRequest> dataCalls() {
    return salesforce.findAll(anyRequestedFor(urlPathMatching("/services/data/.*")));
  }

  /** The data API calls that concern one order (its ID is in the URL or the body). */
  private static List<LoggedRequest> dataCallsFor(String orderId) {
    return dataCalls().stream()
        .filter(r -> r.getUrl().contains(orderId) || r.getBodyAsString().contains(orderId))
        .toList();
  }

  private static JsonNode json(String text) {
    try {
      return EXACT.readTree(text);
    } catch (Exception e) {
      throw new AssertionError(text, e);
    }
  }

  private static final com.fasterxml.jackson.databind.ObjectMapper EXACT =
      new com.fasterxml.jackson.databind.ObjectMapper()
          .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  @Test
  void aSubmittedOrderIsOneCompositeCallUpsertingTheAccountContactAndOpportunityByExternalId() {
    String orderId = "SO-" + UUID.randomUUID();
    int before = dataCalls().size();

    String event = submitOrder(orderId);

    awaitCrm(event, "delivered");
    // one call against the org's daily API limit, not three: the whole journal grew by one
    assertThat(dataCalls()).hasSize(before + 1);
    List<LoggedRequest> calls = dataCallsFor(orderId);
    assertThat(calls).hasSize(1);
    LoggedRequest call = calls.get(0);
    assertThat(call.getMethod().getName()).isEqualTo("POST");
    assertThat(call.getUrl()).isEqualTo(COMPOSITE);
    assertThat(call.getHeader("Authorization")).startsWith("Bearer TOKEN-");
    assertThat(json(call.getBodyAsString()))
        .isEqualTo(
            json(
                "{\"allOrNone\":true,\"compositeRequest\":["
                    + "{\"method\":\"PATCH\",\"url\":\""
                    + SOBJECTS
                    + "Account/OrderCloud_ID__c/ACME\",\"referenceId\":\"Account\",\"body\":"
                    + "{\"Name\":\"Acme Corp\",\"BillingStreet\":\"100 Main St\\nSuite 400\","
                    + "\"BillingCity\":\"Minneapolis\",\"BillingState\":\"MN\","
                    + "\"BillingPostalCode\":\"55401\",\"BillingCountry\":\"US\","
                    + "\"Phone\":\"612-555-0100\"}},"
                    + "{\"method\":\"PATCH\",\"url\":\""
                    + SOBJECTS
                    + "Contact/OrderCloud_ID__c/buyer-user-01\",\"referenceId\":\"Contact\",\"body\":"
                    + "{\"FirstName\":\"Jane\",\"LastName\":\"Doe\",\"Email\":\"jane.doe@acme.example\","
                    + "\"Phone\":\"612-555-0100\",\"Account\":{\"OrderCloud_ID__c\":\"ACME\"}}},"
                    + "{\"method\":\"PATCH\",\"url\":\""
                    + SOBJECTS
                    + "Opportunity/OrderCloud_ID__c/"
                    + orderId
                    + "\",\"referenceId\":\"Opportunity\",\"body\":"
                    + "{\"Name\":\"Order "
                    + orderId
                    + "\",\"Amount\":172.8,\"CloseDate\":\"2025-03-14\","
                    + "\"StageName\":\"Proposal/Price Quote\",\"PO_Number__c\":\"PO-7781\","
                    + "\"Description\":\"Please deliver before noon\","
                    + "\"Account\":{\"OrderCloud_ID__c\":\"ACME\"}}}]}"));
    // no single upsert for this order on the side
    salesforce.verify(
        0, patchRequestedFor(urlEqualTo(SOBJECTS + "Opportunity/OrderCloud_ID__c/" + orderId)));
    // the login was the username-password flow with the connected app's key
    salesforce.verify(
        moreThanOrExactly(1),
        postRequestedFor(urlPathEqualTo("/services/oauth2/token"))
            .withRequestBody(containing("grant_type=password"))
            .withRequestBody(containing("client_id=connected-app-key"))
            .withRequestBody(containing("username=integration%40acme.example")));
  }

  @Test
  void aReplayedOrderLegSendsTheSameExternalIdsSoItUpdatesTheSameRecords() {
    String orderId = "SO-" + UUID.randomUUID();
    String event = submitOrder(orderId);
    awaitCrm(event, "delivered");
    String legId =
        jdbc.queryForObject(
            "SELECT id FROM hub_delivery_leg WHERE event_id = ? AND destination = 'crm'",
            String.class,
            event);

    HttpResponse<String> replay =
        hub.opsPost("/api/deliveries/" + legId + "/replay?force=true", new byte[0]);

    assertThat(replay.statusCode()).as(replay.body()).isEqualTo(202);
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              assertThat(crmLeg(event)).containsEntry("status", "delivered");
              assertThat(dataCallsFor(orderId)).hasSize(2);
            });
    List<LoggedRequest> calls = dataCallsFor(orderId);
    List<List<String>> urls =
        calls.stream()
            .map(c -> json(c.getBodyAsString()).path("compositeRequest").findValuesAsText("url"))
            .toList();
    assertThat(urls.get(0))
        .containsExactly(
            SOBJECTS + "Account/OrderCloud_ID__c/ACME",
            SOBJECTS + "Contact/OrderCloud_ID__c/buyer-user-01",
            SOBJECTS + "Opportunity/OrderCloud_ID__c/" + orderId);
    assertThat(urls.get(1)).isEqualTo(urls.get(0));
    assertThat(calls).allSatisfy(c -> assertThat(c.getUrl()).isEqualTo(COMPOSITE));
  }

  @Test
  void theOpportunityIdSalesforceAnswersIsTheLegsReference() {
    String orderId = "SO-" + UUID.randomUUID();
    salesforce.stubFor(
        post(urlEqualTo(COMPOSITE))
            .atPriority(1)
            .withRequestBody(containing(orderId))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody(compositeCreated("006000000000777AAA"))));

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
    List<LoggedRequest> sent = dataCallsFor(orderId);
    assertThat(sent).hasSize(1);
    assertThat(sent.get(0).getBodyAsString())
        .contains("{\"Name\":\"Order " + orderId + "\",\"Amount\":1234567890123.4567,");
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
    // Salesforce rejects the session the first time this order's records are written
    salesforce.stubFor(
        post(urlEqualTo(COMPOSITE))
            .withRequestBody(containing(orderId))
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
    List<LoggedRequest> sent = dataCallsFor(orderId);
    List<String> tokens = sent.stream().map(request -> request.getHeader("Authorization")).toList();
    assertThat(tokens).hasSize(2);
    assertThat(sent.get(1).getBodyAsString()).isEqualTo(sent.get(0).getBodyAsString());
    assertThat(tokens.get(1)).startsWith("Bearer TOKEN-").isNotEqualTo(tokens.get(0));
  }

  private int logins() {
    return salesforce.findAll(postRequestedFor(urlPathEqualTo("/services/oauth2/token"))).size();
  }

  @Test
  void aRecordSalesforceRejectsMakesTheLegDeadNamingTheRecordAndItsErrorWithNothingElseSent() {
    String orderId = "SO-400-" + UUID.randomUUID();
    // allOrNone: the Contact fails, Salesforce rolls the Account back and never runs the
    // Opportunity
    salesforce.stubFor(
        post(urlEqualTo(COMPOSITE))
            .withRequestBody(containing(orderId))
            .atPriority(1)
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"compositeResponse\":["
                            + result(400, "Account", HALTED)
                            + ","
                            + result(
                                400,
                                "Contact",
                                "[{\"message\":\"Required fields are missing: [LastName]\","
                                    + "\"errorCode\":\"REQUIRED_FIELD_MISSING\","
                                    + "\"fields\":[\"LastName\"]}]")
                            + ","
                            + result(400, "Opportunity", HALTED)
                            + "]}")));

    String event = submitOrder(orderId);

    awaitCrm(event, "dead");
    Map<String, Object> leg = crmLeg(event);
    assertThat(leg).containsEntry("attempts", 1);
    assertThat((String) leg.get("last_error"))
        .isEqualTo(
            "Salesforce Composite failed: Contact buyer-user-01: HTTP 400 REQUIRED_FIELD_MISSING:"
                + " Required fields are missing: [LastName] [LastName];"
                + " Account ACME: PROCESSING_HALTED; Opportunity "
                + orderId
                + ": PROCESSING_HALTED");
    // the one Composite call and nothing else: no retry, no record written one by one
    assertThat(dataCallsFor(orderId)).hasSize(1);
    salesforce.verify(0, patchRequestedFor(urlPathMatching(".*/ACME")));
    assertThat(hub.get("/actuator/health").body()).contains("\"UP\"");
  }

  @Test
  void aRecordSalesforceCannotWriteForNowMakesTheLegRetryAndTheRetrySendsTheSameRecords() {
    String orderId = "SO-503-" + UUID.randomUUID();
    // the Opportunity's row is locked the first time; the next attempt goes through
    salesforce.stubFor(
        post(urlEqualTo(COMPOSITE))
            .withRequestBody(containing(orderId))
            .atPriority(1)
            .inScenario(orderId)
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"compositeResponse\":["
                            + result(400, "Account", HALTED)
                            + ","
                            + result(400, "Contact", HALTED)
                            + ","
                            + result(
                                503,
                                "Opportunity",
                                "[{\"message\":\"Server busy\",\"errorCode\":\"SERVER_UNAVAILABLE\"}]")
                            + "]}"))
            .willSetStateTo("busy once"));

    String event = submitOrder(orderId);

    awaitCrm(event, "delivered");
    assertThat(crmLeg(event)).containsEntry("attempts", 2);
    List<LoggedRequest> sent = dataCallsFor(orderId);
    assertThat(sent).hasSize(2);
    assertThat(sent.get(1).getBodyAsString()).isEqualTo(sent.get(0).getBodyAsString());
    assertThat(
            jdbc.queryForObject(
                "SELECT error FROM hub_delivery_attempt a JOIN hub_delivery_leg l"
                    + " ON a.leg_id = l.id WHERE l.event_id = ? AND l.destination = 'crm'"
                    + " AND a.attempt = 1",
                String.class,
                event))
        .contains("Opportunity " + orderId + ": HTTP 503 SERVER_UNAVAILABLE");
  }
}
