package com.ordercloudhub.hub.destination.database;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ordercloudhub.hub.delivery.DeliveryExchanges;
import com.ordercloudhub.hub.delivery.PermanentDeliveryException;
import com.ordercloudhub.hub.destination.Mappings;
import com.ordercloudhub.hub.support.Fixtures;
import com.ordercloudhub.hub.support.Payloads;
import java.math.BigDecimal;
import java.util.Map;
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
 * routes/destinations/database.camel.yaml as a route: each event type reaches its table's write
 * with the row its mapping makes (columns from the payload, the event's id and type added), a call
 * that carries no entity writes nothing, and a value its column cannot hold is refused before SQL.
 */
@CamelSpringBootTest
@SpringBootTest(
    classes = DatabaseRoutes.class,
    properties = {
      DatabaseRoutes.ROUTES,
      DatabaseRoutes.DATABASE,
      "camel.main.jmx-enabled=false",
      "camel.springboot.main-run-controller=false"
    })
@UseAdviceWith
class DatabaseRouteTest {

  /** Each write step (route id → step id) and the mock that takes its place. */
  static final Map<String, String> WRITES =
      Map.of(
          "database-upsert-order", "mock:oc_order",
          "database-upsert-shipment", "mock:oc_shipment",
          "database-upsert-user", "mock:oc_user",
          "database-upsert-address", "mock:oc_address",
          "database-delete-address", "mock:oc_address-deleted",
          // an OrderSync's row goes to the same table, the same upsert
          "database-upsert-synced-order", "mock:oc_order");

  @Autowired CamelContext camel;
  @Autowired ProducerTemplate producer;
  @Autowired ObjectMapper mapper;
  @Autowired Mappings mappings;

  @EndpointInject("mock:oc_order")
  MockEndpoint orders;

  @EndpointInject("mock:oc_shipment")
  MockEndpoint shipments;

  @EndpointInject("mock:oc_user")
  MockEndpoint users;

  @EndpointInject("mock:oc_address")
  MockEndpoint addresses;

  @EndpointInject("mock:oc_address-deleted")
  MockEndpoint deletedAddresses;

  @BeforeEach
  void writesMocked() throws Exception {
    if (camel.isStarted()) {
      return;
    }
    for (Map.Entry<String, String> write : WRITES.entrySet()) {
      AdviceWith.adviceWith(
          camel,
          write.getKey(),
          route -> route.weaveById(write.getKey() + "-write").replace().to(write.getValue()));
    }
    camel.start();
  }

  @AfterEach
  void reset() {
    MockEndpoint.resetMocks(camel);
  }

  @Test
  void anOrderEventWritesItsOrderRow() throws Exception {
    ObjectNode payload = Payloads.node(Fixtures.POST_ORDER_SUBMIT);
    JsonNode order = payload.path("Response").path("Body");
    orders.expectedMessageCount(1);
    onlyThisTableWritten(orders);

    Exchange done = deliver("order.submitted", payload);

    assertThat(done.getException()).isNull();
    MockEndpoint.assertIsSatisfied(5, TimeUnit.SECONDS, orders, shipments, users, addresses);
    Map<String, Object> row = row(orders);
    assertThat(row)
        .containsEntry("id", order.path("ID").asText())
        .containsEntry("direction", payload.path("RouteParams").path("direction").asText())
        .containsEntry("from_company_id", order.path("FromCompanyID").asText())
        .containsEntry("status", order.path("Status").asText())
        .containsEntry("last_event_id", "event-1")
        .containsEntry("last_event_type", "order.submitted");
    assertThat((BigDecimal) row.get("total")).isEqualByComparingTo(order.path("Total").asText());
    JsonNode raw = mapper.readTree((String) row.get("raw_json"));
    assertThat(raw.path("ID")).isEqualTo(order.path("ID"));
    assertThat(raw.path("BillingAddress")).isEqualTo(order.path("BillingAddress"));
  }

  /** The mapping is parsed once, not per exchange (camel-jsonata parsed it on every one). */
  @Test
  void manyOrdersAreMappedWithOneParseOfTheirMapping() throws Exception {
    ObjectNode payload = Payloads.node(Fixtures.POST_ORDER_SUBMIT);
    deliver("order.submitted", payload);
    long parsed = mappings.compilations();
    orders.reset();
    orders.expectedMessageCount(20);

    for (int i = 0; i < 20; i++) {
      ObjectNode order = payload.deepCopy();
      ((ObjectNode) order.path("Response").path("Body")).put("ID", "SO-PARSED-" + i);
      assertThat(deliver("order.submitted", order).getException()).isNull();
    }

    MockEndpoint.assertIsSatisfied(5, TimeUnit.SECONDS, orders);
    for (int i = 0; i < 20; i++) {
      assertThat(orders.getReceivedExchanges().get(i).getMessage().getBody(Map.class))
          .containsEntry("id", "SO-PARSED-" + i);
    }
    assertThat(mappings.compilations()).isEqualTo(parsed);
  }

  @Test
  void anOrderSyncWritesTheOrderRowFromTheOrderItselfOrderedByItsLastUpdated() throws Exception {
    ObjectNode order =
        (ObjectNode)
            Payloads.node(Fixtures.POST_ORDER_SUBMIT).path("Response").path("Body").deepCopy();
    order.put("Status", 5);
    order.put("LastUpdated", "2025-03-16T08:00:00+00:00");
    order.putObject("UserContext").put("ID", "buyer-user-01");
    order.putArray("LineItems").addObject().put("ID", "line-1");
    orders.expectedMessageCount(1);
    onlyThisTableWritten(orders);

    Exchange done = deliver("order.synced", order);

    assertThat(done.getException()).isNull();
    MockEndpoint.assertIsSatisfied(5, TimeUnit.SECONDS, orders, shipments, users, addresses);
    Map<String, Object> row = row(orders);
    assertThat(row)
        .containsEntry("id", order.path("ID").asText())
        .containsEntry("from_company_id", "ACME")
        // OrderCloud's number 5 is the status Completed
        .containsEntry("status", "Completed")
        .containsEntry("last_updated", "2025-03-16T08:00:00+00:00")
        // no webhook Date: the order's LastUpdated orders the rows
        .containsEntry("source_date", "2025-03-16T08:00:00+00:00")
        .containsEntry("last_event_type", "order.synced")
        .containsEntry("direction", null);
    assertThat((BigDecimal) row.get("total")).isEqualByComparingTo("172.8");
    assertThat(mapper.readTree((String) row.get("raw_json")).path("LineItems")).hasSize(1);
  }

  @Test
  void aWorksheetShapedOrderSyncWritesItsOrdersRow() throws Exception {
    ObjectNode worksheet = mapper.createObjectNode();
    worksheet.putObject("Order").put("ID", "SO-W1").put("Status", "Open").put("Total", 5);
    worksheet.putArray("LineItems").addObject().put("ID", "line-1");
    orders.expectedMessageCount(1);

    Exchange done = deliver("order.synced", worksheet);

    assertThat(done.getException()).isNull();
    MockEndpoint.assertIsSatisfied(5, TimeUnit.SECONDS, orders);
    assertThat(row(orders)).containsEntry("id", "SO-W1").containsEntry("status", "Open");
  }

  @Test
  void aShipmentEventWritesItsShipmentRow() throws Exception {
    ObjectNode payload = mapper.createObjectNode();
    payload.put("Route", "v1/shipments");
    payload.put("Date", "2025-03-15T10:00:00+00:00");
    payload
        .putObject("Response")
        .putObject("Body")
        .put("ID", "SHIP-1")
        .put("Shipper", "UPS")
        .put("TrackingNumber", "1Z999");
    shipments.expectedMessageCount(1);
    onlyThisTableWritten(shipments);

    Exchange done = deliver("shipment.created", payload);

    assertThat(done.getException()).isNull();
    MockEndpoint.assertIsSatisfied(5, TimeUnit.SECONDS, orders, shipments, users, addresses);
    assertThat(row(shipments))
        .containsEntry("id", "SHIP-1")
        .containsEntry("last_event_type", "shipment.created");
  }

  @Test
  void aShipmentItemCallWritesNothing() throws Exception {
    ObjectNode payload = mapper.createObjectNode();
    payload.put("Route", "v1/shipments/{shipmentID}/items");
    payload.putObject("Response").putObject("Body").put("ID", "item-1").put("LineItemID", "li-1");
    shipments.expectedMessageCount(0);

    Exchange done = deliver("shipment.updated", payload);

    assertThat(done.getException()).isNull();
    MockEndpoint.assertIsSatisfied(camel);
  }

  @Test
  void aUserEventWritesItsUserRow() throws Exception {
    JsonNode user = Payloads.node(Fixtures.POST_ORDER_SUBMIT).path("Response").path("Body");
    user = user.path("FromUser");
    ObjectNode payload = mapper.createObjectNode();
    payload.put("Route", "v1/buyers/{buyerID}/users");
    payload.putObject("RouteParams").put("buyerID", "ACME");
    payload.putObject("Response").set("Body", user);
    users.expectedMessageCount(1);
    onlyThisTableWritten(users);

    Exchange done = deliver("user.created", payload);

    assertThat(done.getException()).isNull();
    MockEndpoint.assertIsSatisfied(5, TimeUnit.SECONDS, orders, shipments, users, addresses);
    assertThat(row(users))
        .containsEntry("id", user.path("ID").asText())
        .containsEntry("last_event_type", "user.created");
  }

  @Test
  void anAddressSavedUpsertsAndAnAddressDeletedMarksDeleted() throws Exception {
    JsonNode address =
        Payloads.node(Fixtures.POST_ORDER_SUBMIT)
            .path("Response")
            .path("Body")
            .path("BillingAddress");
    ObjectNode saved = mapper.createObjectNode();
    saved.put("Route", "v1/buyers/{buyerID}/addresses/{addressID}");
    saved
        .putObject("RouteParams")
        .put("buyerID", "ACME")
        .put("addressID", address.path("ID").asText());
    saved.putObject("Response").set("Body", address);
    ObjectNode deleted = saved.deepCopy();
    deleted.remove("Response");
    addresses.expectedMessageCount(1);
    deletedAddresses.expectedMessageCount(1);

    assertThat(deliver("address.saved", saved).getException()).isNull();
    assertThat(deliver("address.deleted", deleted).getException()).isNull();

    MockEndpoint.assertIsSatisfied(5, TimeUnit.SECONDS, addresses, deletedAddresses, orders);
    assertThat(row(addresses))
        .containsEntry("id", address.path("ID").asText())
        .containsEntry("owner_id", "ACME")
        .containsEntry("city", address.path("City").asText())
        .containsEntry("last_event_type", "address.saved");
    assertThat(row(deletedAddresses))
        .containsEntry("id", address.path("ID").asText())
        .containsEntry("owner_id", "ACME")
        .containsEntry("owner_type", "buyer")
        .containsEntry("last_event_type", "address.deleted");
  }

  @Test
  void aValueItsColumnCannotHoldIsRefusedBeforeTheWrite() throws Exception {
    ObjectNode payload = Payloads.node(Fixtures.POST_ORDER_SUBMIT);
    // oc_order.total is NUMERIC(18,4): a fifth decimal would be rounded by the database
    ((ObjectNode) payload.path("Response").path("Body")).put("Total", new BigDecimal("172.80001"));
    orders.expectedMessageCount(0);

    Exchange done = deliver("order.submitted", payload);

    assertThat(done.getException())
        .isInstanceOf(PermanentDeliveryException.class)
        .hasMessageContaining("oc_order.total")
        .hasMessageContaining("172.80001");
    MockEndpoint.assertIsSatisfied(camel);
  }

  @Test
  void anEventWithoutATableFailsPermanently() throws Exception {
    Exchange done =
        deliver("message.ordersubmitted", Payloads.node(Fixtures.MESSAGE_ORDER_SUBMITTED));

    assertThat(done.getException())
        .isInstanceOf(PermanentDeliveryException.class)
        .hasMessageContaining("message.ordersubmitted");
    assertThat(orders.getReceivedCounter() + users.getReceivedCounter()).isZero();
  }

  private void onlyThisTableWritten(MockEndpoint table) {
    for (MockEndpoint other : new MockEndpoint[] {orders, shipments, users, addresses}) {
      if (other != table) {
        other.expectedMessageCount(0);
      }
    }
  }

  private Exchange deliver(String eventType, JsonNode payload) {
    return producer.send(
        "direct:database-deliver-event",
        exchange -> {
          exchange.getMessage().setBody(payload);
          exchange.getMessage().setHeader(DeliveryExchanges.EVENT_ID, "event-1");
          exchange.getMessage().setHeader(DeliveryExchanges.EVENT_TYPE, eventType);
          exchange.getMessage().setHeader(DeliveryExchanges.DESTINATION, "database");
          exchange.getMessage().setHeader(DeliveryExchanges.IDEMPOTENCY_KEY, "event-1:database");
        });
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> row(MockEndpoint table) {
    return table.getReceivedExchanges().get(0).getMessage().getBody(Map.class);
  }
}
