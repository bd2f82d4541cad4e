package com.ordercloudhub.hub.ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.jknack.handlebars.Template;
import com.ordercloudhub.hub.delivery.DeliveryLedger;
import com.ordercloudhub.hub.delivery.DeliveryLeg;
import com.ordercloudhub.hub.delivery.LegStatus;
import com.ordercloudhub.hub.delivery.Replays;
import com.ordercloudhub.hub.event.EventKind;
import com.ordercloudhub.hub.event.EventPage;
import com.ordercloudhub.hub.event.EventSearch;
import com.ordercloudhub.hub.event.EventStore;
import com.ordercloudhub.hub.event.EventSummary;
import com.ordercloudhub.hub.event.StoredEvent;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The deliveries page for operators, server-rendered (no front-end build): recent events with
 * filters, an event's timeline (received, pre-hook decisions, each leg and attempt with errors),
 * and replay of a leg, an event, or every dead leg. Behind the ops login (a form in the browser);
 * every replay is a POST with a CSRF token.
 */
@Controller
@RequestMapping("/ops")
class OpsPages {

  static final int PAGE_SIZE = 50;

  private final EventStore events;
  private final EventSearch search;
  private final EventDetails details;
  private final DeliveryLedger ledger;
  private final Replays replays;
  private final ObjectMapper mapper;
  private final Template eventsPage;
  private final Template eventPage;

  OpsPages(
      EventStore events,
      EventSearch search,
      EventDetails details,
      DeliveryLedger ledger,
      Replays replays,
      ObjectMapper mapper)
      throws IOException {
    this.events = events;
    this.search = search;
    this.details = details;
    this.ledger = ledger;
    this.replays = replays;
    this.mapper = mapper;
    this.eventsPage = Pages.compile("events");
    this.eventPage = Pages.compile("event");
  }

  // GET /ops itself is the overview (OverviewPage)

  @GetMapping("/events")
  ResponseEntity<String> list(
      @RequestParam(required = false) String type,
      @RequestParam(required = false) String kind,
      @RequestParam(required = false) String status,
      @RequestParam(required = false) String destination,
      @RequestParam(required = false) String since,
      @RequestParam(required = false) String until,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(required = false) String notice,
      HttpServletRequest request)
      throws IOException {
    Map<String, String> filters = new LinkedHashMap<>();
    put(filters, "type", type);
    put(filters, "kind", kind);
    put(filters, "status", status);
    put(filters, "destination", destination);
    put(filters, "since", since);
    put(filters, "until", until);
    EventPage found;
    try {
      found =
          events.list(
              OpsParameters.events(
                  type, kind, since, until, status, destination, Math.max(page, 0), PAGE_SIZE));
    } catch (OpsParameters.BadParameter e) {
      found = new EventPage(List.of(), false);
      notice = e.getMessage();
    }
    Map<String, List<DeliveryLeg>> legs =
        ledger.legsOf(found.items().stream().map(EventSummary::id).toList()).stream()
            .collect(Collectors.groupingBy(DeliveryLeg::eventId));
    // the order (or user), buyer and total beside each type: one query for the page, no payloads
    Map<String, Map<String, String>> fields =
        search.fieldsOf(found.items().stream().map(EventSummary::id).toList());
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("filters", filters);
    model.put("kinds", Arrays.stream(EventKind.values()).map(EventKind::code).toList());
    model.put("statuses", Arrays.stream(LegStatus.values()).map(LegStatus::code).toList());
    model.put(
        "events",
        found.items().stream()
            .map(
                e -> {
                  Map<String, Object> row = mapper.convertValue(e, LinkedHashMap.class);
                  row.put("legs", plain(legs.getOrDefault(e.id(), List.of())));
                  Map<String, String> known = fields.getOrDefault(e.id(), Map.of());
                  row.put("fields", known);
                  // the order (else the user) it leads to, its ID encoded for the link
                  if (known.get("order") != null) {
                    row.put("keyLink", "/ops/orders/" + segment(known.get("order")));
                  } else if (known.get("user") != null) {
                    row.put("keyLink", "/ops/users/" + segment(known.get("user")));
                  }
                  return row;
                })
            .toList());
    model.put("pageNumber", page + 1);
    model.put("previous", page > 0 ? link(filters, page - 1) : null);
    model.put("next", found.hasMore() ? link(filters, page + 1) : null);
    model.put("notice", notice);
    model.put("csrf", Pages.csrf(request));
    return Pages.html(eventsPage.apply(model));
  }

