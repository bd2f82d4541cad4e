package com.ordercloudhub.hub.impact;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.ordercloudhub.hub.dryrun.Simulation;
import com.ordercloudhub.hub.event.ExactJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Two dry runs of one event compared: legs added or removed, outcomes changed, requests that differ
 * (JSON compared as trees: key order does not matter, a number's scale does, as the other end reads
 * it), the routing route, and a pre-hook's decision.
 */
final class Comparison {

  /** Lines compared at most per side for the line diff (beyond: only paths are shown). */
  static final int MAX_DIFF_LINES = 2000;

  /** Changed paths listed at most per request. */
  static final int MAX_PATHS = 50;

  private final ObjectMapper mapper;
  private final ObjectWriter pretty;
  private final ObjectReader exact;

  Comparison(ObjectMapper mapper) {
    this.mapper = mapper;
    this.exact = ExactJson.reader(mapper);
    this.pretty = mapper.writerWithDefaultPrettyPrinter();
  }

  /** One event's differences; empty when both sides would do the same. */
  List<ImpactReport.Difference> compare(Simulation today, Simulation proposed) {
    List<ImpactReport.Difference> differences = new ArrayList<>();
    String id = today.eventId();
    String type = today.eventType();
    if (!Objects.equals(today.routing(), proposed.routing())) {
      differences.add(
          new ImpactReport.Difference(
              id, type, "routing", null, today.routing(), proposed.routing(), List.of()));
    }
    if (today.preHook() != null || proposed.preHook() != null) {
      preHook(id, type, today.preHook(), proposed.preHook(), differences);
    }
    Map<String, Simulation.Leg> before = legs(today);
    Map<String, Simulation.Leg> after = legs(proposed);
    Set<String> destinations = new LinkedHashSet<>(before.keySet());
    destinations.addAll(after.keySet());
    for (String destination : destinations) {
      Simulation.Leg was = before.get(destination);
      Simulation.Leg will = after.get(destination);
      if (was == null) {
        differences.add(
            new ImpactReport.Difference(
                id,
                type,
                "leg-added",
                destination,
                null,
                will.status(),
                requests(List.of(), will.requests())));
      } else if (will == null) {
        differences.add(
            new ImpactReport.Difference(
                id,
                type,
                "leg-removed",
                destination,
                was.status(),
                null,
                requests(was.requests(), List.of())));
      } else {
        if (!was.status().equals(will.status()) || !Objects.equals(was.reason(), will.reason())) {
          differences.add(
              new ImpactReport.Difference(
                  id,
                  type,
                  "status",
                  destination,
                  was.status() + (was.reason() == null ? "" : ": " + was.reason()),
                  will.status() + (will.reason() == null ? "" : ": " + will.reason()),
                  List.of()));
        }
        List<ImpactReport.RequestDiff> requests = requests(was.requests(), will.requests());
        if (!requests.isEmpty()) {
          differences.add(
              new ImpactReport.Difference(id, type, "requests", destination, null, null, requests));
        }
      }
    }
    return differences;
  }

  private void preHook(
      String id,
      String type,
      Simulation.PreHook was,
      Simulation.PreHook will,
      List<ImpactReport.Difference> differences) {
    JsonNode before = was == null ? NullNode.instance : was.answer();
    JsonNode after = will == null ? NullNode.instance : will.answer();
    boolean flipped = was == null || will == null || was.proceed() != will.proceed();
    if (flipped || !Objects.equals(before, after)) {
      differences.add(
          new ImpactReport.Difference(
              id,
              type,
              "pre-hook",
              null,
              text(before),
              text(after),
              List.of(diff(0, before, after))));
    }
    if (was != null && will != null) {
      List<ImpactReport.RequestDiff> requests = requests(was.requests(), will.requests());
      if (!requests.isEmpty()) {
        differences.add(
            new ImpactReport.Difference(id, type, "pre-hook-requests", null, null, null, requests));
      }
    }
  }

  /** Whether a pre-hook difference is a flip of the decision (not only of its message). */
  static boolean flipped(Simulation today, Simulation proposed) {
    if (today.preHook() == null && proposed.preHook() == null) {
      return false;
    }
    return today.preHook() == null
        || proposed.preHook() == null
        || today.preHook().proceed() != proposed.preHook().proceed();
  }

