package com.ordercloudhub.hub.destination.crm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.ordercloudhub.hub.delivery.PermanentDeliveryException;
import com.ordercloudhub.hub.event.ExactJson;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * Turns a CRM mapping's output, {@code {"externalId": …, "fields": {…}}}, into a Salesforce upsert:
 * the external ID goes to the URL ({@code sObjectIdValue}), the fields are the JSON body. The
 * external-ID field itself is never in the body (Salesforce takes it from the URL).
 *
 * <p>The mapping's output arrives as a JSON tree from {@code mapping:} (JSON text is read with
 * {@code BigDecimal} too): a number goes to Salesforce as it came. A Currency or Number field holds
 * at most 18 digits; a value beyond that is for Salesforce to refuse (the leg then says why), not
 * for the hub to round to a double.
 */
@Component("salesforceRecords")
public class SalesforceRecords {

  static final String ID_VALUE_HEADER = "sObjectIdValue";

  private final ObjectReader exact;

  SalesforceRecords(ObjectMapper mapper) {
    this.exact = ExactJson.reader(mapper);
  }

  public String upsertBody(Exchange exchange) {
    String file = exchange.getProperty(Exchange.TO_ENDPOINT, String.class);
    Record record = record(exchange, exchange.getMessage().getBody(), file);
    // headers from the event must not leak into the Salesforce call (they override URI options)
    exchange.getMessage().removeHeaders("sObject*");
    exchange.getMessage().setHeader(ID_VALUE_HEADER, record.externalId());
    return record.fields().toString();
  }

  /**
   * One record a CRM mapping produced: its external ID (the upsert key) and its fields.
   *
   * @param externalId the value of the external-ID field, never blank
   * @param fields the fields to write, numbers exact
   */
  record Record(String externalId, JsonNode fields) {}

  /**
   * Reads a CRM mapping's output (JSON text or a tree) as a record; a permanent failure when it is
   * not one, naming {@code source} (the mapping) when known.
   */
  Record record(Exchange exchange, Object output, String source) {
    JsonNode mapped = tree(exchange, output, source);
    if (mapped == null || !mapped.isObject()) {
      throw new PermanentDeliveryException(
          "The CRM mapping produced no record (expected {\"externalId\", \"fields\"})"
              + (source != null ? " after " + source : ""));
    }
    JsonNode id = mapped.get("externalId");
    if (id == null || id.isNull() || id.asText().isBlank()) {
      throw new PermanentDeliveryException(
          "The CRM mapping produced no externalId for this event: nothing to upsert on"
              + (source != null ? " (" + source + ")" : ""));
    }
    JsonNode fields = mapped.path("fields");
    if (!fields.isObject()) {
      throw new PermanentDeliveryException(
          "The CRM mapping produced no \"fields\" object"
              + (source != null ? " (" + source + ")" : ""));
    }
    return new Record(id.asText(), fields);
  }

  /** The mapping's output, numbers exact; null when it produced nothing. */
  private JsonNode tree(Exchange exchange, Object body, String file) {
    if (body == null || body instanceof JsonNode) {
      return (JsonNode) body;
    }
    String text =
        body instanceof String s
            ? s
            : exchange.getContext().getTypeConverter().convertTo(String.class, exchange, body);
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return exact.readValue(text);
    } catch (JsonProcessingException e) {
      throw new PermanentDeliveryException(
          "The CRM mapping produced text that is not JSON"
              + (file != null ? " after " + file : ""));
    }
  }
}
