package com.ordercloudhub.hub.destination.crm;

import com.fasterxml.jackson.databind.JsonNode;
import com.ordercloudhub.hub.delivery.PermanentDeliveryException;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * Turns a CRM mapping's output, {@code {"externalId": …, "fields": {…}}}, into a Salesforce upsert:
 * the external ID goes to the URL ({@code sObjectIdValue}), the fields are the JSON body. The
 * external-ID field itself is never in the body (Salesforce takes it from the URL).
 */
@Component("salesforceRecords")
public class SalesforceRecords {

  static final String ID_VALUE_HEADER = "sObjectIdValue";

  public String upsertBody(Exchange exchange) {
    JsonNode mapped = exchange.getMessage().getBody(JsonNode.class);
    String file = exchange.getProperty(Exchange.TO_ENDPOINT, String.class);
    if (mapped == null || !mapped.isObject()) {
      throw new PermanentDeliveryException(
          "The CRM mapping produced no record (expected {\"externalId\", \"fields\"})"
              + (file != null ? " after " + file : ""));
    }
    JsonNode id = mapped.get("externalId");
    if (id == null || id.isNull() || id.asText().isBlank()) {
      throw new PermanentDeliveryException(
          "The CRM mapping produced no externalId for this event: nothing to upsert on");
    }
    JsonNode fields = mapped.path("fields");
    if (!fields.isObject()) {
      throw new PermanentDeliveryException("The CRM mapping produced no \"fields\" object");
    }
    // headers from the event must not leak into the Salesforce call (they override URI options)
    exchange.getMessage().removeHeaders("sObject*");
    exchange.getMessage().setHeader(ID_VALUE_HEADER, id.asText());
    return fields.toString();
  }
}
