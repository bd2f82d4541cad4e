package com.ordercloudhub.hub.destination.erp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ordercloudhub.hub.delivery.DeliveryExchanges;
import com.ordercloudhub.hub.delivery.PermanentDeliveryException;
import com.ordercloudhub.hub.destination.ordercloud.OrderCloudApi;
import com.ordercloudhub.hub.event.EventStore;
import com.ordercloudhub.hub.support.Fixtures;
import com.ordercloudhub.hub.support.Payloads;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.EndpointInject;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
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
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * routes/destinations/erp.camel.yaml as a route: each event type reaches the request it should,
 * through the real JSONata mappings and request builder, and the ERP (mocked) receives the method,
 * URL, idempotency key, authentication and exact numbers, and nothing else of the event.
 */
@CamelSpringBootTest
@SpringBootTest(
    classes = ErpRoutes.class,
    properties = {
      ErpRoutes.ROUTES,
      "hub.erp.erp.base-url=" + ErpRoutes.BASE_URL,
      "hub.erp.erp.auth=basic",
      "hub.erp.erp.username=hub",
      "hub.erp.erp.password=erp-secret",
      "camel.main.jmx-enabled=false",
      "camel.springboot.main-run-controller=false"
    })
@UseAdviceWith
class ErpRouteTest {

  @Autowired CamelContext camel;
  @Autowired ProducerTemplate producer;
  @Autowired ObjectMapper mapper;

  @MockitoBean OrderCloudApi orderCloud;
  @MockitoBean EventStore events;

  @EndpointInject("mock:erp-create-sales-order")
  MockEndpoint salesOrders;

  @EndpointInject("mock:erp-cancel-sales-order")
  MockEndpoint cancellations;

  @EndpointInject("mock:erp-update-customer")
  MockEndpoint customers;

  @EndpointInject("mock:erp-sync-sales-order")
  MockEndpoint syncedOrders;

  @BeforeEach
  void erpMocked() throws Exception {
    if (camel.isStarted()) {
      return;
    }
    for (String route :
        new String[] {
          "erp-create-sales-order",
          "erp-cancel-sales-order",
          "erp-update-customer",
          "erp-sync-sales-order"
        }) {
      AdviceWith.adviceWith(
          camel, route, advice -> advice.weaveById(route + "-send").replace().to("mock:" + route));
    }
    camel.start();
  }

  @AfterEach
  void reset() {
    MockEndpoint.resetMocks(camel);
  }

  @Test
  void anOrderSubmittedPostsTheSalesOrderWithTheLineItemsReadFromOrderCloud() throws Exception {
    ObjectNode payload = Payloads.node(Fixtures.POST_ORDER_SUBMIT);
    JsonNode order = payload.path("Response").path("Body");
    ObjectNode line = mapper.createObjectNode();
    line.put("ID", "line-1");
    line.put("ProductID", "SKU-1");
    line.put("Quantity", 3);
    line.put("UnitPrice", new BigDecimal("1234567890123.4567"));
    line.putObject("Product").put("Name", "Widget");
    when(orderCloud.configured()).thenReturn(true);
    when(orderCloud.lineItems(any(), eq("Outgoing"), eq(order.path("ID").asText())))
        .thenReturn(Optional.of(List.of(line)));
    salesOrders.expectedMessageCount(1);

    Exchange done = deliver("order.submitted", payload);

    assertThat(done.getException()).isNull();
    MockEndpoint.assertIsSatisfied(5, TimeUnit.SECONDS, salesOrders, cancellations, customers);
    Message sent = received(salesOrders);
    assertThat(sent.getHeader(Exchange.HTTP_METHOD, String.class)).isEqualTo("POST");
    assertThat(sent.getHeader(Exchange.HTTP_URI)).isEqualTo(ErpRoutes.BASE_URL + "/sales-orders");
    assertThat(sent.getHeader("Idempotency-Key")).isEqualTo("event-1:erp");
    assertThat(sent.getHeader("Authorization")).isEqualTo(basic("hub", "erp-secret"));
    assertThat(sent.getHeaders())
        .containsOnlyKeys(
            Exchange.HTTP_METHOD,
            Exchange.HTTP_URI,
            Exchange.CONTENT_TYPE,
            "Accept",
            "Idempotency-Key",
            "Authorization");
    JsonNode body = mapper.readTree(sent.getBody(String.class));
    assertThat(body.path("orderId").asText()).isEqualTo(order.path("ID").asText());
    assertThat(body.path("customerId").asText()).isEqualTo(order.path("FromCompanyID").asText());
    assertThat(new BigDecimal(body.path("total").asText()))
        .isEqualByComparingTo(order.path("Total").decimalValue());
    assertThat(body.path("lineItemsIncluded").asBoolean()).isTrue();
    assertThat(body.path("lines")).hasSize(1);
    assertThat(body.path("lines").path(0).path("sku").asText()).isEqualTo("SKU-1");
    assertThat(body.path("lines").path(0).path("description").asText()).isEqualTo("Widget");
    // exact on the wire: the request text carries the decimal as OrderCloud gave it
    assertThat(sent.getBody(String.class)).contains("1234567890123.4567");
  }

