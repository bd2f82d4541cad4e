package com.ordercloudhub.hub.impact;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Change-impact runs ({@code POST /api/impact}, {@code ./mvnw -Pimpact}).
 *
 * @param maxEvents events dry-run at most per run; more matching: the newest this many, and the
 *     answer says it was capped
 * @param examples differences kept in full; the rest are counted
 * @param timeLimit a run stops after this long (start-up of the proposed hub included) and answers
 *     with what it has, marked incomplete
 * @param progressEvery a progress line is logged every this many events (and at the end)
 * @param maxFiles proposed files per run at most
 * @param maxFileSize bytes per proposed file at most
 */
@ConfigurationProperties("hub.impact")
public record ImpactProperties(
    @DefaultValue("10000") int maxEvents,
    @DefaultValue("20") int examples,
    @DefaultValue("5m") Duration timeLimit,
    @DefaultValue("500") int progressEvery,
    @DefaultValue("50") int maxFiles,
    @DefaultValue("128KB") DataSize maxFileSize) {}
