package com.ordercloudhub.hub.ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.ordercloudhub.hub.config.Problem;
import com.ordercloudhub.hub.delivery.Replays;
import com.ordercloudhub.hub.event.EventPage;
import com.ordercloudhub.hub.event.EventQuery;
import com.ordercloudhub.hub.event.EventStore;
import com.ordercloudhub.hub.event.ExactJson;
import com.ordercloudhub.hub.event.StoredEvent;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The operations API over stored events: what arrived, when, and what it carried (redacted). */
@RestController
@RequestMapping("/api/events")
class EventsController {

  private final EventStore events;
  private final EventDetails details;
  private final Replays replays;
  private final ObjectMapper mapper;
  private final ObjectReader exact;

  EventsController(EventStore events, EventDetails details, Replays replays, ObjectMapper mapper) {
    this.events = events;
    this.details = details;
    this.replays = replays;
    this.mapper = mapper;
    // stored JSON shown with its numbers exact (a double would turn 1234567890123.4567 into …4568)
    this.exact = ExactJson.reader(mapper);
  }

  /**
   * Re-plans the event and re-queues its failed, dead and skipped legs (delivered ones too with
   * force=true).
   */
  @PostMapping("/{id}/replay")
  ResponseEntity<Object> replay(
      @PathVariable String id, @RequestParam(defaultValue = "false") boolean force) {
    int requeued = replays.replayEvent(id, force);
    if (requeued < 0) {
      return ResponseEntity.status(HttpStatus.NOT_FOUND)
          .body(Problem.of(404, "not_found", "No post-hook or message event with id " + id));
    }
    return ResponseEntity.accepted().body(Map.of("eventId", id, "requeued", requeued));
  }

  /** Newest first. {@code type} may end in {@code *} for a prefix ({@code order.*}). */
  @GetMapping
  Map<String, Object> list(
      @RequestParam(required = false) String type,
      @RequestParam(required = false) String kind,
      @RequestParam(required = false) String since,
      @RequestParam(required = false) String until,
      @RequestParam(required = false) String status,
      @RequestParam(required = false) String destination,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "50") int size) {
    EventQuery query =
        OpsParameters.events(type, kind, since, until, status, destination, page, size);
    EventPage found = events.list(query);
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("items", found.items());
    answer.put("page", page);
    answer.put("size", size);
    answer.put("hasMore", found.hasMore());
    return answer;
  }

  @GetMapping("/{id}")
  ResponseEntity<Object> one(@PathVariable String id) {
    return details
        .find(id)
        .<ResponseEntity<Object>>map(detail -> ResponseEntity.ok(view(detail)))
        .orElseGet(
            () ->
                ResponseEntity.status(HttpStatus.NOT_FOUND)
                    .body(Problem.of(404, "not_found", "No event with id " + id)));
  }

  /** The detail as JSON: the summary's fields, the payload, then legs or decisions. */
  private Map<String, Object> view(EventDetails.EventDetail detail) {
    StoredEvent event = detail.event();
    Map<String, Object> answer = mapper.convertValue(event.summary(), LinkedHashMap.class);
    answer.put("payload", json(event.payloadJson()));
    answer.put("sealedSecrets", event.hasSealedSecrets());
    if (!detail.preHook()) {
      answer.put("legs", detail.legs());
    } else {
      answer.put(
          "decisions",
          detail.decisions().stream()
              .map(
                  d -> {
                    Map<String, Object> decision = new LinkedHashMap<>();
                    decision.put("proceed", d.proceed());
                    decision.put("answer", json(d.answer()));
                    decision.put("checks", json(d.checks()));
                    decision.put("durationMs", d.durationMs());
                    decision.put("decidedAt", d.decidedAt());
                    return decision;
                  })
              .toList());
    }
    return answer;
  }

  private JsonNode json(String text) {
    try {
      return text == null ? null : exact.readValue(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Stored JSON is unreadable", e);
    }
  }
}