  @Test
  void withoutAnOrderCloudClientTheOrderGoesWithoutLinesAndTheLegSaysSo() throws Exception {
    when(orderCloud.configured()).thenReturn(false);
    salesOrders.expectedMessageCount(1);

    Exchange done = deliver("order.submitted", Payloads.node(Fixtures.POST_ORDER_SUBMIT));

    assertThat(done.getException()).isNull();
    MockEndpoint.assertIsSatisfied(5, TimeUnit.SECONDS, salesOrders);
    JsonNode body = mapper.readTree(received(salesOrders).getBody(String.class));
    assertThat(body.path("lineItemsIncluded").asBoolean()).isFalse();
    assertThat(body.path("lines")).isEmpty();
    assertThat(done.getProperty(DeliveryExchanges.LEG_NOTE, String.class))
        .isEqualTo(OrderLineItems.NOT_CONFIGURED);
  }

  /** An OrderSync payload as OrderCloud documents it: the Order itself, here with its lines. */
  private ObjectNode syncedOrder(String id, Object status) {
    ObjectNode order =
        (ObjectNode)
            Payloads.node(Fixtures.POST_ORDER_SUBMIT).path("Response").path("Body").deepCopy();
    order.put("ID", id);
    order.put("LastUpdated", "2025-03-14T16:05:00+00:00");
    order.putObject("UserContext").put("ID", "buyer-user-01");
    if (status instanceof Integer number) {
      order.put("Status", number);
    } else {
      order.put("Status", (String) status);
    }
    ObjectNode line = order.putArray("LineItems").addObject();
    line.put("ID", "line-1");
    line.put("ProductID", "SKU-1");
    line.put("Quantity", 2);
    line.put("UnitPrice", new BigDecimal("1234567890123.4567"));
    line.put("LineTotal", new BigDecimal("2469135780246.9134"));
    line.putObject("Product").put("Name", "Widget");
    return order;
  }

  @Test
  void anOrderSyncPutsTheSalesOrderWithTheLinesItCarriesAndNeverAsksOrderCloud() throws Exception {
    when(orderCloud.configured()).thenReturn(true);
    syncedOrders.expectedMessageCount(1);
    salesOrders.expectedMessageCount(0);

    Exchange done = deliver("order.synced", syncedOrder("SO 9/1", 4));

    assertThat(done.getException()).isNull();
    MockEndpoint.assertIsSatisfied(5, TimeUnit.SECONDS, syncedOrders, salesOrders);
    Message sent = received(syncedOrders);
    assertThat(sent.getHeader(Exchange.HTTP_METHOD, String.class)).isEqualTo("PUT");
    assertThat(sent.getHeader(Exchange.HTTP_URI))
        .isEqualTo(ErpRoutes.BASE_URL + "/sales-orders/SO%209%2F1");
    assertThat(sent.getHeader("Idempotency-Key")).isEqualTo("event-1:erp");
    assertThat(sent.getHeader("Authorization")).isEqualTo(basic("hub", "erp-secret"));
    JsonNode body = mapper.readTree(sent.getBody(String.class));
    assertThat(body.path("orderId").asText()).isEqualTo("SO 9/1");
    // OrderCloud's number for the status becomes its name
    assertThat(body.path("status").asText()).isEqualTo("Open");
    assertThat(body.path("customerId").asText()).isEqualTo("ACME");
    assertThat(body.path("lastUpdated").asText()).isEqualTo("2025-03-14T16:05:00+00:00");
    assertThat(body.path("lineItemsIncluded").asBoolean()).isTrue();
    assertThat(body.path("lines")).hasSize(1);
    assertThat(body.path("lines").path(0).path("sku").asText()).isEqualTo("SKU-1");
    assertThat(body.path("lines").path(0).path("description").asText()).isEqualTo("Widget");
    assertThat(sent.getBody(String.class)).contains("1234567890123.4567");
    assertThat(done.getProperty(DeliveryExchanges.LEG_NOTE)).isNull();
    verify(orderCloud, org.mockito.Mockito.never()).lineItems(any(), any(), any());
  }

