package com.ordercloudhub.hub.impact;

import java.util.List;
import java.util.Map;

/**
 * What a proposed change would do to stored events.
 *
 * @param complete false when the run stopped at its time limit (the counts cover {@code events})
 * @param events events dry-run on both sides
 * @param capped whether more events matched than {@code hub.impact.max-events} (the newest were
 *     taken)
 * @param changedEvents events with any difference
 * @param destinations per destination (every destination either side gave a leg), in name order
 * @param preHooksFlipped pre-hook events whose decision (proceed or not) changed
 * @param routingChanged events routed by another route
 * @param failures events a side could not dry-run (each counted as changed), the first few
 * @param examples the first {@code hub.impact.examples} differences, in full
 * @param moreDifferences differences beyond those, counted only
 * @param problems a proposed file the route check refused (then nothing was run), as {@code
 *     file:line: problem — fix}
 */
public record ImpactReport(
    boolean complete,
    String stopped,
    int events,
    boolean capped,
    int maxEvents,
    long elapsedMs,
    String routes,
    List<String> files,
    int changedEvents,
    Map<String, DestinationImpact> destinations,
    int preHooksFlipped,
    int routingChanged,
    List<String> failures,
    List<Difference> examples,
    int moreDifferences,
    List<String> problems) {

  /**
   * One destination's count.
   *
   * @param events events with a leg to it on either side
   * @param changed events whose leg to it would differ in any way
   * @param added legs only the proposed side has
   * @param removed legs only today's side has
   * @param statusChanged legs whose outcome changes (delivered → dead, …)
   * @param requestsChanged legs that would send something else
   */
  public record DestinationImpact(
      int events, int changed, int added, int removed, int statusChanged, int requestsChanged) {}

  /**
   * One difference, in full.
   *
   * @param change {@code leg-added}, {@code leg-removed}, {@code status}, {@code requests}, {@code
   *     pre-hook}, {@code routing} or {@code failed}
   * @param destination the leg's destination (null for pre-hook, routing and failed)
   * @param before today's value (a status, the route, the decision), null when not one
   * @param after the proposed value
   * @param requests per recorded request that differs: both sides pretty-printed and what changed
   */
  public record Difference(
      String eventId,
      String eventType,
      String change,
      String destination,
      String before,
      String after,
      List<RequestDiff> requests) {}

  /**
   * A request that differs, side by side.
   *
   * @param index its position in the leg's recorded requests
   * @param before today's request body (or the whole request when it has no body), pretty-printed;
   *     null when today sends no such request
   * @param after the proposed one
   * @param paths each changed value as {@code /json/pointer: before → after}
   * @param lines the changed lines: {@code - } today's, {@code + } proposed
   */
  public record RequestDiff(
      int index, String before, String after, List<String> paths, List<String> lines) {}
}
