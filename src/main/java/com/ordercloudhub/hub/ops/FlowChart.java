package com.ordercloudhub.hub.ops;

import java.time.Instant;
import java.util.List;

/**
 * The answer of {@code GET /api/charts} and what the {@code /ops} overview draws: one value per
 * bucket in every list, bucket {@code i} being {@code [buckets[i], buckets[i] + stepSeconds)}.
 *
 * @param since the first bucket's start
 * @param until the last bucket's end (the end of the bucket holding {@code computedAt})
 * @param hours the window's length
 * @param stepSeconds one bucket's width
 * @param computedAt when the ledger was read (the answer is kept for {@code hub.ops.charts.cache})
 * @param buckets each bucket's start
 * @param events events received (by received_at), per type: the busiest types, then "other"
 * @param deliveries delivery attempts (by started_at) per destination and outcome
 * @param preHooks pre-hook decisions (by decided_at) and their latency p99
 * @param oldestLeg the oldest unfinished leg's age at each bucket's end
 */
record FlowChart(
    Instant since,
    Instant until,
    int hours,
    long stepSeconds,
    Instant computedAt,
    List<Instant> buckets,
    List<TypeSeries> events,
    List<DestinationSeries> deliveries,
    PreHooks preHooks,
    OldestLeg oldestLeg) {

  /** Events of one type (or "other") received per bucket; {@code total} over the window. */
  record TypeSeries(String type, long total, List<Long> counts) {}

  /** Attempts to one destination per bucket: delivered, to be retried, and given up (dead). */
  record DestinationSeries(
      String destination, List<Long> delivered, List<Long> retry, List<Long> dead) {}

  /**
   * Decisions per bucket: proceed, refused, and the p99 of their duration in milliseconds (null
   * without decisions).
   */
  record PreHooks(List<Long> proceed, List<Long> refused, List<Long> p99Ms) {}

  /**
   * Per bucket, in seconds: how long the oldest leg created before the bucket's end (now, for the
   * current bucket) and not yet delivered, dead, skipped or held by then had existed; 0 when none.
   */
  record OldestLeg(List<Long> ageSeconds) {}
}
