package com.ordercloudhub.hub.destination;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.ordercloudhub.hub.event.EventCatalogue;
import com.ordercloudhub.hub.event.EventOrigin;
import com.ordercloudhub.hub.event.EventReceipt;
import com.ordercloudhub.hub.event.EventStore;
import com.ordercloudhub.hub.inbound.OcEnvelope;
import com.ordercloudhub.hub.support.Fixtures;
import com.ordercloudhub.hub.support.HubTest;
import com.ordercloudhub.hub.support.Legs;
import com.ordercloudhub.hub.support.Payloads;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Sync messages from a Delivery Configuration, end to end on the whole hub (H2): each is parsed as
 * the HTTP target and Kafka intake parse it, classified, stored with origin {@code delivery}, and
 * routed. An OrderSync becomes its oc_order row and an ERP sales order with the line items it
 * carries, and the OrderCloud API (configured, on its own WireMock) receives nothing; a later sync
 * of the order updates the row and the sales order, an older one arriving late leaves the row as it
 * is. EntitySync buyers and buyer users become Salesforce Account and Contact upserts.
 */
@HubTest
class SyncRoutingTest {

  static final String ORDER_SYNC = "sitecore.ordercloud.messages.ordersync.updated";
  static final String BUYER_SYNC = "sitecore.ordercloud.messages.entitysync.buyer.updated";
  static final String BUYER_USER_SYNC = "sitecore.ordercloud.messages.entitysync.buyeruser.updated";
  static final String SOBJECTS = "/services/data/v59.0/sobjects/";

  static final WireMockServer erp = started();
  static final WireMockServer ordercloud = started();
  static final WireMockServer salesforce = started();

  @Autowired OcEnvelope envelope;
  @Autowired EventCatalogue catalogue;
  @Autowired EventStore store;
  @Autowired JdbcTemplate jdbc;
  Legs legs;

  @DynamicPropertySource
  static void systems(DynamicPropertyRegistry registry) {
    registry.add("ERP_BASE_URL", () -> erp.baseUrl() + "/api/");
    // the hub's OrderCloud client is configured: a route that wanted line items would ask
    registry.add("ORDERCLOUD_API_URL", ordercloud::baseUrl);
    registry.add("ORDERCLOUD_AUTH_URL", ordercloud::baseUrl);
    registry.add("ORDERCLOUD_CLIENT_ID", () -> "hub-client");
    registry.add("ORDERCLOUD_CLIENT_SECRET", () -> "hub-client-secret");
    registry.add("SALESFORCE_LOGIN_URL", salesforce::baseUrl);
    registry.add("SALESFORCE_CLIENT_ID", () -> "connected-app-key");
    registry.add("SALESFORCE_CLIENT_SECRET", () -> "connected-app-secret");
    registry.add("SALESFORCE_USERNAME", () -> "integration@acme.example");
    registry.add("SALESFORCE_PASSWORD", () -> "pw-and-token");
    registry.add("hub.delivery.poll-interval", () -> "200ms");
  }

  static WireMockServer started() {
    WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    server.start();
    return server;
  }

