package com.ordercloudhub.hub.destination.erp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ordercloudhub.hub.delivery.DeliveryExchanges;
import com.ordercloudhub.hub.delivery.DryRun;
import com.ordercloudhub.hub.destination.ordercloud.OrderCloudApi;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * A post-hook for an order submit carries the order but not its line items: this reads them from
 * the OrderCloud API (every page) into {@code hub.lineItems} for the ERP mapping. Without an API
 * client configured the order goes without them, and the leg says so.
 */
@Component("orderLineItems")
public class OrderLineItems {

  static final String NOT_CONFIGURED =
      "Sent without line items: ORDERCLOUD_CLIENT_ID is not set, so the hub cannot read them";

  static final String DRY_RUN =
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
    if (DryRun.active(exchange)) {
      // the API is not called in a dry run: the request shows the order without its lines
      hub.put("lineItemsIncluded", true);
      DryRun.note(exchange, DRY_RUN);
      return input;
    }
    if (orderId != null) {
      api.lineItems(direction, orderId).forEach(items::add);
    }
    hub.put("lineItemsIncluded", true);
    return input;
  }
}
