package com.ordercloudhub.hub.destination.database;

import com.fasterxml.jackson.databind.JsonNode;
import com.ordercloudhub.hub.delivery.DeliveryExchanges;
import com.ordercloudhub.hub.delivery.PermanentDeliveryException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.springframework.stereotype.Component;

/**
 * Turns a database mapping's output (mappings/database/*.jsonata) into the named parameters of its
 * SQL: the mapping's keys are columns, the event adds {@code last_event_id} and {@code
 * last_event_type}. JSONata drops keys whose value is undefined, so a column the mapping leaves out
 * is written as NULL rather than failing the statement.
 */
@Component("reportingRows")
public class ReportingRows {

  /**
   * @return the row, or null when the mapping produced nothing (the call carries no entity for this
   *     table, e.g. a shipment item): nothing is written
   * @throws PermanentDeliveryException when the mapping produced something other than an object
   */
  public Map<String, Object> row(
      @Body JsonNode mapped,
      @Header(DeliveryExchanges.EVENT_ID) String eventId,
      @Header(DeliveryExchanges.EVENT_TYPE) String eventType) {
    if (mapped == null || mapped.isNull() || mapped.isMissingNode()) {
      return null;
    }
    if (!mapped.isObject()) {
      throw new PermanentDeliveryException(
          "The database mapping for "
              + eventType
              + " produced "
              + mapped.getNodeType()
              + ", not an object of columns");
    }
    Row row = new Row();
    mapped.fields().forEachRemaining(f -> row.put(f.getKey(), value(f.getValue())));
    row.put("last_event_id", eventId);
    row.put("last_event_type", eventType);
    return row;
  }

  static Object value(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isIntegralNumber()) {
      return node.longValue();
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
