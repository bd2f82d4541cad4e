package com.ordercloudhub.hub.event;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Search by what people know ({@link EventFields}) and the backfill of events stored before it.
 *
 * @param maxResults most matches a search answers
 * @param pageEvents most events an order's or user's page lists (oldest first; it says when more)
 * @param backfillBatch events read and written per transaction by the backfill
 * @param backfillProgressEvery a progress line (INFO) every this many events backfilled
 * @param backfillPause rest between two backfill batches, so intake keeps the database first
 * @param backfill whether this instance runs the backfill (an instance that only reads does not)
 */
@Validated
@ConfigurationProperties("hub.search")
public record SearchProperties(
    @DefaultValue("50") @Min(1) @Max(500) int maxResults,
    @DefaultValue("200") @Min(10) @Max(5000) int pageEvents,
    @DefaultValue("500") @Min(1) @Max(10_000) int backfillBatch,
    @DefaultValue("10000") @Min(1) int backfillProgressEvery,
    @DefaultValue("50ms") Duration backfillPause,
    @DefaultValue("true") boolean backfill) {}
