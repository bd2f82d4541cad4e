package com.ordercloudhub.hub.reconcile;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Reconciliation with the OrderCloud API.
 *
 * @param enabled on or off; empty (the default): on when the hub's own API client is configured
 *     ({@code ORDERCLOUD_CLIENT_ID})
 * @param interval time from the end of one pass to the start of the next
 * @param overlap how far before the watermark each pass lists again: OrderCloud's list comes from a
 *     search cache that lags seconds to minutes behind its orders
 * @param directions which order lists to read: {@code Incoming} (a seller's), {@code Outgoing} (a
 *     supplier's or buyer's)
 * @param concurrency OrderCloud API calls at once
 * @param pageSize orders per page (OrderCloud allows at most 100)
 * @param maxPassDuration a pass that runs longer stops (its watermark stays); also bounds its lease
 * @param initialLookback with no watermark yet, the first pass lists orders changed this long
 *     before it
 * @param settle an order changed less than this ago is left to its webhooks, which may still be on
 *     their way, until a later pass (shorter than the overlap, so the next pass lists it again):
 *     recovering it now could make a second event beside the webhook's, and so a second order in
 *     the ERP
 */
@Validated
@ConfigurationProperties("hub.reconcile")
record ReconcileProperties(
    Boolean enabled,
    @DefaultValue("5m") Duration interval,
    @DefaultValue("10m") Duration overlap,
    @DefaultValue("Incoming") @NotEmpty List<String> directions,
    @DefaultValue("2") @Min(1) @Max(16) int concurrency,
    @DefaultValue("100") @Min(1) @Max(100) int pageSize,
    @DefaultValue("15m") Duration maxPassDuration,
    @DefaultValue("1h") Duration initialLookback,
    @DefaultValue("2m") Duration settle) {}
