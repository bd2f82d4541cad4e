package com.ordercloudhub.hub.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What people know about an event, read once from its payload when it is stored: the order,
 * shipment, return and user it is about and the e-mail in it (searched by exact value, in any
 * case), and the buyer and total (shown beside its type in the event list). Each name has a list of
 * places to look (property names in any case, as {@link JsonFields}); the first that holds a string
 * or a number gives the value. The business key counts first for its kind ({@code order:SO-1}).
 */
public final class EventFields {

  /** Longest value kept; a longer one is not stored (never cut short: it would match wrongly). */
  public static final int MAX_VALUE = 200;

  public static final String ORDER = "order";
  public static final String SHIPMENT = "shipment";
  public static final String RETURN = "return";
  public static final String USER = "user";
  public static final String EMAIL = "email";
  public static final String BUYER = "buyer";
  public static final String TOTAL = "total";

  /** The names a search matches; the rest are shown only. */
  public static final List<String> SEARCHED = List.of(ORDER, SHIPMENT, RETURN, USER, EMAIL);

  /** One field of one event. {@code valueKey} is null for a field that is shown, not searched. */
  public record Field(String name, String value, String valueKey) {}

  private record Place(String typePrefix, List<String> path) {
    static Place of(String pointer) {
      return of(null, pointer);
    }

    static Place of(String typePrefix, String pointer) {
      return new Place(typePrefix, List.of(pointer.substring(1).split("/")));
    }

    boolean appliesTo(String eventType) {
      return typePrefix == null || (eventType != null && eventType.startsWith(typePrefix));
    }
  }

  private record Rule(String name, String keyKind, List<Place> places) {}

  private static final List<Rule> RULES =
      List.of(
          new Rule(
              ORDER,
              "order",
              List.of(
                  Place.of("/RouteParams/orderID"),
                  Place.of("/Response/Body/OrderID"),
                  Place.of("/Request/Body/OrderID"),
                  Place.of("/EventBody/Order/ID"),
                  Place.of("/EventBody/OrderReturn/OrderID"))),
          new Rule(
              SHIPMENT,
              "shipment",
              List.of(
                  Place.of("/RouteParams/shipmentID"),
                  Place.of("shipment", "/Response/Body/ID"),
                  Place.of("shipment", "/Request/Body/ID"),
                  Place.of("/EventBody/Shipment/ID"))),
          new Rule(
              RETURN,
              "order-return",
              List.of(
                  Place.of("/RouteParams/returnID"),
                  Place.of("order-return", "/Response/Body/ID"),
                  Place.of("/EventBody/OrderReturn/ID"))),
          new Rule(
              USER,
              "user",
              List.of(
                  Place.of("/RouteParams/userID"),
                  Place.of("/Response/Body/FromUserID"),
                  Place.of("/Response/Body/FromUser/ID"),
                  // a message: whom it is for, else whose order it is about
                  Place.of("/Recipient/ID"),
                  Place.of("/EventBody/Order/FromUserID"),
                  Place.of("order.synced", "/FromUserID"))),
          new Rule(
              EMAIL,
              null,
              List.of(
                  Place.of("/Response/Body/Email"),
                  Place.of("/Request/Body/Email"),
                  Place.of("/Response/Body/FromUser/Email"),
                  Place.of("/Recipient/Email"),
                  Place.of("/EventBody/Order/FromUser/Email"),
                  Place.of("/Email"),
                  Place.of("order.synced", "/FromUser/Email"))),
          new Rule(
              BUYER,
              null,
              List.of(
                  Place.of("/Response/Body/FromCompanyID"),
                  Place.of("/EventBody/Order/FromCompanyID"),
                  Place.of("/RouteParams/buyerID"),
                  Place.of("/BuyerID"),
                  Place.of("order.synced", "/FromCompanyID"))),
          new Rule(
              TOTAL,
              null,
              List.of(
                  Place.of("/Response/Body/Total"),
                  Place.of("/EventBody/Order/Total"),
                  Place.of("order.synced", "/Total"))));

  private EventFields() {}

  /** The fields of an event, at most one per name; empty when its payload holds none. */
  public static List<Field> of(String eventType, String businessKey, JsonNode payload) {
    List<Field> fields = new ArrayList<>(4);
    if (payload == null || !payload.isObject()) {
      return fields;
    }
    for (Rule rule : RULES) {
      String value = null;
      if (rule.keyKind() != null
          && businessKey != null
          && businessKey.startsWith(rule.keyKind() + ":")
          && !businessKey.startsWith(rule.keyKind() + ":sha256:")) {
        value = businessKey.substring(rule.keyKind().length() + 1);
      }
      for (int i = 0; value == null && i < rule.places().size(); i++) {
        Place place = rule.places().get(i);
        if (place.appliesTo(eventType)) {
          value = valueAt(payload, place.path());
        }
      }
      if (value != null && value.length() <= MAX_VALUE) {
        fields.add(
            new Field(rule.name(), value, SEARCHED.contains(rule.name()) ? key(value) : null));
      }
    }
    return fields;
  }

  /** What a search compares: lower case, trimmed; null when empty or too long to be stored. */
  public static String key(String text) {
    if (text == null) {
      return null;
    }
    String key = text.trim().toLowerCase(Locale.ROOT);
    return key.isEmpty() || key.length() > MAX_VALUE ? null : key;
  }

  private static String valueAt(JsonNode payload, List<String> path) {
    JsonNode current = payload;
    for (String name : path) {
      current = JsonFields.get(current, name);
      if (current == null) {
        return null;
      }
    }
    String value;
    if (current.isTextual()) {
      value = current.asText().trim();
    } else if (current.isInt() || current.isLong()) {
      value = current.asText();
    } else if (current.isNumber()) {
      if ((current.isDouble() || current.isFloat()) && !Double.isFinite(current.doubleValue())) {
        return null;
      }
      // bounded before it is written out: 1E+999999999 would be a billion digits
      BigDecimal number = current.decimalValue();
      if (number.unscaledValue().bitLength() > 640 || Math.abs(number.scale()) > MAX_VALUE) {
        return null;
      }
      value = number.toPlainString();
    } else {
      return null;
    }
    return value.isEmpty() ? null : value;
  }
}
