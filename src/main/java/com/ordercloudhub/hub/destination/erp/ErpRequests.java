package com.ordercloudhub.hub.destination.erp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.ordercloudhub.hub.delivery.DeliveryExchanges;
import com.ordercloudhub.hub.delivery.PermanentDeliveryException;
import com.ordercloudhub.hub.event.ExactJson;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.http.HttpMethods;
import org.springframework.stereotype.Component;

/**
 * Turns an ERP mapping's output into the HTTP request: the URL (from the instance's base URL and
 * the mapped order or customer ID), the method, {@code Idempotency-Key}, the instance's
 * authentication, and the JSON body. The instance is the leg's destination ({@code hubDestination}:
 * {@code erp}, or {@code erp-eu} for a route file copied as another instance), so every instance's
 * route file uses this one bean. Every other header is dropped, so nothing from the event reaches
 * the ERP by accident.
 *
 * <p>The mapping's output arrives as a tree whose numbers are exact (the {@code mapping:} endpoint
 * keeps {@code BigDecimal}; JSON text would be read with {@code BigDecimal}), so 1234567890123.4567
 * reaches the ERP as that number, not …4568.
 */
@Component("erpRequests")
public class ErpRequests {

  private final ErpInstances instances;
  private final ObjectReader exact;

  ErpRequests(ErpInstances instances, ObjectMapper mapper) {
    this.instances = instances;
    this.exact = ExactJson.reader(mapper);
  }

  /** {@code POST {ERP_BASE_URL}/sales-orders} with the mapped sales order. */
  public String salesOrder(Exchange exchange) {
    JsonNode body = mapped(exchange, "orderId");
    return request(exchange, "POST", "/sales-orders", body);
  }

  /**
   * {@code PUT {ERP_BASE_URL}/sales-orders/{orderId}} with an OrderSync's order as it is now: every
   * sync of one order replaces the ERP's sales order of that ID, so a retry, a replay or the next
   * sync of the order updates it rather than adding another. The lines are those the message
   * carries; a message without them goes without, and the leg says so.
   */
  public String syncedSalesOrder(Exchange exchange) {
    JsonNode body = mapped(exchange, "orderId");
    if (!body.path("lineItemsIncluded").asBoolean(false)) {
      exchange.setProperty(DeliveryExchanges.LEG_NOTE, SYNC_WITHOUT_LINES);
    }
    return request(exchange, "PUT", "/sales-orders/" + segment(body.get("orderId").asText()), body);
  }

  static final String SYNC_WITHOUT_LINES =
      "Sent without line items: the OrderSync message carried none (LineItems)";

  static final String NOT_SUBMITTED =
      "Nothing sent: the order is not submitted (OrderSync also sends carts, which are no sales"
          + " orders)";

  /**
   * Whether the synced-order mapping found a submitted order: OrderSync sends every change of every
   * order, carts included, and the ERP takes sales orders only.
   */
  public boolean isSubmitted(Exchange exchange) {
    JsonNode body = tree(exchange);
    boolean submitted = body != null && body.path("submitted").asBoolean(false);
    if (!submitted) {
      exchange.setProperty(DeliveryExchanges.LEG_NOTE, NOT_SUBMITTED);
    }
    return submitted;
  }

  /** {@code POST {ERP_BASE_URL}/sales-orders/{orderId}/cancel}. */
  public String cancelSalesOrder(Exchange exchange) {
    JsonNode body = mapped(exchange, "orderId");
    return request(
        exchange,
        "POST",
        "/sales-orders/" + segment(body.get("orderId").asText()) + "/cancel",
        body);
  }

  /** {@code PUT {ERP_BASE_URL}/customers/{customerId}} with the mapped customer change. */
  public String customer(Exchange exchange) {
    JsonNode body = mapped(exchange, "customerId");
    return request(exchange, "PUT", "/customers/" + segment(body.get("customerId").asText()), body);
  }

  /**
   * Whether the customer mapping found a buyer to update (admin and supplier changes have none).
   */
  public boolean hasCustomer(Exchange exchange) {
    JsonNode body = tree(exchange);
    boolean found =
        body != null && body.hasNonNull("customerId") && !body.get("customerId").asText().isBlank();
    if (!found) {
      exchange.setProperty(
          DeliveryExchanges.LEG_NOTE, "Nothing sent: the event names no buyer (customerId)");
    }
    return found;
  }

  private String request(Exchange exchange, String method, String path, JsonNode body) {
    Message message = exchange.getMessage();
    ErpInstance erp = instanceOf(message);
    String key = message.getHeader(DeliveryExchanges.IDEMPOTENCY_KEY, String.class);
    message.removeHeaders("*");
    // the component's own type: a String is converted on every send by a registry search (~5% of a
    // drained leg's CPU)
    message.setHeader(Exchange.HTTP_METHOD, HttpMethods.valueOf(method));
    message.setHeader(Exchange.HTTP_URI, erp.baseUrl() + path);
    message.setHeader(Exchange.CONTENT_TYPE, "application/json");
    message.setHeader("Accept", "application/json");
    message.setHeader("Idempotency-Key", key);
    erp.authorization().ifPresent(value -> message.setHeader("Authorization", value));
    return body.toString();
  }

  private JsonNode mapped(Exchange exchange, String idField) {
    JsonNode body = tree(exchange);
    if (body == null || !body.isObject()) {
      throw new PermanentDeliveryException("The ERP mapping produced no JSON object");
    }
    if (!body.hasNonNull(idField) || body.get(idField).asText().isBlank()) {
      throw new PermanentDeliveryException("The ERP mapping produced no " + idField);
    }
    return body;
  }

  /** The mapping's output, numbers exact; null when it produced nothing. */
  private JsonNode tree(Exchange exchange) {
    Object body = exchange.getMessage().getBody();
    if (body == null || body instanceof JsonNode) {
      return (JsonNode) body;
    }
    String text = exchange.getMessage().getBody(String.class);
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return exact.readValue(text);
    } catch (JsonProcessingException e) {
      throw new PermanentDeliveryException("The ERP mapping produced text that is not JSON");
    }
  }

  /**
   * The ERP instance the leg goes to, named by its destination; the default instance when the
   * exchange is not a leg's.
   */
  private ErpInstance instanceOf(Message message) {
    String destination = message.getHeader(DeliveryExchanges.DESTINATION, String.class);
    return instances.instance(destination == null ? ErpInstance.DEFAULT : destination);
  }

  private static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
