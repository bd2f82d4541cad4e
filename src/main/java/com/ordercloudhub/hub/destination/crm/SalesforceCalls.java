package com.ordercloudhub.hub.destination.crm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.ordercloudhub.hub.delivery.DryRun;
import com.ordercloudhub.hub.event.ExactJson;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.component.salesforce.SalesforceEndpoint;
import org.apache.camel.component.salesforce.SalesforceEndpointConfig;
import org.springframework.stereotype.Component;

/**
 * A Salesforce call a dry run did not make, as Salesforce would have received it: the operation,
 * sObject, external ID, for an upsert the REST path, and the fields with their numbers exact; for a
 * Composite request its path and body (each record's PATCH with its fields).
 */
@Component
class SalesforceCalls {

  private final ObjectReader exact;

  SalesforceCalls(ObjectMapper mapper) {
    this.exact = ExactJson.reader(mapper);
  }

  Optional<Map<String, Object>> describe(Endpoint endpoint, Exchange exchange) {
    if (!(endpoint instanceof SalesforceEndpoint salesforce)) {
      return Optional.empty();
    }
    SalesforceEndpointConfig config = salesforce.getConfiguration();
    String operation = salesforce.getOperationName().value();
    if (operation.equals("composite")) {
      // one request for several records: each subrequest (method, url, body) is in the body
      Map<String, Object> call = new LinkedHashMap<>();
      call.put("system", "salesforce");
      call.put("operation", operation);
      call.put("method", "POST");
      call.put("path", "/services/data/v" + config.getApiVersion() + "/composite");
      call.put("body", DryRun.bodyOf(exchange, exact));
      return Optional.of(call);
    }
    String sObject = header(exchange, "sObjectName", config.getSObjectName());
    String idField = header(exchange, "sObjectIdName", config.getSObjectIdName());
    String idValue = header(exchange, "sObjectIdValue", config.getSObjectIdValue());
    Map<String, Object> call = new LinkedHashMap<>();
    call.put("system", "salesforce");
    call.put("operation", operation);
    call.put("sObject", sObject);
    call.put("externalIdField", idField);
    call.put("externalId", idValue);
    if (operation.equals("upsertSObject")) {
      call.put("method", "PATCH");
      call.put(
          "path",
          "/services/data/v"
              + config.getApiVersion()
              + "/sobjects/"
              + sObject
              + "/"
              + idField
              + "/"
              + idValue);
    }
    call.put("body", DryRun.bodyOf(exchange, exact));
    return Optional.of(call);
  }

  private static String header(Exchange exchange, String name, String fallback) {
    String value = exchange.getMessage().getHeader(name, String.class);
    return value != null ? value : fallback;
  }
}
