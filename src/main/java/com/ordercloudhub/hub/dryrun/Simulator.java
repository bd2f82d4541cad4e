package com.ordercloudhub.hub.dryrun;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ordercloudhub.hub.delivery.DeliveryLedger;
import com.ordercloudhub.hub.delivery.DispatchEvent;
import com.ordercloudhub.hub.delivery.DryRun;
import com.ordercloudhub.hub.delivery.EventPlanner;
import com.ordercloudhub.hub.delivery.LegAttempt;
import com.ordercloudhub.hub.delivery.LegStatus;
import com.ordercloudhub.hub.event.EventIds;
import com.ordercloudhub.hub.event.EventKind;
import com.ordercloudhub.hub.event.EventStore;
import com.ordercloudhub.hub.event.EventSummary;
import com.ordercloudhub.hub.event.ExactJson;
import com.ordercloudhub.hub.event.PayloadRedactor;
import com.ordercloudhub.hub.event.ReceivedEvent;
import com.ordercloudhub.hub.event.StoredEvent;
import com.ordercloudhub.hub.prehook.PreHookDecision;
import com.ordercloudhub.hub.prehook.PreHooks;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Dry runs: an OrderCloud call goes through the real routing route, destination routes, mappings
 * and templates, on exchanges flagged with {@link DryRun}, so the answer shows what would really be
 * sent. Nothing is stored (no event, leg, attempt or decision), and {@link DryRunGuard} records
 * every outbound call instead of making it. The payload is redacted first, exactly as the event
 * store would keep it, so destinations see what they see in a real delivery.
 */
@Component
public class Simulator {

  /**
   * The setting of a hub that only dry-runs (the change-impact run's): its guard refuses every
   * exchange that is not flagged as a dry run, so nothing there can send.
   */
  public static final String REFUSE_UNFLAGGED = "hub.dryrun.refuse-unflagged";

  private final EventPlanner planner;
  private final LegAttempt legAttempt;
  private final PayloadRedactor redactor;
  private final EventStore events;
  private final PreHooks preHooks;
  private final ObjectMapper mapper;
  private final ObjectReader exact;
  private final Clock clock;

  public Simulator(
      EventPlanner planner,
      LegAttempt legAttempt,
      PayloadRedactor redactor,
      EventStore events,
      PreHooks preHooks,
      ObjectMapper mapper,
      Clock clock,
      DryRunGuard guard) {
    // the guard is a dependency so that it is installed before any dry run can start
    this.planner = planner;
    this.legAttempt = legAttempt;
    this.redactor = redactor;
    this.events = events;
    this.preHooks = preHooks;
    this.mapper = mapper;
    // a stored payload is simulated with its numbers exact, as it is delivered
    this.exact = ExactJson.reader(mapper);
    this.clock = clock;
  }

  /** A verified, parsed and classified call that is not stored. */
  public Simulation simulate(ReceivedEvent call) {
    ObjectNode safe = redactor.redact(call.payload()).payload();
    String id = EventIds.next(clock);
    if (call.kind() == EventKind.PRE) {
      return preHook(id, false, withPayload(call, safe));
    }
    return deliveries(
        new DispatchEvent(
            id, call.kind(), call.eventType(), json(safe), now(), call.occurredAt(), null),
        false);
  }

  /** A stored event, as it would go now (with today's routes, mappings and templates). */
  public Optional<Simulation> simulateStored(String eventId) {
    return events.find(eventId).map(this::stored);
  }

  /**
   * A stored event already read, as it would go now: the change-impact run reads each event once
   * and dry-runs it in two hubs (today's configuration and a proposed one).
   */
  public Simulation simulateRead(StoredEvent event) {
    return stored(event);
  }

  private Simulation stored(StoredEvent event) {
    EventSummary s = event.summary();
    if (s.kind() == EventKind.PRE) {
      ReceivedEvent call =
          new ReceivedEvent(
              s.kind(),
              s.eventType(),
              s.route(),
              s.verb(),
              s.logId(),
              s.messageType(),
              s.ocLogId(),
              s.recipient(),
              s.occurredAt(),
              null,
              s.bodyBytes(),
              (ObjectNode) read(event.payloadJson()));
      return preHook(s.id(), true, call);
    }
    return deliveries(
        new DispatchEvent(
            s.id(),
            s.kind(),
            s.eventType(),
            event.payloadJson(),
            s.receivedAt(),
            s.occurredAt(),
            null),
        true);
  }

  /** Pre-hooks are answered, never delivered: the decision is the whole answer. */
  private Simulation preHook(String id, boolean stored, ReceivedEvent call) {
    DryRun run = new DryRun();
    PreHookDecision decision = preHooks.dryRun(call, run);
    return new Simulation(
        true,
        id,
        stored,
        call.kind().code(),
        call.eventType(),
        null,
        Simulation.PreHook.of(decision, run.calls()),
        List.of());
  }

  private Simulation deliveries(DispatchEvent event, boolean stored) {
    List<DeliveryLedger.PlannedLeg> planned = planner.plan(event, new DryRun()::flag);
    List<Simulation.Leg> legs = new ArrayList<>();
    for (DeliveryLedger.PlannedLeg leg : planned) {
      legs.add(leg(event, leg));
    }
    return new Simulation(
        true,
        event.id(),
        stored,
        event.kind().code(),
        event.eventType(),
        planner.routeFor(event.eventType()),
        null,
        legs);
  }

  private Simulation.Leg leg(DispatchEvent event, DeliveryLedger.PlannedLeg planned) {
    String destination = planned.destination();
    String key = DeliveryLedger.idempotencyKey(event.id(), destination);
    if (planned.skipReason() != null) {
      return new Simulation.Leg(
          destination, LegStatus.SKIPPED.code(), key, planned.skipReason(), List.of(), List.of());
    }
    // the dispatcher's own attempt, on an exchange flagged as a dry run
    DryRun run = new DryRun();
    LegAttempt.Result result = legAttempt.dryRun(event, destination, run);
    List<String> notes = new ArrayList<>();
    if (result.note() != null) {
      notes.add(result.note());
    }
    notes.addAll(run.notes());
    String status =
        result.delivered()
            ? LegStatus.DELIVERED.code()
            : result.permanent() ? LegStatus.DEAD.code() : LegStatus.RETRYING.code();
    return new Simulation.Leg(destination, status, key, result.message(), notes, run.calls());
  }

  private static ReceivedEvent withPayload(ReceivedEvent call, ObjectNode payload) {
    return new ReceivedEvent(
        call.kind(),
        call.eventType(),
        call.route(),
        call.verb(),
        call.logId(),
        call.messageType(),
        call.ocLogId(),
        call.recipient(),
        call.occurredAt(),
        call.bodySha256(),
        call.bodyBytes(),
        payload);
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
  }

  private String json(Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A parsed payload could not be written back as JSON", e);
    }
  }

  private JsonNode read(String json) {
    try {
      return exact.readValue(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A stored payload is unreadable", e);
    }
  }
}
