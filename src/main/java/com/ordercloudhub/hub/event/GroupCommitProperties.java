package com.ordercloudhub.hub.event;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How concurrent calls' events are committed together (see {@link GroupCommit}).
 *
 * @param maxBatch most events inserted and committed in one transaction
 * @param writers transactions writing batches at the same time (one leader each)
 * @param queueCapacity events waiting for a writer; beyond it a call is refused at once (503)
 * @param waitTimeout longest a call waits for its batch's commit before it is answered 503; also
 *     the statement timeout of each batch transaction
 */
@Validated
@ConfigurationProperties("hub.store.commit")
record GroupCommitProperties(
    @DefaultValue("256") @Min(1) @Max(10_000) int maxBatch,
    @DefaultValue("1") @Min(1) @Max(64) int writers,
    @DefaultValue("4096") @Min(1) @Max(1_000_000) int queueCapacity,
    @DefaultValue("3s") Duration waitTimeout) {}