  @Test
  void aWorksheetShapedOrderSyncIsReadByItsOrderWithTheMessageShapedLines() throws Exception {
    ObjectNode order = syncedOrder("SO-10", "Open");
    order.remove("LineItems");
    ObjectNode worksheet = mapper.createObjectNode();
    worksheet.set("Order", order);
    ObjectNode line = worksheet.putArray("LineItems").addObject();
    line.put("LineID", "L-7");
    line.put("Quantity", 1);
    line.put("Price", new BigDecimal("9.50"));
    line.putObject("Product").put("ProductID", "SKU-7").put("ProductName", "Gadget");
    syncedOrders.expectedMessageCount(1);

    Exchange done = deliver("order.synced", worksheet);

    assertThat(done.getException()).isNull();
    MockEndpoint.assertIsSatisfied(5, TimeUnit.SECONDS, syncedOrders);
    Message sent = received(syncedOrders);
    assertThat(sent.getHeader(Exchange.HTTP_URI))
        .isEqualTo(ErpRoutes.BASE_URL + "/sales-orders/SO-10");
    JsonNode body = mapper.readTree(sent.getBody(String.class));
    assertThat(body.path("orderId").asText()).isEqualTo("SO-10");
    assertThat(body.path("lines").path(0).path("lineId").asText()).isEqualTo("L-7");
    assertThat(body.path("lines").path(0).path("sku").asText()).isEqualTo("SKU-7");
    assertThat(body.path("lines").path(0).path("description").asText()).isEqualTo("Gadget");
    assertThat(body.path("lines").path(0).path("unitPrice").decimalValue())
        .isEqualByComparingTo("9.50");
  }

  @Test
  void anOrderSyncWithoutLinesGoesWithoutThemAndTheLegSaysSo() throws Exception {
    ObjectNode order = syncedOrder("SO-11", "Completed");
    order.remove("LineItems");
    syncedOrders.expectedMessageCount(1);

    Exchange done = deliver("order.synced", order);

    assertThat(done.getException()).isNull();
    MockEndpoint.assertIsSatisfied(5, TimeUnit.SECONDS, syncedOrders);
    JsonNode body = mapper.readTree(received(syncedOrders).getBody(String.class));
    assertThat(body.path("lineItemsIncluded").asBoolean()).isFalse();
    assertThat(body.path("lines")).isEmpty();
    assertThat(done.getProperty(DeliveryExchanges.LEG_NOTE, String.class))
        .isEqualTo(ErpRequests.SYNC_WITHOUT_LINES);
  }

  @Test
  void aSyncedCartIsNoSalesOrderNothingIsSentAndTheLegSaysWhy() throws Exception {
    ObjectNode cart = syncedOrder("CART-1", 1);
    cart.put("IsSubmitted", false);
    syncedOrders.expectedMessageCount(0);

    Exchange done = deliver("order.synced", cart);

    assertThat(done.getException()).isNull();
    MockEndpoint.assertIsSatisfied(camel);
    assertThat(done.getProperty(DeliveryExchanges.LEG_NOTE, String.class))
        .isEqualTo(ErpRequests.NOT_SUBMITTED);
  }

  @Test
  void anOrderSyncOlderThanOneStoredIsNotSentAndTheLegNamesTheNewer() throws Exception {
    when(events.newerOfSameKey("event-1")).thenReturn(Optional.of("event-2"));
    syncedOrders.expectedMessageCount(0);

    Exchange done = deliver("order.synced", syncedOrder("SO-12", "Open"));

    assertThat(done.getException()).isNull();
    MockEndpoint.assertIsSatisfied(camel);
    assertThat(done.getProperty(DeliveryExchanges.LEG_NOTE, String.class))
        .isEqualTo(SyncedOrders.SUPERSEDED.formatted("event-2"));
  }

  @Test
  void anOrderCanceledPostsTheCancellationToTheOrdersOwnEscapedUrl() throws Exception {
    ObjectNode payload = Payloads.node(Fixtures.POST_ORDER_SUBMIT);
    ObjectNode order = (ObjectNode) payload.path("Response").path("Body");
    order.put("ID", "SO 1/2");
    order.put("Status", "Canceled");
    order.put("DateCanceled", "2025-03-15T09:00:00+00:00");
    cancellations.expectedMessageCount(1);
    salesOrders.expectedMessageCount(0);

    Exchange done = deliver("order.canceled", payload);

    assertThat(done.getException()).isNull();
    MockEndpoint.assertIsSatisfied(5, TimeUnit.SECONDS, cancellations, salesOrders);
    Message sent = received(cancellations);
    assertThat(sent.getHeader(Exchange.HTTP_METHOD, String.class)).isEqualTo("POST");
    assertThat(sent.getHeader(Exchange.HTTP_URI))
        .isEqualTo(ErpRoutes.BASE_URL + "/sales-orders/SO%201%2F2/cancel");
    JsonNode body = mapper.readTree(sent.getBody(String.class));
    assertThat(body.path("orderId").asText()).isEqualTo("SO 1/2");
    assertThat(body.path("canceledAt").asText()).isEqualTo("2025-03-15T09:00:00+00:00");
    assertThat(body.path("status").asText()).isEqualTo("Canceled");
  }

