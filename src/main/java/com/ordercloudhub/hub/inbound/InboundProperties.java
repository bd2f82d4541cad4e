package com.ordercloudhub.hub.inbound;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Limits of the webhook door, so hostile or broken input is refused quickly and nothing an
 * unauthenticated caller sends can hold memory or threads others need.
 *
 * @param maxBodySize largest request body accepted; larger bodies are answered 413 (by
 *     Content-Length before reading, or when a chunked body reaches it)
 * @param bodyBudget body bytes post-hooks and messages may hold in memory at once, in total; a call
 *     that does not fit is answered 503 at once
 * @param preHookBodyBudget the same for pre-hooks, apart, so a flood elsewhere cannot take it
 * @param smallBodySize bodies up to this size may use the small-body reserve
 * @param smallBodyReserve part of each budget only small bodies may use (every real OrderCloud call
 *     is a few KB), so large bodies, signed or not, cannot crowd them out
 * @param requestDeadline a whole body must arrive within this time of the request's headers (408)
 * @param minBodyRate and at least this many bytes per second on average (408)
 * @param minRateAfter the rate is judged from this long after the headers
 * @param maxNestingDepth deepest JSON nesting accepted (objects and arrays)
 * @param maxStringLength longest JSON string value accepted, in characters
 * @param threads post-hooks and messages running their routes at once (on the request's thread)
 * @param queueCapacity signed calls waiting for room, per lane; beyond it they are answered 503
 * @param maxQueueWait the longest a signed call waits for room before it is answered 503
 * @param priorityPort a second port answering only pre-hooks and health, with its own socket and
 *     threads (null: off)
 * @param requestQueue requests on the main port that may wait for a request thread; beyond it a
 *     webhook call is answered 503 at once by one of the overflow threads
 * @param overflowThreads threads answering the requests that found the request queue full
 */
@Validated
@ConfigurationProperties("hub.inbound")
public record InboundProperties(
    @DefaultValue("5MB") DataSize maxBodySize,
    @DefaultValue("64MB") DataSize bodyBudget,
    @DefaultValue("16MB") DataSize preHookBodyBudget,
    @DefaultValue("64KB") DataSize smallBodySize,
    @DefaultValue("8MB") DataSize smallBodyReserve,
    @DefaultValue("10s") Duration requestDeadline,
    @DefaultValue("1KB") DataSize minBodyRate,
    @DefaultValue("2s") Duration minRateAfter,
    @DefaultValue("64") @Min(4) @Max(10_000) int maxNestingDepth,
    @DefaultValue("1000000") @Min(1024) int maxStringLength,
    @DefaultValue("64") @Min(1) @Max(1024) int threads,
    @DefaultValue("256") @Min(0) int queueCapacity,
    @DefaultValue("25ms") Duration maxQueueWait,
    Integer priorityPort,
    @DefaultValue("512") @Min(1) int requestQueue,
    @DefaultValue("4") @Min(1) @Max(64) int overflowThreads) {}
