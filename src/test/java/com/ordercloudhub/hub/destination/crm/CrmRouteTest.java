package com.ordercloudhub.hub.destination.crm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ordercloudhub.hub.delivery.DeliveryExchanges;
import com.ordercloudhub.hub.delivery.PermanentDeliveryException;
import com.ordercloudhub.hub.support.Fixtures;
import com.ordercloudhub.hub.support.Payloads;
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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * routes/destinations/crm.camel.yaml as a route: each event type reaches the upserts it should,
 * through the real JSONata mappings, and Salesforce (mocked) receives the mapped fields with the
 * external ID as the upsert key; an order's three records in one Composite request.
 */
@CamelSpringBootTest
@SpringBootTest(
    classes = CrmRoutes.class,
    properties = {
      CrmRoutes.ROUTES,
      "camel.main.jmx-enabled=false",
      "camel.springboot.main-run-controller=false"
    })
@UseAdviceWith
class CrmRouteTest {

  @Autowired CamelContext camel;
  @Autowired ProducerTemplate producer;
  @Autowired CrmProperties crm;
  @Autowired ObjectMapper mapper;

  @EndpointInject("mock:salesforce-composite")
  MockEndpoint composite;

  @EndpointInject("mock:salesforce-contact")
  MockEndpoint contact;

  @EndpointInject("mock:salesforce-opportunity")
  MockEndpoint opportunity;

  @EndpointInject("mock:salesforce-synced-account")
  MockEndpoint syncedAccount;

  @EndpointInject("mock:salesforce-synced-contact")
  MockEndpoint syncedContact;

  @BeforeEach
  void salesforceMocked() throws Exception {
    if (camel.isStarted()) {
      return;
    }
    for (String record :
        new String[] {"contact", "opportunity", "synced-account", "synced-contact"}) {
      AdviceWith.adviceWith(
          camel,
          "crm-upsert-" + record,
          route ->
              route
                  .weaveById("crm-upsert-" + record + "-upsert")
                  .replace()
                  .to("mock:salesforce-" + record));
    }
    AdviceWith.adviceWith(
        camel,
        "crm-upsert-order",
        route ->
            route
                .weaveById("crm-upsert-order-composite")
                .replace()
                .to("mock:salesforce-composite"));
    camel.start();
  }

  /** Salesforce's answer when all three upserts of an order succeed. */
  static final String COMPOSITE_CREATED =
      "{\"compositeResponse\":["
          + "{\"body\":{\"id\":\"001A\",\"success\":true,\"errors\":[],\"created\":true},"
          + "\"httpHeaders\":{},\"httpStatusCode\":201,\"referenceId\":\"Account\"},"
          + "{\"body\":{\"id\":\"003C\",\"success\":true,\"errors\":[],\"created\":false},"
          + "\"httpHeaders\":{},\"httpStatusCode\":200,\"referenceId\":\"Contact\"},"
          + "{\"body\":{\"id\":\"006O\",\"success\":true,\"errors\":[],\"created\":true},"
          + "\"httpHeaders\":{},\"httpStatusCode\":201,\"referenceId\":\"Opportunity\"}]}";

  @AfterEach
  void reset() {
    MockEndpoint.resetMocks(camel);
  }

  @Test
  void anOrderSubmittedUpsertsAccountContactAndOpportunityInOneCompositeRequest() throws Exception {
    ObjectNode payload = Payloads.node(Fixtures.POST_ORDER_SUBMIT);
    JsonNode order = payload.path("Response").path("Body");
    composite.expectedMessageCount(1);
    composite.whenAnyExchangeReceived(e -> e.getMessage().setBody(COMPOSITE_CREATED));
    contact.expectedMessageCount(0);
    opportunity.expectedMessageCount(0);

    Exchange done = deliver("order.submitted", payload);

    assertThat(done.getException()).isNull();
    MockEndpoint.assertIsSatisfied(5, TimeUnit.SECONDS, composite, contact, opportunity);
    Exchange sent = composite.getReceivedExchanges().get(0);
    assertThat(sent.getMessage().getHeader("sObjectName")).isNull();
    JsonNode request = mapper.readTree(sent.getMessage().getBody(String.class));
    assertThat(request.path("allOrNone").asBoolean()).isTrue();
    JsonNode subrequests = request.path("compositeRequest");
    assertThat(subrequests).hasSize(3);
    String upsert = "/services/data/v" + crm.apiVersion() + "/sobjects/";
    String field = crm.externalIdField();
    assertThat(subrequests.findValuesAsText("url"))
        .containsExactly(
            upsert + "Account/" + field + "/" + order.path("FromCompanyID").asText(),
            upsert + "Contact/" + field + "/" + order.path("FromUser").path("ID").asText(),
            upsert + "Opportunity/" + field + "/" + order.path("ID").asText());
    assertThat(subrequests.findValuesAsText("method")).containsOnly("PATCH");
    assertThat(subrequests.findValuesAsText("referenceId"))
        .containsExactly("Account", "Contact", "Opportunity");
    JsonNode accountFields = subrequests.get(0).path("body");
    assertThat(accountFields.path("Name").asText())
        .isEqualTo(order.path("BillingAddress").path("CompanyName").asText());
    assertThat(accountFields.path("BillingCity").asText())
        .isEqualTo(order.path("BillingAddress").path("City").asText());
    assertThat(accountFields.has(field)).isFalse();
    JsonNode contactFields = subrequests.get(1).path("body");
    assertThat(contactFields.path("Email").asText())
        .isEqualTo(order.path("FromUser").path("Email").asText());
    // the Account by its external ID: no reference to the Account subrequest's answer
    assertThat(contactFields.path("Account").path(field).asText())
        .isEqualTo(order.path("FromCompanyID").asText());
    JsonNode opportunityFields = subrequests.get(2).path("body");
    assertThat(opportunityFields.path("StageName").asText())
        .isEqualTo(crm.stages().get("order-submitted"));
    assertThat(opportunityFields.path("Amount").decimalValue())
        .isEqualByComparingTo(order.path("Total").decimalValue());
    assertThat(opportunityFields.path("PO_Number__c").asText())
        .isEqualTo(order.path("xp").path("poNumber").asText());
    assertThat(opportunityFields.path("Account").path(field).asText())
        .isEqualTo(order.path("FromCompanyID").asText());
    // each upsert's answer where the single upserts' answers were kept
    assertThat(done.getVariable("crmAccount", JsonNode.class).path("id").asText())
        .isEqualTo("001A");
    assertThat(done.getVariable("crmContact", JsonNode.class).path("id").asText())
        .isEqualTo("003C");
    assertThat(done.getVariable("crmOpportunity", JsonNode.class).path("id").asText())
        .isEqualTo("006O");
  }

