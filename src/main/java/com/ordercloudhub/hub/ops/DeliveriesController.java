package com.ordercloudhub.hub.ops;

import com.ordercloudhub.hub.config.Problem;
import com.ordercloudhub.hub.delivery.DeliveryLedger;
import com.ordercloudhub.hub.delivery.DeliveryLeg;
import com.ordercloudhub.hub.delivery.LegStatus;
import com.ordercloudhub.hub.delivery.Replays;
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

/** The delivery ledger for operators: what went where, what failed, and sending it again. */
@RestController
@RequestMapping("/api/deliveries")
class DeliveriesController {

  private final DeliveryLedger ledger;
  private final Replays replays;

  DeliveriesController(DeliveryLedger ledger, Replays replays) {
    this.ledger = ledger;
    this.replays = replays;
  }

  /** Legs, most recently changed first. */
  @GetMapping
  Map<String, Object> list(
      @RequestParam(required = false) String status,
      @RequestParam(required = false) String destination,
      @RequestParam(required = false) String since,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "50") int size) {
    OpsParameters.page(page, size);
    DeliveryLedger.LegPage found =
        ledger.page(
            OpsParameters.status(status),
            OpsParameters.text(destination),
            OpsParameters.time("since", since),
            page,
            size);
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put(
        "items", found.items().stream().map(item -> view(item.leg(), item.eventType())).toList());
    answer.put("page", page);
    answer.put("size", size);
    answer.put("hasMore", found.hasMore());
    return answer;
  }

  @GetMapping("/{id}")
  ResponseEntity<Object> one(@PathVariable String id) {
    return ledger
        .find(id)
        .<ResponseEntity<Object>>map(leg -> ResponseEntity.ok(withAttempts(leg)))
        .orElseGet(() -> notFound(id));
  }

  /** Re-queues one leg: failed, dead or skipped; a delivered one only with force=true. */
  @PostMapping("/{id}/replay")
  ResponseEntity<Object> replay(
      @PathVariable String id, @RequestParam(defaultValue = "false") boolean force) {
    Replays.Outcome outcome = replays.replayLeg(id, force);
    return switch (outcome) {
      case NOT_FOUND -> notFound(id);
      case REFUSED_DELIVERED ->
          ResponseEntity.status(HttpStatus.CONFLICT)
              .body(
                  Problem.of(
                      409,
                      "already_delivered",
                      "Leg " + id + " was delivered; replay it with force=true to send it again"));
      case REQUEUED, ALREADY_QUEUED ->
          ResponseEntity.accepted()
              .body(Map.of("legId", id, "outcome", outcome.name().toLowerCase()));
    };
  }

  /**
   * Lets a held leg go now, out of order: it stops waiting behind the dead leg of its business key
   * and destination (and any earlier leg). 409 when the leg is not held.
   */
  @PostMapping("/{id}/release")
  ResponseEntity<Object> release(@PathVariable String id) {
    return switch (replays.release(id)) {
      case NOT_FOUND -> notFound(id);
      case NOT_HELD ->
          ResponseEntity.status(HttpStatus.CONFLICT)
              .body(
                  Problem.of(
                      409,
                      "not_held",
                      "Leg "
                          + id
                          + " is not held; only a leg waiting behind a dead leg is released"));
      case RELEASED -> ResponseEntity.accepted().body(Map.of("legId", id, "outcome", "released"));
    };
  }

  /** Re-queues every leg in a status (dead by default), optionally per destination and since. */
  @PostMapping("/replay")
  ResponseEntity<Object> replayMatching(
      @RequestParam(defaultValue = "dead") String status,
      @RequestParam(required = false) String destination,
      @RequestParam(required = false) String since) {
    LegStatus selected = OpsParameters.status(status);
    if (selected == LegStatus.DELIVERED
        || selected == LegStatus.PENDING
        || selected == LegStatus.HELD) {
      throw new OpsParameters.BadParameter(
          "status must be dead, retrying or skipped: delivered legs are replayed one at a time,"
              + " held legs go when the leg they wait for is replayed or when released");
    }
    int requeued =
        replays.replayMatching(
            selected, OpsParameters.text(destination), OpsParameters.time("since", since));
    return ResponseEntity.accepted().body(Map.of("requeued", requeued));
  }

  static Map<String, Object> view(DeliveryLeg leg, String eventType) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", leg.id());
    view.put("eventId", leg.eventId());
    if (eventType != null) {
      view.put("eventType", eventType);
    }
    view.put("destination", leg.destination());
    view.put("status", leg.status());
    view.put("attempts", leg.attempts());
    view.put("nextAttemptAt", leg.nextAttemptAt());
    view.put("lastError", leg.lastError());
    view.put("idempotencyKey", leg.idempotencyKey());
    view.put("createdAt", leg.createdAt());
    view.put("updatedAt", leg.updatedAt());
    view.put("deliveredAt", leg.deliveredAt());
    view.put("note", leg.note());
    view.put("reference", leg.reference());
    return view;
  }

  Map<String, Object> withAttempts(DeliveryLeg leg) {
    return withAttempts(ledger, leg);
  }

  /** A leg with every attempt made on it. */
  static Map<String, Object> withAttempts(DeliveryLedger ledger, DeliveryLeg leg) {
    Map<String, Object> view = view(leg, null);
    view.put("attemptLog", ledger.attemptsOf(leg.id()));
    return view;
  }

  private static ResponseEntity<Object> notFound(String id) {
    return ResponseEntity.status(HttpStatus.NOT_FOUND)
        .body(Problem.of(404, "not_found", "No delivery leg with id " + id));
  }
}
