package com.ordercloudhub.hub.ops;

import com.ordercloudhub.hub.delivery.DeliveryLedger;
import com.ordercloudhub.hub.delivery.DeliveryLeg;
import com.ordercloudhub.hub.delivery.LegStatus;
import com.ordercloudhub.hub.event.EventFields;
import com.ordercloudhub.hub.event.EventSearch;
import com.ordercloudhub.hub.event.EventSummary;
import com.ordercloudhub.hub.event.SearchProperties;
import com.ordercloudhub.hub.prehook.PreHookRecorder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriUtils;

/**
 * What the search box and an order's or user's page show, for the API and the pages alike: the
 * search's matches grouped by what they lead to, and an order's (or user's) whole story: its events
 * in time order with their pre-hook decisions and legs, each destination's current state, the
 * write-back status and how many legs are dead.
 */
@Component
class Stories {

  /** Longest search text taken: the longest value stored ({@link EventFields#MAX_VALUE}). */
  static final int MAX_QUERY = EventFields.MAX_VALUE;

  /** Events a search reads per kind of match before grouping them. */
  static final int HITS_READ = 200;

  private final EventSearch search;
  private final DeliveryLedger ledger;
  private final NamedParameterJdbcTemplate jdbc;
  private final SearchProperties properties;
  private final PreHookRecorder preHooks;

  Stories(
      EventSearch search,
      DeliveryLedger ledger,
      NamedParameterJdbcTemplate jdbc,
      SearchProperties properties,
      PreHookRecorder preHooks) {
    this.search = search;
    this.ledger = ledger;
    this.jdbc = jdbc;
    this.properties = properties;
    this.preHooks = preHooks;
  }

  /** A search text refused (400). */
  static final class BadQuery extends RuntimeException {
    BadQuery(String message) {
      super(message);
    }
  }

  /** The search text, trimmed; refused when empty or longer than {@link #MAX_QUERY}. */
  static String query(String q) {
    String text = q == null ? "" : q.strip();
    if (text.isEmpty()) {
      throw new BadQuery(
          "q is empty: type an order, shipment, return or user ID, an e-mail,"
              + " a LogID or an event ID");
    }
    if (text.length() > MAX_QUERY) {
      throw new BadQuery("q is longer than " + MAX_QUERY + " characters");
    }
    return text;
  }

  /**
   * One match: what matched ({@code order}, {@code shipment}, {@code return}, {@code user}, {@code
   * email}, {@code log-id}, {@code event-id}), the value, where it leads (a page and the API), how
   * many events matched (of those read) and the newest one.
   */
  record Match(
      String match,
      String value,
      String link,
      String api,
      String leadsTo,
      int events,
      String eventId,
      String eventType,
      OffsetDateTime receivedAt) {}

  record Found(String q, List<Match> matches, boolean capped) {}

  Found search(String q) {
    String text = query(q);
    List<EventSearch.Hit> hits = search.search(text, HITS_READ);
    List<String> emailEvents =
        hits.stream()
            .filter(h -> h.match().equals(EventFields.EMAIL))
            .map(EventSearch.Hit::eventId)
            .distinct()
            .limit(HITS_READ)
            .toList();
    Map<String, Map<String, String>> related = search.fieldsOf(emailEvents);
    Map<String, List<EventSearch.Hit>> groups = new LinkedHashMap<>();
    for (EventSearch.Hit hit : hits) {
      String target = target(hit, related);
      String group =
          switch (hit.match()) {
            case "event-id", "log-id" -> hit.match() + "\n" + hit.eventId();
            default -> hit.match() + "\n" + hit.value() + "\n" + target;
          };
      groups.computeIfAbsent(group, g -> new ArrayList<>()).add(hit);
    }
    List<Match> matches = new ArrayList<>();
    for (List<EventSearch.Hit> group : groups.values()) {
      EventSearch.Hit newest =
          group.stream().max(Comparator.comparing(EventSearch.Hit::receivedAt)).orElseThrow();
      String target = target(newest, related);
      matches.add(
          new Match(
              newest.match(),
              newest.value(),
              "/ops/" + target,
              "/api/" + target,
              target.substring(0, target.indexOf('/')).replaceAll("s$", ""),
              group.size(),
              newest.eventId(),
              newest.eventType(),
              newest.receivedAt()));
    }
    matches.sort(Comparator.comparing(Match::receivedAt).reversed());
    boolean capped = matches.size() > properties.maxResults();
    return new Found(text, capped ? matches.subList(0, properties.maxResults()) : matches, capped);
  }

