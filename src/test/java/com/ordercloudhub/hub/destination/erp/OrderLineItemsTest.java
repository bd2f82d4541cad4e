package com.ordercloudhub.hub.destination.erp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ordercloudhub.hub.delivery.DeliveryExchanges;
import com.ordercloudhub.hub.destination.ordercloud.OrderCloudApi;
import com.ordercloudhub.hub.destination.ordercloud.OrderCloudApiProperties;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/**
 * An order-submit post-hook gets its line items from the OrderCloud API under {@code
 * hub.lineItems}; without an API client, or in a dry run, it goes without them and its leg says
 * why.
 */
class OrderLineItemsTest {

  final ObjectMapper mapper = new ObjectMapper();

  /** The OrderCloud API as this class sees it: configured or not, and the lines it answers. */
  static final class FakeApi extends OrderCloudApi {

    final boolean configured;
    final Optional<List<JsonNode>> answer;
    final List<String> reads = new ArrayList<>();

    FakeApi(boolean configured, Optional<List<JsonNode>> answer) {
      super(
          new OrderCloudApiProperties(
              "http://127.0.0.1:9",
              "http://127.0.0.1:9",
              configured ? "client" : null,
              null,
              "OrderReader",
              Duration.ofSeconds(1),
              Duration.ofSeconds(1),
              100),
          new ObjectMapper(),
          null,
          null);
      this.configured = configured;
      this.answer = answer;
    }

    @Override
    public boolean configured() {
      return configured;
    }

    @Override
    public Optional<List<JsonNode>> lineItems(Exchange on, String direction, String orderId) {
      reads.add(direction + "/" + orderId);
      return answer;
    }
  }

  Exchange exchange(String json) throws Exception {
    Exchange exchange = new DefaultExchange(new DefaultCamelContext());
    exchange.getMessage().setBody(mapper.readTree(json));
    return exchange;
  }

  List<JsonNode> lines() throws Exception {
    return List.of(
        mapper.readTree("{\"ID\":\"li-1\",\"ProductID\":\"SKU-1001\",\"Quantity\":10}"),
        mapper.readTree("{\"ID\":\"li-2\",\"ProductID\":\"SKU-2040\",\"Quantity\":2}"));
  }

  static final String SUBMIT =
      "{\"RouteParams\":{\"direction\":\"Incoming\",\"orderID\":\"SO-1\"},"
          + "\"Response\":{\"Body\":{\"ID\":\"SO-100234\"}},\"hub\":{\"eventId\":7}}";

  @Test
  void theOrdersLineItemsAreReadIntoHubLineItems() throws Exception {
    FakeApi api = new FakeApi(true, Optional.of(lines()));
    Exchange exchange = exchange(SUBMIT);

    JsonNode out = new OrderLineItems(api).addTo(exchange);

    // the order id of the answer wins over the route's, with the route's direction
    assertThat(api.reads).containsExactly("Incoming/SO-100234");
    assertThat(out.at("/hub/lineItems")).containsExactlyElementsOf(lines());
    assertThat(out.at("/hub/lineItemsIncluded").asBoolean()).isTrue();
    assertThat(out.at("/hub/eventId").asInt()).as("what hub held stays").isEqualTo(7);
    assertThat(exchange.getProperty(DeliveryExchanges.LEG_NOTE)).isNull();
  }

  @Test
  void withoutAnOrderInTheResponseTheRoutesOrderIdAndOutgoingAreUsed() throws Exception {
    FakeApi api = new FakeApi(true, Optional.of(lines()));

    new OrderLineItems(api).addTo(exchange("{\"RouteParams\":{\"orderID\":\"SO-9\"}}"));

    assertThat(api.reads).containsExactly("Outgoing/SO-9");
  }

  @Test
  void withoutAnApiClientTheOrderGoesWithoutLinesAndTheLegSaysSo() throws Exception {
    FakeApi api = new FakeApi(false, Optional.of(lines()));
    Exchange exchange = exchange(SUBMIT);

    JsonNode out = new OrderLineItems(api).addTo(exchange);

    assertThat(api.reads).isEmpty();
    assertThat(out.at("/hub/lineItems").isArray()).isTrue();
    assertThat(out.at("/hub/lineItems")).isEmpty();
    assertThat(out.at("/hub/lineItemsIncluded").asBoolean(true)).isFalse();
    assertThat(exchange.getProperty(DeliveryExchanges.LEG_NOTE))
        .isEqualTo(OrderLineItems.NOT_CONFIGURED);
  }

  @Test
  void aDryRunsUnansweredReadSendsNoLinesAndSaysWhy() throws Exception {
    FakeApi api = new FakeApi(true, Optional.empty());
    Exchange exchange = exchange(SUBMIT);

    JsonNode out = new OrderLineItems(api).addTo(exchange);

    assertThat(api.reads).hasSize(1);
    assertThat(out.at("/hub/lineItems")).isEmpty();
    assertThat(exchange.getProperty(DeliveryExchanges.LEG_NOTE)).isEqualTo(OrderLineItems.NOT_READ);
  }

  @Test
  void withoutAnyOrderIdNothingIsRead() throws Exception {
    FakeApi api = new FakeApi(true, Optional.of(lines()));
    Exchange exchange = exchange("{\"Response\":{\"Body\":null}}");

    ObjectNode out = (ObjectNode) new OrderLineItems(api).addTo(exchange);

    assertThat(api.reads).isEmpty();
    assertThat(out.at("/hub/lineItems")).isEmpty();
  }
}
