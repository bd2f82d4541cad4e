package com.ordercloudhub.hub.inbound;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Limits on what the inbound endpoints accept, so hostile or broken input is refused quickly.
 *
 * @param maxBodySize largest request body accepted; larger bodies are answered 413
 * @param maxDrainSize a rejected body up to this size is read and discarded so the caller sees the
 *     413; beyond it the connection is closed
 * @param maxNestingDepth deepest JSON nesting accepted (objects and arrays)
 * @param maxStringLength longest JSON string value accepted, in characters
 * @param threads worker threads that run the inbound Camel routes
 * @param queueCapacity requests waiting for a worker before new ones are answered 503
 */
@Validated
@ConfigurationProperties("hub.inbound")
public record InboundProperties(
    @DefaultValue("5MB") DataSize maxBodySize,
    @DefaultValue("32MB") DataSize maxDrainSize,
    @DefaultValue("64") @Min(4) @Max(10_000) int maxNestingDepth,
    @DefaultValue("1000000") @Min(1024) int maxStringLength,
    @DefaultValue("32") @Min(1) @Max(1024) int threads,
    @DefaultValue("1000") @Min(0) int queueCapacity) {}