  /** Where a hit leads: {@code orders/SO-1}, {@code users/u1} or {@code events/<id>}. */
  private static String target(EventSearch.Hit hit, Map<String, Map<String, String>> related) {
    switch (hit.match()) {
      case EventFields.ORDER:
        return "orders/" + segment(hit.value());
      case EventFields.USER:
        return "users/" + segment(hit.value());
      case EventFields.SHIPMENT, EventFields.RETURN:
        if (hit.businessKey() != null && hit.businessKey().startsWith("order:")) {
          return "orders/" + segment(hit.businessKey().substring("order:".length()));
        }
        break;
      case EventFields.EMAIL:
        String user = related.getOrDefault(hit.eventId(), Map.of()).get(EventFields.USER);
        if (user != null) {
          return "users/" + segment(user);
        }
        break;
      default:
        break;
    }
    return "events/" + segment(hit.eventId());
  }

  private static String segment(String value) {
    return UriUtils.encodePathSegment(value, StandardCharsets.UTF_8);
  }

  /** An order's or user's page, or empty when no event is about it. */
  Optional<Map<String, Object>> order(String orderId) {
    return story("order", orderId, search.eventsOfKey("order:" + orderId, properties.pageEvents()));
  }

  Optional<Map<String, Object>> user(String userId) {
    return story(
        "user", userId, search.eventsWithField(EventFields.USER, userId, properties.pageEvents()));
  }

  /** The business key whose dead legs "replay everything failed" re-queues. */
  static String keyOf(String kind, String id) {
    return kind + ":" + id;
  }