  private static Map<String, Simulation.Leg> legs(Simulation simulation) {
    Map<String, Simulation.Leg> legs = new LinkedHashMap<>();
    for (Simulation.Leg leg : simulation.destinations()) {
      legs.putIfAbsent(leg.destination(), leg);
    }
    return legs;
  }

  private List<ImpactReport.RequestDiff> requests(
      List<Map<String, Object>> wasAll, List<Map<String, Object>> willAll) {
    // a token request says which side had a token cached (the proposed hub starts without one),
    // not what the change does
    List<Map<String, Object>> was = withoutTokenRequests(wasAll);
    List<Map<String, Object>> will = withoutTokenRequests(willAll);
    List<ImpactReport.RequestDiff> diffs = new ArrayList<>();
    for (int i = 0; i < Math.max(was.size(), will.size()); i++) {
      JsonNode before = i < was.size() ? tree(was.get(i)) : null;
      JsonNode after = i < will.size() ? tree(will.get(i)) : null;
      if (!Objects.equals(before, after)) {
        diffs.add(diff(i, shownPart(before, after), shownPart(after, before)));
      }
    }
    return diffs;
  }

  /** An OAuth token request (OrderCloud's {@code /oauth/token}, {@code /oauth2/token}). */
  static boolean tokenRequest(Map<String, Object> request) {
    Object url = request.get("url");
    if (!(url instanceof String text)) {
      return false;
    }
    int query = text.indexOf('?');
    String path = query < 0 ? text : text.substring(0, query);
    return path.endsWith("/oauth/token") || path.endsWith("/oauth2/token");
  }

  private static List<Map<String, Object>> withoutTokenRequests(List<Map<String, Object>> all) {
    return all.stream().filter(r -> !tokenRequest(r)).toList();
  }

  /**
   * A request's body when only bodies differ (what the other end's mapping changed), else the whole
   * request (URL, headers, body).
   */
  private static JsonNode shownPart(JsonNode request, JsonNode other) {
    if (request == null) {
      return null;
    }
    if (other != null
        && request.has("body")
        && other.has("body")
        && withoutBody(request).equals(withoutBody(other))) {
      return request.get("body");
    }
    return request;
  }

  private static JsonNode withoutBody(JsonNode request) {
    if (!request.isObject()) {
      return request;
    }
    var copy = request.deepCopy();
    ((com.fasterxml.jackson.databind.node.ObjectNode) copy).remove("body");
    return copy;
  }

  private ImpactReport.RequestDiff diff(int index, JsonNode before, JsonNode after) {
    List<String> paths = new ArrayList<>();
    paths(
        "",
        before == null ? JsonNodeFactory.instance.missingNode() : before,
        after == null ? JsonNodeFactory.instance.missingNode() : after,
        paths);
    String was = before == null ? null : text(before);
    String will = after == null ? null : text(after);
    return new ImpactReport.RequestDiff(
        index,
        was,
        will,
        paths.size() > MAX_PATHS ? paths.subList(0, MAX_PATHS) : paths,
        LineDiff.changed(was, will, MAX_DIFF_LINES));
  }

  private void paths(String at, JsonNode before, JsonNode after, List<String> out) {
    if (out.size() > MAX_PATHS || Objects.equals(before, after)) {
      return;
    }
    if (before.isObject() && after.isObject()) {
      Set<String> names = new LinkedHashSet<>();
      before.fieldNames().forEachRemaining(names::add);
      after.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        paths(
            at + "/" + name.replace("~", "~0").replace("/", "~1"),
            before.path(name),
            after.path(name),
            out);
      }
      return;
    }
    if (before.isArray() && after.isArray()) {
      for (int i = 0; i < Math.max(before.size(), after.size()); i++) {
        paths(at + "/" + i, before.path(i), after.path(i), out);
      }
      return;
    }
    out.add((at.isEmpty() ? "/" : at) + ": " + value(before) + " → " + value(after));
  }

  private String value(JsonNode node) {
    if (node.isMissingNode()) {
      return "(absent)";
    }
    String text = node.toString();
    return text.length() > 200 ? text.substring(0, 200) + "…" : text;
  }

  /** Through text and the exact reader: valueToTree would strip trailing zeros (172.80). */
  private JsonNode tree(Map<String, Object> request) {
    try {
      return exact.readValue(mapper.writeValueAsBytes(request));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("A recorded request could not be compared", e);
    }
  }

  private String text(JsonNode node) {
    try {
      return pretty.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      return String.valueOf(node);
    }
  }
}
