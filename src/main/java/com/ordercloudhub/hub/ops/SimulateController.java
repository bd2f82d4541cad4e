package com.ordercloudhub.hub.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.ordercloudhub.hub.config.Problem;
import com.ordercloudhub.hub.dryrun.Simulator;
import com.ordercloudhub.hub.event.EventCatalogue;
import com.ordercloudhub.hub.event.EventKind;
import com.ordercloudhub.hub.event.JsonFields;
import com.ordercloudhub.hub.event.ReceivedEvent;
import com.ordercloudhub.hub.inbound.InboundProperties;
import com.ordercloudhub.hub.inbound.InboundRejection;
import com.ordercloudhub.hub.inbound.OcEnvelope;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Dry runs for integrators: what the hub would do with a payload, or with a stored event under
 * today's routes, mappings and templates, without sending or storing anything. The payload is the
 * JSON OrderCloud sends, unsigned (the ops login stands in for X-oc-hash), parsed and classified by
 * the same code as the webhook endpoints, so it is refused with the same 400s.
 */
@RestController
class SimulateController {

  private final Simulator simulator;
  private final OcEnvelope envelope;
  private final EventCatalogue catalogue;
  private final ObjectMapper mapper;
  private final long maxBytes;

  SimulateController(
      Simulator simulator,
      OcEnvelope envelope,
      EventCatalogue catalogue,
      ObjectMapper mapper,
      InboundProperties inbound) {
    this.simulator = simulator;
    this.envelope = envelope;
    this.catalogue = catalogue;
    this.mapper = mapper;
    this.maxBytes = inbound.maxBodySize().toBytes();
  }

  /**
   * {@code kind}: {@code post} (a post-hook), {@code pre} (a pre-hook) or {@code message} (a
   * Message Sender call); without it, a body with a {@code MessageType} and no {@code Route} is a
   * message and anything else a post-hook.
   */
  @PostMapping("/api/simulate")
  ResponseEntity<Object> simulate(
      @RequestBody(required = false) byte[] body, @RequestParam(required = false) String kind) {
    byte[] raw = body == null ? new byte[0] : body;
    if (raw.length > maxBytes) {
      return problem(
          413,
          "body_too_large",
          "The request body is over the limit of "
              + maxBytes
              + " bytes (hub.inbound.max-body-size)");
    }
    EventKind given = OpsParameters.kind(kind);
    EventKind as = given != null ? given : guess(raw);
    try {
      ReceivedEvent call =
          switch (as) {
            case PRE -> envelope.parsePreHook(raw);
            case POST -> envelope.parsePostHook(raw);
            case MESSAGE -> envelope.parseMessage(raw, null);
            // a Delivery Configuration's message, as its HTTP target receives it
            case SYNC -> envelope.parseDelivery(raw, null);
          };
      return ResponseEntity.ok(simulator.simulate(catalogue.classify(call)));
    } catch (InboundRejection e) {
      return ResponseEntity.status(e.status())
          .body(new Problem(e.status(), e.error(), e.getMessage(), e.field()));
    }
  }

  @PostMapping("/api/events/{id}/simulate")
  ResponseEntity<Object> simulateStored(@PathVariable String id) {
    return simulator
        .simulateStored(id)
        .<ResponseEntity<Object>>map(ResponseEntity::ok)
        .orElseGet(() -> problem(404, "not_found", "No event with id " + id));
  }

  /**
   * A Delivery Configuration's envelope carries Payload; a message carries MessageType and no
   * Route; a body that is no JSON fails in the parser.
   */
  private EventKind guess(byte[] raw) {
    try {
      JsonNode root = mapper.readTree(raw);
      if (JsonFields.get(root, "Payload") != null) {
        return EventKind.SYNC;
      }
      boolean message =
          JsonFields.get(root, "MessageType") != null && JsonFields.get(root, "Route") == null;
      return message ? EventKind.MESSAGE : EventKind.POST;
    } catch (Exception e) {
      return EventKind.POST;
    }
  }

  private static ResponseEntity<Object> problem(int status, String error, String message) {
    return ResponseEntity.status(HttpStatus.valueOf(status))
        .body(Problem.of(status, error, message));
  }
}
