package com.ordercloudhub.hub.destination.erp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ordercloudhub.hub.delivery.DeliveryExchanges;
import com.ordercloudhub.hub.destination.ordercloud.OrderCloudApi;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * A post-hook for an order submit carries the order but not its line items: this reads them from
 * the OrderCloud API (every page) into {@code hub.lineItems} for the ERP mapping. Without an API
 * client configured the order goes without them, and the leg says so. A dry run records the reads
 * (OrderCloudApi) and sends the order without lines, saying so.
 */
@Component("orderLineItems")
public class OrderLineItems {

  static final String NOT_CONFIGURED =
      "Sent without line items: ORDERCLOUD_CLIENT_ID is not set, so the hub cannot read them";

  /** The read had no answer: only a dry run, which records the read instead of making it. */
  static final String NOT_READ =
      "Line items are read from the OrderCloud API when the order is delivered; a dry run does not"
          + " call it, so the ERP request shows no lines";

  private final OrderCloudApi api;

  public OrderLineItems(OrderCloudApi api) {
    this.api = api;
  }

  public JsonNode addTo(Exchange exchange) {
    ObjectNode input = (ObjectNode) exchange.getMessage().getBody(JsonNode.class);
    ObjectNode hub = input.withObjectProperty("hub");
    if (!api.configured()) {
      hub.put("lineItemsIncluded", false);
      hub.putArray("lineItems");
      exchange.setProperty(DeliveryExchanges.LEG_NOTE, NOT_CONFIGURED);
      return input;
    }
    String orderId = input.path("Response").path("Body").path("ID").asText(null);
    if (orderId == null) {
      orderId = input.path("RouteParams").path("orderID").asText(null);
    }
    String direction = input.path("RouteParams").path("direction").asText("Outgoing");
    ArrayNode items = hub.putArray("lineItems");
    if (orderId != null) {
      api.lineItems(exchange, direction, orderId)
          .ifPresentOrElse(
              read -> read.forEach(items::add),
              // the request shows the order as it would go, but for its lines
              () -> exchange.setProperty(DeliveryExchanges.LEG_NOTE, NOT_READ));
    }
    hub.put("lineItemsIncluded", true);
    return input;
  }
}