  static {
    erp.stubFor(
        put(urlPathMatching("/api/sales-orders/[^/]+"))
            .willReturn(okJson("{\"salesOrderNumber\":\"4500012345\"}")));
    // whatever it is asked, the OrderCloud API answers: the test shows it was never asked
    ordercloud.stubFor(any(anyUrl()).willReturn(okJson("{\"access_token\":\"t\",\"Items\":[]}")));
    salesforce.stubFor(
        post(urlPathEqualTo("/services/oauth2/token"))
            .willReturn(
                okJson(
                    "{\"access_token\":\"TOKEN-1\",\"instance_url\":\""
                        + salesforce.baseUrl()
                        + "\",\"id\":\""
                        + salesforce.baseUrl()
                        + "/id/00D000000000001AAA/005000000000001AAA\",\"token_type\":\"Bearer\"}")));
    salesforce.stubFor(
        patch(anyUrl())
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"id\":\"001000000000001AAA\",\"success\":true,\"created\":true}")));
  }

  @AfterAll
  static void stop() {
    erp.stop();
    ordercloud.stop();
    salesforce.stop();
  }

  @BeforeEach
  void ledger() {
    legs = new Legs(jdbc);
  }

  /** Stores a sync message the way a Delivery Configuration's HTTP target does. */
  private EventReceipt sync(String type, ObjectNode payload) {
    ObjectNode message = Fixtures.mapper().createObjectNode();
    message.putObject("Headers").put("type", type);
    message.set("Payload", payload);
    return store.record(
        catalogue.classify(envelope.parseDelivery(Payloads.bytes(message), null)),
        EventOrigin.DELIVERY);
  }

  /** An OrderSync payload as OrderCloud documents it: the Order itself, with its line items. */
  private static ObjectNode order(String id, String lastUpdated, String total, int lines) {
    ObjectNode order =
        (ObjectNode) Payloads.node(Fixtures.POST_ORDER_SUBMIT).at("/Response/Body").deepCopy();
    order.put("ID", id);
    order.put("LastUpdated", lastUpdated);
    order.put("Total", new BigDecimal(total));
    order.putObject("UserContext").put("ID", "buyer-user-01");
    var items = order.putArray("LineItems");
    for (int n = 1; n <= lines; n++) {
      ObjectNode line = items.addObject();
      line.put("ID", id + "-line-" + n);
      line.put("ProductID", "SKU-" + n);
      line.put("Quantity", n);
      line.put("UnitPrice", new BigDecimal("12.3456"));
      line.put("LineTotal", new BigDecimal("12.3456").multiply(BigDecimal.valueOf(n)));
      line.putObject("Product").put("Name", "Widget " + n);
    }
    return order;
  }

  private List<LoggedRequest> salesOrderPuts(String orderId) {
    return erp.findAll(putRequestedFor(urlEqualTo("/api/sales-orders/" + orderId)));
  }

  private static JsonNode json(LoggedRequest request) {
    return Fixtures.json(request.getBody());
  }

  @Test
  void anOrderSyncBecomesItsOrderRowAndAnErpSalesOrderWithItsLinesWithoutAnOrderCloudCall() {
    String orderId = "SO-" + UUID.randomUUID();

    EventReceipt first = sync(ORDER_SYNC, order(orderId, "2025-03-14T16:02:11+00:00", "172.8", 2));

    assertThat(first.eventType()).isEqualTo("order.synced");
    assertThat(first.duplicate()).isFalse();
    assertThat(legs.awaitStatus(first.eventId(), "database", "delivered"))
        .containsEntry("attempts", 1);
    Map<String, Object> erpLeg = legs.awaitStatus(first.eventId(), "erp", "delivered");
    assertThat(erpLeg)
        .containsEntry("idempotency_key", first.eventId() + ":erp")
        .containsEntry("note", null);
    // the event's origin and business key are those of an order that came by a Delivery Config
    assertThat(
            jdbc.queryForMap(
                "SELECT origin, business_key FROM hub_event WHERE id = ?", first.eventId()))
        .containsEntry("origin", "delivery")
        .containsEntry("business_key", "order:" + orderId);

    Map<String, Object> row = jdbc.queryForMap("SELECT * FROM oc_order WHERE id = ?", orderId);
    assertThat(row)
        .containsEntry("status", "Open")
        .containsEntry("from_company_id", "ACME")
        .containsEntry("is_submitted", true)
        .containsEntry("last_event_id", first.eventId())
        .containsEntry("last_event_type", "order.synced");
    assertThat((BigDecimal) row.get("total")).isEqualByComparingTo("172.8");
    assertThat(
            jdbc.queryForObject(
                "SELECT source_date FROM oc_order WHERE id = ?", OffsetDateTime.class, orderId))
        .isEqualTo(OffsetDateTime.parse("2025-03-14T16:02:11Z"));

    List<LoggedRequest> puts = salesOrderPuts(orderId);
    assertThat(puts).hasSize(1);
    assertThat(puts.get(0).getHeader("Idempotency-Key")).isEqualTo(first.eventId() + ":erp");
    JsonNode body = json(puts.get(0));
    assertThat(body.get("orderId").asText()).isEqualTo(orderId);
    assertThat(body.get("lineItemsIncluded").asBoolean()).isTrue();
    assertThat(body.get("lines").findValuesAsText("sku")).containsExactly("SKU-1", "SKU-2");
    assertThat(body.get("lines").get(1).get("quantity").asInt()).isEqualTo(2);
    assertThat(body.get("lines").get(0).get("unitPrice").decimalValue())
        .isEqualByComparingTo("12.3456");
    // the message carried the lines: the OrderCloud API was not asked for anything
    assertThat(ordercloud.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    // an OrderSync goes to the database and the ERP, nowhere else
    assertThat(
            jdbc.queryForList(
                "SELECT destination FROM hub_delivery_leg WHERE event_id = ? ORDER BY destination",
                String.class,
                first.eventId()))
        .containsExactly("database", "erp");
  }

  @Test
  void aLaterSyncOfTheOrderUpdatesItsRowAndSalesOrderAndAnOlderOneLeavesTheRowAsItIs() {
    String orderId = "SO-" + UUID.randomUUID();
    EventReceipt first = sync(ORDER_SYNC, order(orderId, "2025-03-14T16:02:11+00:00", "172.8", 1));
    legs.awaitStatus(first.eventId(), "database", "delivered");
    legs.awaitStatus(first.eventId(), "erp", "delivered");

    ObjectNode changed = order(orderId, "2025-03-15T09:30:00+00:00", "190.5", 2);
    changed.put("Status", "Completed");
    changed.put("DateCompleted", "2025-03-15T09:30:00+00:00");
    EventReceipt later = sync(ORDER_SYNC, changed);
    // the same message again is the same event, stored once
    EventReceipt again = sync(ORDER_SYNC, changed.deepCopy());

    assertThat(again.duplicate()).isTrue();
    assertThat(again.eventId()).isEqualTo(later.eventId());
    legs.awaitStatus(later.eventId(), "database", "delivered");
    legs.awaitStatus(later.eventId(), "erp", "delivered");
    assertThat(
            jdbc.queryForObject(
                "SELECT COUNT(*) FROM oc_order WHERE id = ?", Integer.class, orderId))
        .isEqualTo(1);
    Map<String, Object> row = jdbc.queryForMap("SELECT * FROM oc_order WHERE id = ?", orderId);
    assertThat(row)
        .containsEntry("status", "Completed")
        .containsEntry("last_event_id", later.eventId());
    assertThat((BigDecimal) row.get("total")).isEqualByComparingTo("190.5");
    // the ERP's sales order of that ID was replaced, with the new lines
    List<LoggedRequest> puts = salesOrderPuts(orderId);
    assertThat(puts).hasSize(2);
    assertThat(json(puts.get(1)).get("status").asText()).isEqualTo("Completed");
    assertThat(json(puts.get(1)).get("lines")).hasSize(2);

    // a sync older than the row, arriving late, does not overwrite it
    EventReceipt older = sync(ORDER_SYNC, order(orderId, "2025-03-14T10:00:00+00:00", "1.0", 1));
    legs.awaitStatus(older.eventId(), "database", "delivered");
    // nor does it take the ERP's sales order back: not sent, and the leg says why
    assertThat(legs.awaitStatus(older.eventId(), "erp", "delivered").get("note"))
        .asString()
        .contains("newer OrderSync")
        .contains(later.eventId());
    assertThat(salesOrderPuts(orderId)).hasSize(2);
    Map<String, Object> after = jdbc.queryForMap("SELECT * FROM oc_order WHERE id = ?", orderId);
    assertThat(after)
        .containsEntry("status", "Completed")
        .containsEntry("last_event_id", later.eventId());
    assertThat((BigDecimal) after.get("total")).isEqualByComparingTo("190.5");
    assertThat(ordercloud.findAll(anyRequestedFor(anyUrl()))).isEmpty();
  }

  @Test
  void aSyncedCartIsReportedButIsNoErpSalesOrder() {
    String cartId = "CART-" + UUID.randomUUID();
    ObjectNode cart = order(cartId, "2025-03-14T15:00:00+00:00", "20", 1);
    cart.put("Status", "Unsubmitted");
    cart.put("IsSubmitted", false);
    cart.putNull("DateSubmitted");

    EventReceipt event = sync(ORDER_SYNC, cart);

    legs.awaitStatus(event.eventId(), "database", "delivered");
    assertThat(legs.awaitStatus(event.eventId(), "erp", "delivered").get("note"))
        .asString()
        .contains("not submitted");
    assertThat(
            jdbc.queryForObject("SELECT status FROM oc_order WHERE id = ?", String.class, cartId))
        .isEqualTo("Unsubmitted");
    assertThat(salesOrderPuts(cartId)).isEmpty();
  }

  @Test
  void aBuyerSyncUpsertsItsAccountAndABuyerUserSyncItsContact() {
    String buyerId = "B-" + UUID.randomUUID();
    String userId = "U-" + UUID.randomUUID();
    ObjectNode buyer = Fixtures.mapper().createObjectNode();
    buyer.putObject("UserContext").put("ID", "admin-1");
    buyer.put("ID", buyerId).put("Name", "Globex Ltd").put("Active", true);
    buyer.putObject("xp");
    ObjectNode user = Fixtures.mapper().createObjectNode();
    user.putObject("UserContext").put("ID", "admin-1");
    user.put("ID", userId).put("UserType", 0).put("CompanyID", buyerId);
    user.put("Username", "hank").put("FirstName", "Hank").put("LastName", "Scorpio");
    user.put("Email", "hank@globex.example").put("Phone", "555-0142").put("Active", true);

    EventReceipt buyerEvent = sync(BUYER_SYNC, buyer);
    EventReceipt userEvent = sync(BUYER_USER_SYNC, user);

    assertThat(buyerEvent.eventType()).isEqualTo("buyer.synced");
    assertThat(userEvent.eventType()).isEqualTo("buyer-user.synced");
    legs.awaitStatus(buyerEvent.eventId(), "crm", "delivered");
    legs.awaitStatus(userEvent.eventId(), "crm", "delivered");
    salesforce.verify(
        patchRequestedFor(urlEqualTo(SOBJECTS + "Account/OrderCloud_ID__c/" + buyerId))
            .withRequestBody(equalToJson("{\"Name\":\"Globex Ltd\"}")));
    salesforce.verify(
        patchRequestedFor(urlEqualTo(SOBJECTS + "Contact/OrderCloud_ID__c/" + userId))
            .withRequestBody(
                equalToJson(
                    "{\"FirstName\":\"Hank\",\"LastName\":\"Scorpio\","
                        + "\"Email\":\"hank@globex.example\",\"Phone\":\"555-0142\","
                        + "\"Account\":{\"OrderCloud_ID__c\":\""
                        + buyerId
                        + "\"}}")));
    // each went to the CRM only
    assertThat(
            jdbc.queryForList(
                "SELECT destination FROM hub_delivery_leg WHERE event_id IN (?, ?)",
                String.class,
                buyerEvent.eventId(),
                userEvent.eventId()))
        .containsOnly("crm");
  }

  @Test
  void aDeletedBuyerOrUserIsRecordedWithNoLegsNothingIsDeletedInTheCrm() {
    ObjectNode deleted = Fixtures.mapper().createObjectNode().put("ID", "B-" + UUID.randomUUID());
    ObjectNode deletedUser =
        Fixtures.mapper().createObjectNode().put("ID", "U-" + UUID.randomUUID());

    List<EventReceipt> events =
        List.of(
            sync("sitecore.ordercloud.messages.entitysync.buyer.deleted", deleted),
            sync("sitecore.ordercloud.messages.entitysync.buyeruser.deleted", deletedUser));

    assertThat(events)
        .extracting(EventReceipt::eventType)
        .containsExactly("buyer.deleted", "buyer-user.deleted");
    for (EventReceipt event : events) {
      // routed (its routing decided) with no legs: recorded only
      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () ->
                  jdbc.queryForObject(
                      "SELECT routed_at IS NOT NULL FROM hub_event WHERE id = ?",
                      Boolean.class,
                      event.eventId()));
      assertThat(
              jdbc.queryForObject(
                  "SELECT COUNT(*) FROM hub_delivery_leg WHERE event_id = ?",
                  Integer.class,
                  event.eventId()))
          .isZero();
    }
    salesforce.verify(0, deleteRequestedFor(anyUrl()));
  }
}
