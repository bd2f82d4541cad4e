package com.ordercloudhub.hub.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.ordercloudhub.hub.config.SettingException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Which business an event is about: the order it changes (an order, its shipments and returns, an
 * order message), the user or the address. The delivery ledger attempts the legs of one key to one
 * destination in event order. Each event type (or prefix, {@code order} for {@code order.*}) has a
 * list of {@code kind:/json/pointer} candidates; the first that finds a value gives {@code
 * kind:value}. Property names in the pointers match in any case, as OrderCloud's own receivers bind
 * them ({@link JsonFields}).
 */
final class BusinessKeys {

  /** Longest key kept as it is; a longer one is stored as its kind and a hash (never cut short). */
  static final int MAX_LENGTH = 200;

  private static final Pattern KIND = Pattern.compile("[a-z][a-z0-9-]*");

  /** The built-in keys, by event type prefix. */
  static final Map<String, List<String>> BUILT_IN =
      Map.of(
          // the order as OrderCloud answered it, else the route's: every order.* call answers
          // the order (and tests and tools that vary an order often change only the body)
          "order",
          List.of("order:/Response/Body/ID", "order:/RouteParams/orderID"),
          "line-item",
          List.of("order:/RouteParams/orderID"),
          "payment",
          List.of("order:/RouteParams/orderID"),
          "order-return",
          List.of(
              "order:/Response/Body/OrderID",
              "order:/Request/Body/OrderID",
              "order-return:/RouteParams/returnID",
              "order-return:/Response/Body/ID"),
          "shipment",
          List.of(
              "order:/RouteParams/orderID",
              "order:/Response/Body/OrderID",
              "order:/Request/Body/OrderID",
              "shipment:/RouteParams/shipmentID",
              "shipment:/Response/Body/ID",
              "shipment:/Request/Body/ID"),
          "user",
          List.of("user:/RouteParams/userID", "user:/Response/Body/ID", "user:/Request/Body/ID"),
          "address",
          List.of(
              "address:/RouteParams/addressID",
              "address:/Response/Body/ID",
              "address:/Request/Body/ID"),
          "message",
          List.of("order:/EventBody/Order/ID"));

  /**
   * The built-in keys of sync messages (Delivery Configurations), which carry the entity itself:
   * its ID at the top (OrderSync: the Order, documented flat; a worksheet's {@code Order.ID} is
   * accepted too). An order's and a user's share the kind of their webhooks' keys, so the events of
   * one order or user are delivered in order whichever way they came.
   */
  private static final Map<String, List<String>> SYNC =
      Map.of(
          "order.synced",
          List.of("order:/ID", "order:/Order/ID"),
          "buyer-user",
          List.of("user:/ID"),
          "supplier-user",
          List.of("user:/ID"),
          "admin-user",
          List.of("user:/ID"),
          "buyer",
          List.of("buyer:/ID"));

  /**
   * One candidate: the key's kind and the path of property names (or array indexes) to its value.
   */
  private record Candidate(String kind, List<String> path) {}

  /** Candidates by event type or prefix. */
  private final Map<String, List<Candidate>> byType = new HashMap<>();

  /** The candidates that apply to each event type seen, looked up once. */
  private final Map<String, List<Candidate>> resolved = new ConcurrentHashMap<>();

  private static final int MAX_RESOLVED = 1024;

  BusinessKeys(Map<String, List<String>> configured) {
    Map<String, List<String>> all = new LinkedHashMap<>(BUILT_IN);
    all.putAll(SYNC);
    all.putAll(configured);
    all.forEach(
        (type, specs) -> {
          String name = type.trim().toLowerCase(Locale.ROOT);
          List<Candidate> candidates = new ArrayList<>();
          for (int i = 0; i < specs.size(); i++) {
            candidates.add(parse(specs.get(i), "hub.events.business-keys." + type + "[" + i + "]"));
          }
          byType.put(name.endsWith(".*") ? name.substring(0, name.length() - 2) : name, candidates);
        });
  }

  private static Candidate parse(String spec, String where) {
    String text = spec == null ? "" : spec.trim();
    int colon = text.indexOf(':');
    String kind = colon < 0 ? "" : text.substring(0, colon);
    String pointer = colon < 0 ? "" : text.substring(colon + 1);
    if (!KIND.matcher(kind).matches() || !pointer.startsWith("/") || pointer.length() < 2) {
      throw new SettingException(
          where,
          where,
          "is invalid: \"" + spec + "\" is not \"<kind>:<JSON pointer>\"",
          "Write it as e.g. order:/RouteParams/orderID (kind in lower case, pointer from /).");
    }
    List<String> path = new ArrayList<>();
    for (String segment : pointer.substring(1).split("/", -1)) {
      path.add(segment.replace("~1", "/").replace("~0", "~"));
    }
    return new Candidate(kind, List.copyOf(path));
  }

  /** The event's business key, or null when its type has none or the payload holds no value. */
  String keyOf(String eventType, JsonNode payload) {
    if (eventType == null || payload == null) {
      return null;
    }
    for (Candidate candidate : candidatesFor(eventType)) {
      String value = valueAt(payload, candidate.path());
      if (value != null) {
        return bounded(candidate.kind() + ":" + value, candidate.kind());
      }
    }
    return null;
  }

  private List<Candidate> candidatesFor(String eventType) {
    List<Candidate> known = resolved.get(eventType);
    if (known != null) {
      return known;
    }
    List<Candidate> found = List.of();
    // the event type itself, else its longest prefix: order.submitted, then order
    for (String name = eventType; ; ) {
      List<Candidate> candidates = byType.get(name);
      if (candidates != null) {
        found = candidates;
        break;
      }
      int dot = name.lastIndexOf('.');
      if (dot < 0) {
        break;
      }
      name = name.substring(0, dot);
    }
    if (resolved.size() < MAX_RESOLVED) {
      resolved.put(eventType, found);
    }
    return found;
  }

  private static String valueAt(JsonNode payload, List<String> path) {
    JsonNode current = payload;
    for (String name : path) {
      if (current == null) {
        return null;
      }
      if (current.isArray()) {
        current = isIndex(name) ? current.get(Integer.parseInt(name)) : null;
      } else {
        current = JsonFields.get(current, name);
      }
    }
    if (current == null || !(current.isTextual() || current.isIntegralNumber())) {
      return null;
    }
    String value = current.asText().trim();
    return value.isEmpty() ? null : value;
  }

  private static boolean isIndex(String name) {
    return !name.isEmpty() && name.length() < 9 && name.chars().allMatch(Character::isDigit);
  }

  private static String bounded(String key, String kind) {
    return key.length() <= MAX_LENGTH
        ? key
        : kind
            + ":sha256:"
            + ReceivedEvent.sha256Hex(key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
