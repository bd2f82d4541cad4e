package com.ordercloudhub.hub.writeback;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * An order's integration status, from the legs of its events: {@code NeedsAttention} while any
 * counted leg is dead, else {@code Synced}; per destination the latest status (dead while any of
 * its legs is) and the latest reference it answered. Skipped legs (destination not configured) are
 * left out. Settled when no counted leg is pending or retrying.
 *
 * @param destinations by destination name, in name order
 */
record IntegrationState(String status, Map<String, Destination> destinations, boolean settled) {

  static final String SYNCED = "Synced";
  static final String NEEDS_ATTENTION = "NeedsAttention";

  /** One leg of one of the order's events. */
  record Leg(String eventId, String destination, String status, String reference) {}

  /** What the order's xp says about one destination. */
  record Destination(String status, String reference) {}

  /**
   * @param legs every leg of the order's events, oldest event first
   * @param counts the destinations that count (hub.writeback.destinations)
   */
  static IntegrationState of(List<Leg> legs, Predicate<String> counts) {
    Map<String, String> statuses = new TreeMap<>();
    Map<String, String> references = new TreeMap<>();
    Map<String, Boolean> dead = new TreeMap<>();
    boolean settled = true;
    for (Leg leg : legs) {
      if (!counts.test(leg.destination()) || "skipped".equals(leg.status())) {
        continue;
      }
      statuses.put(leg.destination(), leg.status());
      if (leg.reference() != null) {
        references.put(leg.destination(), leg.reference());
      }
      if ("dead".equals(leg.status())) {
        dead.put(leg.destination(), true);
      }
      if ("pending".equals(leg.status()) || "retrying".equals(leg.status())) {
        settled = false;
      }
    }
    Map<String, Destination> destinations = new TreeMap<>();
    statuses.forEach(
        (name, status) ->
            destinations.put(
                name,
                new Destination(dead.containsKey(name) ? "dead" : status, references.get(name))));
    return new IntegrationState(dead.isEmpty() ? SYNCED : NEEDS_ATTENTION, destinations, settled);
  }

  /** Nothing to say: no counted destination has a leg that was attempted. */
  boolean isEmpty() {
    return destinations.isEmpty();
  }

  /** The xp object without its time: {@code {"Status":…,"Destinations":{…}}}. */
  ObjectNode xpObject(ObjectMapper mapper) {
    ObjectNode object = mapper.createObjectNode();
    object.put("Status", status);
    ObjectNode each = object.putObject("Destinations");
    destinations.forEach(
        (name, destination) -> {
          ObjectNode one = each.putObject(name);
          one.put("Status", destination.status());
          if (destination.reference() != null) {
            one.put("Reference", destination.reference());
          }
        });
    return object;
  }

  /** The PATCH body: {@code {"xp":{"<key>":{"Status":…,"Destinations":{…},"UpdatedAt":…}}}}. */
  String patchBody(ObjectMapper mapper, String key, Instant updatedAt) {
    ObjectNode body = mapper.createObjectNode();
    ObjectNode object = xpObject(mapper);
    object.put("UpdatedAt", updatedAt.toString());
    body.putObject("xp").set(key, object);
    return body.toString();
  }
}