  @GetMapping("/events/{id}")
  ResponseEntity<String> one(
      @PathVariable String id,
      @RequestParam(required = false) String notice,
      HttpServletRequest request)
      throws IOException {
    Optional<EventDetails.EventDetail> found = details.find(id);
    if (found.isEmpty()) {
      return ResponseEntity.status(HttpStatus.NOT_FOUND)
          .contentType(MediaType.TEXT_PLAIN)
          .body("No event with id " + id);
    }
    EventDetails.EventDetail detail = found.get();
    StoredEvent event = detail.event();
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("event", mapper.convertValue(event.summary(), LinkedHashMap.class));
    model.put("replayable", !detail.preHook());
    model.put("legs", plain(detail.legs()));
    model.put(
        "decisions",
        detail.decisions().stream()
            .map(
                d -> {
                  Map<String, Object> row = new LinkedHashMap<>();
                  row.put("decidedAt", d.decidedAt());
                  row.put("answer", d.answer());
                  row.put("checks", readList(d.checks()));
                  row.put("durationMs", d.durationMs());
                  return row;
                })
            .toList());
    model.put("payload", pretty(event.payloadJson()));
    model.put("notice", notice);
    model.put("csrf", Pages.csrf(request));
    return Pages.html(eventPage.apply(model));
  }

  @PostMapping("/legs/{id}/replay")
  String replayLeg(@PathVariable String id, @RequestParam(defaultValue = "false") boolean force) {
    Optional<DeliveryLeg> leg = ledger.find(id);
    Replays.Outcome outcome = replays.replayLeg(id, force);
    String eventId = leg.map(DeliveryLeg::eventId).orElse("");
    String notice =
        switch (outcome) {
          case REQUEUED, ALREADY_QUEUED ->
              "Leg " + leg.map(DeliveryLeg::destination).orElse(id) + " re-queued";
          case REFUSED_DELIVERED -> "That leg was delivered; replay it again with force";
          case NOT_FOUND -> "No such leg";
        };
    return "redirect:/ops/events/" + eventId + "?notice=" + encode(notice);
  }

  @PostMapping("/legs/{id}/release")
  String releaseLeg(@PathVariable String id) {
    Optional<DeliveryLeg> leg = ledger.find(id);
    String notice =
        switch (replays.release(id)) {
          case RELEASED ->
              "Leg "
                  + leg.map(DeliveryLeg::destination).orElse(id)
                  + " released: it goes now, out of order";
          case NOT_HELD -> "That leg is not held";
          case NOT_FOUND -> "No such leg";
        };
    return "redirect:/ops/events/"
        + leg.map(DeliveryLeg::eventId).orElse("")
        + "?notice="
        + encode(notice);
  }

  @PostMapping("/events/{id}/replay")
  String replayEvent(@PathVariable String id, @RequestParam(defaultValue = "false") boolean force) {
    int requeued = replays.replayEvent(id, force);
    String notice =
        requeued < 0 ? "No such event" : "Event re-planned, " + requeued + " legs re-queued";
    return "redirect:/ops/events/" + id + "?notice=" + encode(notice);
  }

  @PostMapping("/deliveries/replay")
  String replayDead(
      @RequestParam(required = false) String destination,
      @RequestParam(required = false) String since) {
    String notice;
    try {
      int requeued =
          replays.replayMatching(
              LegStatus.DEAD, OpsParameters.text(destination), OpsParameters.time("since", since));
      notice = requeued + " dead legs re-queued";
    } catch (OpsParameters.BadParameter e) {
      notice = e.getMessage();
    }
    return "redirect:/ops/events?status=dead&notice=" + encode(notice);
  }

  private static String link(Map<String, String> filters, int page) {
    StringBuilder link = new StringBuilder("/ops/events?page=" + page);
    filters.forEach((k, v) -> link.append('&').append(k).append('=').append(encode(v)));
    return link.toString();
  }

  private static void put(Map<String, String> filters, String name, String value) {
    if (value != null && !value.isBlank()) {
      filters.put(name, value.trim());
    }
  }

  private static String segment(String value) {
    return org.springframework.web.util.UriUtils.encodePathSegment(value, StandardCharsets.UTF_8);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private Object plain(Object value) {
    return Pages.plain(mapper, value);
  }

  private String pretty(String json) {
    try {
      return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(mapper.readTree(json));
    } catch (JsonProcessingException e) {
      return json;
    }
  }

  private List<?> readList(String json) {
    try {
      return json == null ? List.of() : mapper.readValue(json, List.class);
    } catch (JsonProcessingException e) {
      return List.of();
    }
  }
}
