package com.ordercloudhub.hub.ops;

import com.ordercloudhub.hub.delivery.DeliveryLedger;
import com.ordercloudhub.hub.event.EventKind;
import com.ordercloudhub.hub.event.EventStore;
import com.ordercloudhub.hub.event.StoredEvent;
import com.ordercloudhub.hub.prehook.PreHookRecorder;
import com.ordercloudhub.hub.prehook.PreHookRecorder.RecordedDecision;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * One stored event with what happened to it, gathered once for the API and the events page: a
 * post-hook or message with its legs (each with every attempt), a pre-hook with its decisions.
 */
@Component
class EventDetails {

  private final EventStore events;
  private final DeliveryLedger ledger;
  private final PreHookRecorder preHooks;

  EventDetails(EventStore events, DeliveryLedger ledger, PreHookRecorder preHooks) {
    this.events = events;
    this.ledger = ledger;
    this.preHooks = preHooks;
  }

  /**
   * @param event the event as stored (payload redacted)
   * @param legs its delivery legs with their attempts; none for a pre-hook, which is not delivered
   * @param decisions its recorded decisions, oldest first; none unless a pre-hook
   */
  record EventDetail(
      StoredEvent event, List<Map<String, Object>> legs, List<RecordedDecision> decisions) {

    boolean preHook() {
      return event.summary().kind() == EventKind.PRE;
    }
  }

  Optional<EventDetail> find(String id) {
    return events.find(id).map(this::detail);
  }

  private EventDetail detail(StoredEvent event) {
    String id = event.summary().id();
    if (event.summary().kind() == EventKind.PRE) {
      return new EventDetail(event, List.of(), preHooks.decisionsFor(id));
    }
    List<Map<String, Object>> legs =
        ledger.legsOf(id).stream()
            .map(leg -> DeliveriesController.withAttempts(ledger, leg))
            .toList();
    return new EventDetail(event, legs, List.of());
  }
}