  @Test
  void anOrderWhoseContactMappingHasNoExternalIdFailsPermanentlyBeforeSalesforce()
      throws Exception {
    ObjectNode payload = Payloads.node(Fixtures.POST_ORDER_SUBMIT);
    ((ObjectNode) payload.path("Response").path("Body").path("FromUser")).remove("ID");
    composite.expectedMessageCount(0);

    Exchange done = deliver("order.submitted", payload);

    assertThat(done.getException())
        .isInstanceOf(PermanentDeliveryException.class)
        .hasMessageContaining("externalId")
        .hasMessageContaining("contact.jsonata");
    MockEndpoint.assertIsSatisfied(camel);
  }

  @Test
  void anOrderStageChangeUpsertsTheOpportunityOnly() throws Exception {
    ObjectNode payload = Payloads.node(Fixtures.POST_ORDER_SUBMIT);
    opportunity.expectedMessageCount(1);
    opportunity.expectedHeaderReceived(
        SalesforceRecords.ID_VALUE_HEADER,
        payload.path("Response").path("Body").path("ID").asText());
    composite.expectedMessageCount(0);
    contact.expectedMessageCount(0);

    Exchange done = deliver("order.approved", payload);

    assertThat(done.getException()).isNull();
    MockEndpoint.assertIsSatisfied(5, TimeUnit.SECONDS, opportunity, composite, contact);
    assertThat(fields(opportunity).path("StageName").asText())
        .isEqualTo(crm.stages().get("order-approved"))
        .isNotBlank();
  }

  @Test
  void aUserEventUpsertsTheContactOnly() throws Exception {
    ObjectNode user = mapper.createObjectNode();
    user.put("ID", "new-user-7");
    user.put("Username", "rsmith");
    user.put("FirstName", "Ron");
    user.put("LastName", "Smith");
    user.put("Email", "ron.smith@acme.example");
    ObjectNode payload = mapper.createObjectNode();
    payload.put("Route", "v1/buyers/{buyerID}/users");
    payload.putObject("RouteParams").put("buyerID", "ACME");
    payload.putObject("Response").set("Body", user);
    contact.expectedMessageCount(1);
    contact.expectedHeaderReceived(SalesforceRecords.ID_VALUE_HEADER, "new-user-7");
    composite.expectedMessageCount(0);
    opportunity.expectedMessageCount(0);

    Exchange done = deliver("user.created", payload);

    assertThat(done.getException()).isNull();
    MockEndpoint.assertIsSatisfied(5, TimeUnit.SECONDS, contact, composite, opportunity);
    JsonNode fields = fields(contact);
    assertThat(fields.path("LastName").asText()).isEqualTo("Smith");
    assertThat(fields.path("Email").asText()).isEqualTo("ron.smith@acme.example");
    assertThat(fields.path("Account").path(crm.externalIdField()).asText()).isEqualTo("ACME");
  }

