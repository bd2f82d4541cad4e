package com.ordercloudhub.hub.destination.crm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ordercloudhub.hub.delivery.DryRun;
import com.ordercloudhub.hub.destination.crm.SalesforceCompositeException.RecordFailure;
import com.ordercloudhub.hub.event.ExactJson;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.StreamCache;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.springframework.stereotype.Component;

/**
 * An order's Account, Contact and Opportunity in one Salesforce Composite request ({@code POST
 * /services/data/vXX.X/composite}, {@code allOrNone: true}): one API call per order instead of
 * three, and nothing half-written when one record fails.
 *
 * <p>Each record is an upsert on its external ID ({@code PATCH
 * /sobjects/<sObject>/<field>/<value>}), so a retry or replay updates the same records. The Contact
 * and Opportunity name their Account by its external ID ({@code "Account": {"<field>": "<id>"}}, as
 * the mappings write it), not by a reference to the Account subrequest's answer: an upsert that
 * updates answers 204 without a body in older API versions, so {@code @{Account.id}} would not
 * always exist; the relationship by external ID works for a create and an update alike.
 *
 * <p>The records come from the mappings (mappings/crm/account.jsonata, contact.jsonata,
 * opportunity.jsonata), kept by the route in the variables {@code crmAccountRecord}, {@code
 * crmContactRecord} and {@code crmOpportunityRecord}. The answers of the three upserts go to the
 * variables {@code crmAccount}, {@code crmContact} and {@code crmOpportunity}, as the single
 * upserts' answers do (mappings/crm/reference.jsonata reads the Opportunity's). A record that
 * failed makes the leg fail with each record's Salesforce error ({@link
 * SalesforceCompositeException}).
 */
@Component("salesforceComposite")
public class SalesforceComposite {

  /** The records of an order, in the order Salesforce writes them (the Account first). */
  static final List<String> ORDER_RECORDS = List.of("Account", "Contact", "Opportunity");

  /** Salesforce's code for a subrequest rolled back because another one failed (allOrNone). */
  static final String HALTED = "PROCESSING_HALTED";

  /** The exchange property with each record's external ID, for the errors' text. */
  static final String EXTERNAL_IDS = "hubCrmExternalIds";

  private final CrmProperties properties;
  private final SalesforceRecords records;
  private final ObjectMapper mapper;
  private final ObjectReader exact;

  SalesforceComposite(CrmProperties properties, SalesforceRecords records, ObjectMapper mapper) {
    this.properties = properties;
    this.records = records;
    this.mapper = mapper;
    this.exact = ExactJson.reader(mapper);
  }

  /** The mapped record of an sObject is kept in this variable (crmAccountRecord, …). */
  static String recordVariable(String sObject) {
    return "crm" + sObject + "Record";
  }

  /** The answer to an sObject's upsert is kept in this variable (crmAccount, …). */
  static String answerVariable(String sObject) {
    return "crm" + sObject;
  }

  /**
   * The Composite request body for the order's records, numbers exact. Each subrequest's
   * referenceId is its sObject's name.
   */
  public String request(Exchange exchange) {
    String version = "/services/data/v" + properties.apiVersion();
    String field = properties.externalIdField();
    ObjectNode composite = mapper.createObjectNode();
    composite.put("allOrNone", true);
    ArrayNode subrequests = composite.putArray("compositeRequest");
    Map<String, String> externalIds = new LinkedHashMap<>();
    for (String sObject : ORDER_RECORDS) {
      SalesforceRecords.Record record =
          records.record(
              exchange,
              exchange.getVariable(recordVariable(sObject)),
              "mappings/crm/" + sObject.toLowerCase(Locale.ROOT) + ".jsonata");
      ObjectNode subrequest = subrequests.addObject();
      subrequest.put("method", "PATCH");
      subrequest.put(
          "url",
          version
              + "/sobjects/"
              + sObject
              + "/"
              + segment(field)
              + "/"
              + segment(record.externalId()));
      subrequest.put("referenceId", sObject);
      subrequest.set("body", record.fields());
      externalIds.put(sObject, record.externalId());
    }
    exchange.setProperty(EXTERNAL_IDS, externalIds);
    // headers from the event must not steer the Salesforce call (they override URI options)
    exchange.getMessage().removeHeaders("sObject*");
    exchange.getMessage().removeHeader("compositeMethod");
    return composite.toString();
  }

  /**
   * Reads Salesforce's Composite answer: every record's answer into its variable when all
   * succeeded, else a {@link SalesforceCompositeException} naming each record's error. A dry run's
   * call was not made and has no answer.
   */
  public void answer(Exchange exchange) throws SalesforceException {
    if (DryRun.active(exchange)) {
      return;
    }
    JsonNode answer = read(exchange);
    JsonNode results = answer == null ? null : answer.get("compositeResponse");
    if (results == null || !results.isArray()) {
      throw new SalesforceException(
          "Salesforce answered the Composite request without a compositeResponse", 0, null);
    }
    Map<String, JsonNode> answers = new LinkedHashMap<>();
    List<RecordFailure> failures = new ArrayList<>();
    Map<String, String> externalIds = externalIds(exchange);
    for (JsonNode result : results) {
      String sObject = result.path("referenceId").asText("");
      int status = result.path("httpStatusCode").asInt(0);
      JsonNode body = result.get("body");
      if (status >= 200 && status < 300) {
        answers.put(sObject, body == null || body.isNull() ? null : body);
      } else {
        failures.add(
            new RecordFailure(sObject, externalIds.get(sObject), status, errors(body, status)));
      }
    }
    if (!failures.isEmpty()) {
      throw new SalesforceCompositeException(failures);
    }
    for (String sObject : ORDER_RECORDS) {
      if (!answers.containsKey(sObject)) {
        throw new SalesforceException(
            "Salesforce's Composite answer has no result for the " + sObject, 0, null);
      }
      exchange.setVariable(answerVariable(sObject), answers.get(sObject));
    }
    exchange.getMessage().setBody(answer);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> externalIds(Exchange exchange) {
    Object ids = exchange.getProperty(EXTERNAL_IDS);
    return ids instanceof Map<?, ?> map ? (Map<String, String>) map : Map.of();
  }

  private JsonNode read(Exchange exchange) {
    Object body = exchange.getMessage().getBody();
    if (body instanceof JsonNode node) {
      return node;
    }
    if (body instanceof StreamCache stream) {
      stream.reset();
    }
    String text = exchange.getMessage().getBody(String.class);
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return exact.readTree(text);
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  /**
   * A failed subrequest's errors, [{"errorCode", "message", "fields"}], as Salesforce sent them.
   */
  private static List<SalesforceCompositeException.Error> errors(JsonNode body, int status) {
    List<SalesforceCompositeException.Error> errors = new ArrayList<>();
    if (body != null && body.isArray()) {
      for (JsonNode error : body) {
        List<String> fields = new ArrayList<>();
        error.path("fields").forEach(f -> fields.add(f.asText()));
        errors.add(
            new SalesforceCompositeException.Error(
                error.path("errorCode").asText(""), error.path("message").asText(""), fields));
      }
    }
    if (errors.isEmpty()) {
      errors.add(new SalesforceCompositeException.Error("HTTP_" + status, "", List.of()));
    }
    return errors;
  }

  /** A path segment of the subrequest's URL: an external ID may hold any character. */
  private static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
