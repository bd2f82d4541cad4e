package com.ordercloudhub.hub.destination.database;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.ordercloudhub.hub.delivery.PermanentDeliveryException;
import com.ordercloudhub.hub.event.ExactJson;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Turns a database mapping's output (mappings/database/*.jsonata) into the named parameters of its
 * SQL: the mapping's keys are columns, the event adds {@code last_event_id} and {@code
 * last_event_type}. JSONata drops keys whose value is undefined, so a column the mapping leaves out
 * is written as NULL rather than failing the statement.
 *
 * <p>Numbers stay exact from the payload to the column: the mapping's output arrives as a tree
 * whose numbers are as the payload had them (the {@code mapping:} endpoint, {@link
 * com.ordercloudhub.hub.destination.Mapping}; JSON text is read with {@code BigDecimal}), and each
 * value is checked against its column ({@link ReportingColumns}) so that nothing is rounded,
 * wrapped or cut.
 */
@Component("reportingRows")
public class ReportingRows {

  private final ObjectReader reader;
  private final ReportingColumns columns;

  ReportingRows(ObjectMapper mapper, ReportingColumns columns) {
    this.reader = ExactJson.reader(mapper);
    this.columns = columns;
  }

  /**
   * @param mapped the mapping's output: JSON text, or a tree
   * @param table the reporting table the row is for, whose columns bound the values
   * @return the row, or null when the mapping produced nothing (the call carries no entity for this
   *     table, e.g. a shipment item): nothing is written
   * @throws PermanentDeliveryException when the mapping produced something other than an object, or
   *     a value its column cannot hold
   */
  public Map<String, Object> row(Object mapped, String eventId, String eventType, String table) {
    JsonNode node = tree(mapped);
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (!node.isObject()) {
      throw new PermanentDeliveryException(
          "The database mapping for "
              + eventType
              + " produced "
              + node.getNodeType()
              + ", not an object of columns");
    }
    Row row = new Row();
    node.fields().forEachRemaining(f -> row.put(f.getKey(), value(f.getValue())));
    row.put("last_event_id", eventId);
    row.put("last_event_type", eventType);
    columns.check(table, row);
    return row;
  }

  private JsonNode tree(Object mapped) {
    if (mapped == null || mapped instanceof JsonNode) {
      return (JsonNode) mapped;
    }
    String text =
        mapped instanceof byte[] bytes
            ? new String(bytes, StandardCharsets.UTF_8)
            : mapped.toString();
    if (text.isBlank()) {
      return null;
    }
    try {
      return reader.readValue(text);
    } catch (JsonProcessingException e) {
      throw new PermanentDeliveryException("The database mapping produced text that is not JSON");
    }
  }

  /** A column value: numbers as exact {@code BigDecimal} (never a double, never a wrapped long). */
  static Object value(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isNumber()) {
      return node.decimalValue();
    }
    if (node.isTextual()) {
      return node.textValue();
    }
    return node.toString(); // an object or array: kept as JSON text
  }

  /** Named parameters where an absent column reads as NULL. */
  static final class Row extends LinkedHashMap<String, Object> {

    @Override
    public boolean containsKey(Object key) {
      return true;
    }
  }
}
