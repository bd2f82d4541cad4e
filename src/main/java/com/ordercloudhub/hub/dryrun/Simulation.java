package com.ordercloudhub.hub.dryrun;

import com.fasterxml.jackson.databind.JsonNode;
import com.ordercloudhub.hub.prehook.PreHookDecision;
import java.util.List;
import java.util.Map;

/**
 * What the hub would do with an OrderCloud call, found without sending or storing anything.
 *
 * @param eventId the stored event's ID, or a fresh one that was never stored (it is in the
 *     idempotency keys and mappings, as a real event's would be)
 * @param stored whether the event is a stored one ({@code /api/events/{id}/simulate})
 * @param routing the routing route that chose the destinations (post-hooks and messages)
 * @param preHook what a pre-hook would be answered (pre-hooks only)
 * @param destinations each leg the event would get, in the routing route's order
 */
public record Simulation(
    boolean dryRun,
    String eventId,
    boolean stored,
    String kind,
    String eventType,
    String routing,
    PreHook preHook,
    List<Leg> destinations) {

  /**
   * @param proceed what OrderCloud would be told
   * @param answer the exact JSON OrderCloud would receive
   * @param checks every check, with {@code unchecked} for those a dry run does not make
   * @param complete false when some check was not made, so the real answer may differ
   * @param requests every call the checks would make (address service, OrderCloud API, ERP), in
   *     order, as the other end receives it
   */
  public record PreHook(
      boolean proceed,
      JsonNode answer,
      List<PreHookDecision.Check> checks,
      boolean complete,
      List<Map<String, Object>> requests) {

    static PreHook of(PreHookDecision decision, List<Map<String, Object>> requests) {
      return new PreHook(
          decision.proceed(),
          decision.answer(),
          decision.checks(),
          decision.checks().stream().noneMatch(c -> "unchecked".equals(c.outcome())),
          List.copyOf(requests));
    }
  }

  /**
   * One destination's leg.
   *
   * @param status what the ledger would record after a first attempt: {@code delivered}, {@code
   *     skipped} (not configured), {@code dead} (a permanent failure such as a mapping error) or
   *     {@code retrying}
   * @param reason why it is skipped, or the failure
   * @param notes what the leg would note, and what a dry run could not show as it really is
   * @param requests every call the destination would make, in order, as the other end receives it
   */
  public record Leg(
      String destination,
      String status,
      String idempotencyKey,
      String reason,
      List<String> notes,
      List<Map<String, Object>> requests) {}
}