  @Test
  void aBuyersUserChangePutsTheCustomer() throws Exception {
    customers.expectedMessageCount(1);

    Exchange done = deliver("user.updated", userPayload("v1/buyers/{buyerID}/users/{userID}"));

    assertThat(done.getException()).isNull();
    MockEndpoint.assertIsSatisfied(5, TimeUnit.SECONDS, customers);
    Message sent = received(customers);
    assertThat(sent.getHeader(Exchange.HTTP_METHOD, String.class)).isEqualTo("PUT");
    assertThat(sent.getHeader(Exchange.HTTP_URI)).isEqualTo(ErpRoutes.BASE_URL + "/customers/ACME");
    JsonNode body = mapper.readTree(sent.getBody(String.class));
    assertThat(body.path("change").asText()).isEqualTo("user.updated");
    assertThat(body.path("contact").path("email").asText()).isEqualTo("ron.smith@acme.example");
    assertThat(body.has("address")).isFalse();
  }

  @Test
  void aChangeWithoutABuyerSendsNothingAndTheLegSaysWhy() throws Exception {
    ObjectNode payload = userPayload("v1/adminusers/{userID}");
    ((ObjectNode) payload.path("RouteParams")).remove("buyerID");
    customers.expectedMessageCount(0);

    Exchange done = deliver("user.updated", payload);

    assertThat(done.getException()).isNull();
    MockEndpoint.assertIsSatisfied(camel);
    assertThat(done.getProperty(DeliveryExchanges.LEG_NOTE, String.class)).contains("no buyer");
  }

  @Test
  void anEventTheErpDoesNotTakeFailsPermanentlyAndSendsNothing() throws Exception {
    salesOrders.expectedMessageCount(0);
    cancellations.expectedMessageCount(0);
    customers.expectedMessageCount(0);

    Exchange done = deliver("shipment.created", Payloads.node(Fixtures.POST_ORDER_SUBMIT));

    assertThat(done.getException())
        .isInstanceOf(PermanentDeliveryException.class)
        .hasMessageContaining("shipment.created");
    MockEndpoint.assertIsSatisfied(camel);
  }

  @Test
  void aMappingWithoutOrderIdFailsPermanentlyBeforeTheErp() throws Exception {
    ObjectNode payload = Payloads.node(Fixtures.POST_ORDER_SUBMIT);
    ((ObjectNode) payload.path("Response").path("Body")).remove("ID");
    ((ObjectNode) payload.path("RouteParams")).remove("orderID");
    cancellations.expectedMessageCount(0);

    Exchange done = deliver("order.canceled", payload);

    assertThat(done.getException())
        .isInstanceOf(PermanentDeliveryException.class)
        .hasMessageContaining("orderId");
    MockEndpoint.assertIsSatisfied(camel);
    verify(orderCloud, org.mockito.Mockito.never()).lineItems(any(), any(), any());
  }

  private ObjectNode userPayload(String route) {
    ObjectNode user = mapper.createObjectNode();
    user.put("ID", "new-user-7");
    user.put("Username", "rsmith");
    user.put("FirstName", "Ron");
    user.put("LastName", "Smith");
    user.put("Email", "ron.smith@acme.example");
    ObjectNode payload = mapper.createObjectNode();
    payload.put("Route", route);
    payload.put("Date", "2025-03-14T16:02:11+00:00");
    payload.putObject("RouteParams").put("buyerID", "ACME").put("userID", "new-user-7");
    payload.putObject("Response").set("Body", user);
    return payload;
  }

  private Exchange deliver(String eventType, JsonNode payload) {
    return producer.send(
        "direct:erp-deliver-event",
        exchange -> {
          exchange.getMessage().setBody(payload);
          exchange.getMessage().setHeader(DeliveryExchanges.EVENT_ID, "event-1");
          exchange.getMessage().setHeader(DeliveryExchanges.EVENT_TYPE, eventType);
          exchange.getMessage().setHeader(DeliveryExchanges.DESTINATION, "erp");
          exchange.getMessage().setHeader(DeliveryExchanges.IDEMPOTENCY_KEY, "event-1:erp");
        });
  }

  private static Message received(MockEndpoint mock) {
    return mock.getReceivedExchanges().get(0).getMessage();
  }

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }
}
