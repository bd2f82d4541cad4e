package com.ordercloudhub.hub.writeback;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.ordercloudhub.hub.delivery.DeliveryLeg;
import com.ordercloudhub.hub.delivery.LegReferences;
import com.ordercloudhub.hub.destination.Mapping;
import com.ordercloudhub.hub.destination.Mappings;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.StreamCache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Reads a delivered leg's reference with its destination's optional mapping {@code
 * mappings/<destination>/reference.jsonata}. The mapping's input is {@code {"answer": …,
 * "variables": {…}}}: the exchange body after the destination route (the ERP's answer to the
 * request it sent, as JSON when it is JSON, else text) and the exchange variables (where a route
 * keeps an answer with {@code variableReceive}, e.g. the CRM's {@code crmOpportunity}). A string or
 * number result is the reference; nothing (or an empty string) is none. A destination without the
 * file has no references. A failing mapping is logged and leaves the delivered leg without a
 * reference. The file is parsed once per content, as the routes' mappings are ({@link Mappings}).
 */
@Component
class ReferenceMappings implements LegReferences {

  private static final Logger log = LoggerFactory.getLogger(ReferenceMappings.class);

  static final String FILE = "reference.jsonata";

  private final Mappings mappings;
  private final ObjectMapper mapper;

  ReferenceMappings(Mappings mappings, ObjectMapper mapper) {
    this.mappings = mappings;
    this.mapper = mapper;
  }

  @Override
  public String capture(DeliveryLeg leg, Exchange done) {
    Optional<Mapping> mapping;
    try {
      mapping = mappings.find(leg.destination() + "/" + FILE);
    } catch (RuntimeException e) {
      log.warn(
          "mappings/{}/{} cannot be used for leg {} of event {}: {}",
          leg.destination(),
          FILE,
          leg.destination(),
          leg.eventId(),
          e.getMessage());
      return null;
    }
    if (mapping.isEmpty()) {
      return null;
    }
    Map<String, Object> input = new LinkedHashMap<>();
    input.put("answer", value(done, done.getMessage().getBody()));
    Map<String, Object> variables = new LinkedHashMap<>();
    done.getVariables().forEach((name, value) -> variables.put(name, value(done, value)));
    input.put("variables", variables);
    Object result;
    try {
      result = mapping.get().evaluateJava(input);
    } catch (RuntimeException e) {
      log.warn(
          "mappings/{}/{} failed on the answer of leg {} of event {}: {}",
          leg.destination(),
          FILE,
          leg.destination(),
          leg.eventId(),
          e.getMessage());
      return null;
    }
    return text(result);
  }

  /** A body or variable as JSONata reads it: JSON as maps and lists, else text. */
  private Object value(Exchange exchange, Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof JsonNode node) {
      return mapper.convertValue(node, Object.class);
    }
    if (value instanceof Map<?, ?> || value instanceof List<?> || value instanceof Number) {
      return value;
    }
    if (value instanceof StreamCache stream) {
      stream.reset();
    }
    String text = exchange.getContext().getTypeConverter().convertTo(String.class, exchange, value);
    if (text == null || text.isBlank()) {
      return text;
    }
    try {
      return mapper.readValue(text, Object.class);
    } catch (JsonProcessingException notJson) {
      return text;
    }
  }

  private static String text(Object result) {
    if (result instanceof String text) {
      return text.isBlank() ? null : text;
    }
    if (result instanceof Number number) {
      // 4500012345, never 4.500012345E9
      return new BigDecimal(number.toString()).stripTrailingZeros().toPlainString();
    }
    return null;
  }
}