  private Optional<Map<String, Object>> story(String kind, String id, EventSearch.Story found) {
    if (found.events().isEmpty()) {
      return Optional.empty();
    }
    // newest first from the database (the current state), shown oldest first
    List<EventSummary> events = new ArrayList<>(found.events());
    events.sort(Comparator.comparing(EventSummary::receivedAt).thenComparing(EventSummary::id));
    List<String> ids = events.stream().map(EventSummary::id).toList();
    Map<String, List<DeliveryLeg>> legs =
        ledger.legsOf(ids).stream().collect(Collectors.groupingBy(DeliveryLeg::eventId));
    Map<String, Map<String, String>> fields = search.fieldsOf(ids);
    Map<String, List<Map<String, Object>>> decisions = decisions(ids);
    List<Map<String, Object>> rows = new ArrayList<>();
    Map<String, Map<String, Object>> destinations = new java.util.TreeMap<>();
    for (EventSummary event : events) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("id", event.id());
      row.put("kind", event.kind().code());
      row.put("eventType", event.eventType());
      row.put("origin", event.origin());
      row.put("receivedAt", event.receivedAt());
      row.put("occurredAt", event.occurredAt());
      row.put("logId", event.logId() != null ? event.logId() : event.ocLogId());
      row.put("duplicates", event.duplicates());
      row.put("fields", fields.getOrDefault(event.id(), Map.of()));
      row.put("decisions", decisions.getOrDefault(event.id(), List.of()));
      List<Map<String, Object>> legViews = new ArrayList<>();
      for (DeliveryLeg leg : legs.getOrDefault(event.id(), List.of())) {
        legViews.add(DeliveriesController.view(leg, null));
        destination(destinations, leg);
      }
      row.put("legs", legViews);
      rows.add(row);
    }
    Map<String, Object> story = new LinkedHashMap<>();
    story.put("kind", kind);
    story.put("id", id);
    story.put("businessKey", keyOf(kind, id));
    story.put("events", rows);
    story.put("shown", rows.size());
    story.put("more", found.more());
    story.put("limit", properties.pageEvents());
    story.put("destinations", new ArrayList<>(destinations.values()));
    story.put("deadLegs", deadLegs(keyOf(kind, id)));
    story.put("writeBack", "order".equals(kind) ? writeBack(id) : List.of());
    return Optional.of(story);
  }

  /**
   * A destination's state for the order, from its legs in event order: dead while any leg is dead
   * (with that leg's error), else held, retrying (with its next attempt) or the latest leg's
   * status; the latest reference the destination answered. Skipped legs count only when nothing
   * else did.
   */
  private static void destination(Map<String, Map<String, Object>> destinations, DeliveryLeg leg) {
    Map<String, Object> state = destinations.get(leg.destination());
    if (state == null) {
      state = new LinkedHashMap<>();
      state.put("destination", leg.destination());
      state.put("status", leg.status().code());
      state.put("legs", 0);
      destinations.put(leg.destination(), state);
    }
    state.put("legs", (int) state.get("legs") + 1);
    String current = (String) state.get("status");
    int rank = rank(leg.status());
    if (rank >= rank(LegStatus.fromCode(current).orElse(LegStatus.SKIPPED))) {
      state.put("status", leg.status().code());
      state.put("legId", leg.id());
      state.put("eventId", leg.eventId());
      state.put("lastError", leg.lastError());
      state.put("nextAttemptAt", leg.nextAttemptAt());
      state.put("updatedAt", leg.updatedAt());
    }
    if (leg.reference() != null) {
      state.put("reference", leg.reference());
    }
  }

  /** Which status says most about a destination: a later leg of equal rank replaces an earlier. */
  private static int rank(LegStatus status) {
    return switch (status) {
      case SKIPPED -> 0;
      case DELIVERED, PENDING -> 1;
      case RETRYING -> 2;
      case HELD -> 3;
      case DEAD -> 4;
    };
  }

  private int deadLegs(String businessKey) {
    Integer dead =
        jdbc.queryForObject(
            "SELECT COUNT(*) FROM hub_delivery_leg WHERE business_key = :key AND status = 'dead'",
            Map.of("key", businessKey),
            Integer.class);
    return dead == null ? 0 : dead;
  }

  /** The pre-hook decisions of the events, as the page and the API show them. */
  private Map<String, List<Map<String, Object>>> decisions(List<String> eventIds) {
    Map<String, List<Map<String, Object>>> decisions = new LinkedHashMap<>();
    preHooks
        .decisionsFor(eventIds)
        .forEach(
            (eventId, recorded) ->
                decisions.put(eventId, recorded.stream().map(Stories::view).toList()));
    return decisions;
  }

  private static Map<String, Object> view(PreHookRecorder.RecordedDecision recorded) {
    Map<String, Object> decision = new LinkedHashMap<>();
    decision.put("decidedAt", recorded.decidedAt());
    decision.put("proceed", recorded.proceed());
    decision.put("answer", recorded.answer());
    decision.put("durationMs", recorded.durationMs());
    return decision;
  }

  private List<Map<String, Object>> writeBack(String orderId) {
    return jdbc.query(
        "SELECT direction, status, outcome, attempts, last_error, updated_at, written_at"
            + " FROM hub_writeback WHERE order_id = :id ORDER BY direction",
        Map.of("id", orderId),
        (rs, n) -> {
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("direction", rs.getString("direction"));
          row.put("status", rs.getString("status"));
          row.put("outcome", rs.getString("outcome"));
          row.put("attempts", rs.getInt("attempts"));
          row.put("lastError", rs.getString("last_error"));
          row.put("updatedAt", rs.getObject("updated_at", OffsetDateTime.class));
          row.put("writtenAt", rs.getObject("written_at", OffsetDateTime.class));
          return row;
        });
  }
}