  @Test
  void anEntitySyncBuyerUpsertsItsAccountOnTheBuyersId() throws Exception {
    ObjectNode buyer = mapper.createObjectNode();
    buyer.putObject("UserContext").put("ID", "admin-1");
    buyer.put("ID", "ACME");
    buyer.put("Name", "Acme Corp");
    buyer.put("Active", true);
    buyer.putObject("xp").put("segment", "B2B");
    syncedAccount.expectedMessageCount(1);
    syncedAccount.expectedHeaderReceived(SalesforceRecords.ID_VALUE_HEADER, "ACME");
    composite.expectedMessageCount(0);
    syncedContact.expectedMessageCount(0);

    Exchange done = deliver("buyer.synced", buyer);

    assertThat(done.getException()).isNull();
    MockEndpoint.assertIsSatisfied(5, TimeUnit.SECONDS, syncedAccount, composite, syncedContact);
    JsonNode fields = fields(syncedAccount);
    assertThat(fields.path("Name").asText()).isEqualTo("Acme Corp");
    assertThat(fields.has(crm.externalIdField())).isFalse();
    assertThat(syncedAccount.getReceivedExchanges().get(0).getMessage().getHeader("sObjectName"))
        .isNull();
  }

  @Test
  void anEntitySyncBuyerUserUpsertsItsContactLinkedToItsBuyer() throws Exception {
    ObjectNode user = mapper.createObjectNode();
    user.put("ID", "buyer-user-9");
    user.put("UserType", 0);
    user.put("CompanyID", "ACME");
    user.put("Username", "kim");
    user.put("FirstName", "Kim");
    user.put("Email", "kim@acme.example");
    user.put("Phone", "612-555-0199");
    user.put("Active", true);
    syncedContact.expectedMessageCount(1);
    syncedContact.expectedHeaderReceived(SalesforceRecords.ID_VALUE_HEADER, "buyer-user-9");
    contact.expectedMessageCount(0);
    syncedAccount.expectedMessageCount(0);

    Exchange done = deliver("buyer-user.synced", user);

    assertThat(done.getException()).isNull();
    MockEndpoint.assertIsSatisfied(5, TimeUnit.SECONDS, syncedContact, contact, syncedAccount);
    JsonNode fields = fields(syncedContact);
    assertThat(fields.path("FirstName").asText()).isEqualTo("Kim");
    // no last name: the username stands in (Salesforce requires one)
    assertThat(fields.path("LastName").asText()).isEqualTo("kim");
    assertThat(fields.path("Email").asText()).isEqualTo("kim@acme.example");
    assertThat(fields.path("Phone").asText()).isEqualTo("612-555-0199");
    assertThat(fields.path("Account").path(crm.externalIdField()).asText()).isEqualTo("ACME");
  }

  @Test
  void deletionsAreNotTheCrmsToTakeTheyFailPermanentlyAndDeleteNothing() throws Exception {
    ObjectNode deleted = mapper.createObjectNode().put("ID", "ACME");

    for (String type : new String[] {"buyer.deleted", "buyer-user.deleted"}) {
      Exchange done = deliver(type, deleted);

      assertThat(done.getException())
          .isInstanceOf(PermanentDeliveryException.class)
          .hasMessageContaining(type);
    }
    assertThat(syncedAccount.getReceivedCounter() + syncedContact.getReceivedCounter()).isZero();
  }

  @Test
  void anEventTheCrmDoesNotTakeFailsPermanentlyAndSendsNothing() throws Exception {
    composite.expectedMessageCount(0);
    contact.expectedMessageCount(0);
    opportunity.expectedMessageCount(0);

    Exchange done = deliver("shipment.created", Payloads.node(Fixtures.POST_ORDER_SUBMIT));

    assertThat(done.getException())
        .isInstanceOf(PermanentDeliveryException.class)
        .hasMessageContaining("shipment.created");
    MockEndpoint.assertIsSatisfied(camel);
  }

  @Test
  void aMappingWithoutExternalIdFailsPermanentlyBeforeSalesforce() throws Exception {
    ObjectNode payload = Payloads.node(Fixtures.POST_ORDER_SUBMIT);
    ((ObjectNode) payload.path("Response").path("Body")).remove("ID");
    opportunity.expectedMessageCount(0);

    Exchange done = deliver("order.completed", payload);

    assertThat(done.getException())
        .isInstanceOf(PermanentDeliveryException.class)
        .hasMessageContaining("externalId");
    MockEndpoint.assertIsSatisfied(camel);
  }

  private Exchange deliver(String eventType, JsonNode payload) {
    return producer.send(
        "direct:crm-deliver-event",
        exchange -> {
          exchange.getMessage().setBody(payload);
          exchange.getMessage().setHeader(DeliveryExchanges.EVENT_ID, "event-1");
          exchange.getMessage().setHeader(DeliveryExchanges.EVENT_TYPE, eventType);
          exchange.getMessage().setHeader(DeliveryExchanges.DESTINATION, "crm");
          exchange.getMessage().setHeader(DeliveryExchanges.IDEMPOTENCY_KEY, "event-1:crm");
          // a header that would redirect the upsert to another object, had it survived
          exchange.getMessage().setHeader("sObjectName", "User");
        });
  }

  private JsonNode fields(MockEndpoint mock) throws Exception {
    return mapper.readTree(mock.getReceivedExchanges().get(0).getMessage().getBody(String.class));
  }
}
