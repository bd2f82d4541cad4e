package com.ordercloudhub.hub.writeback;

import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Write-back of each order's integration status to its xp in OrderCloud.
 *
 * @param enabled PATCH orders when their legs settle; needs the hub's own OrderCloud API client
 *     ({@code ORDERCLOUD_CLIENT_ID}) with {@link #role} in {@code hub.ordercloud.api.scope}
 * @param xpKey the xp property the hub owns, {@code xp.<xpKey>}; a PATCH of only that property is
 *     the hub's own
 * @param destinations the destinations that count for the status and are listed; empty: all
 * @param role the API role the client needs for {@code PATCH v1/orders/{direction}/{orderID}}:
 *     OrderAdmin (FullAccess also does)
 * @param direction the order direction the hub's client PATCHes; empty: the event's own ({@code
 *     RouteParams.direction}, {@code Incoming} when it has none, as for a cart submit)
 * @param retryDelays waits before each new try of a failed PATCH; after the last it is recorded as
 *     failed
 */
@Validated
@ConfigurationProperties("hub.writeback")
public record WritebackProperties(
    @DefaultValue("false") boolean enabled,
    @DefaultValue("Integration") @Pattern(regexp = "[A-Za-z_][A-Za-z0-9_]{0,99}") String xpKey,
    @DefaultValue List<String> destinations,
    @DefaultValue("OrderAdmin") @Pattern(regexp = "[A-Za-z]+") String role,
    @DefaultValue("") @Pattern(regexp = "|Incoming|Outgoing") String direction,
    @DefaultValue({"2s", "10s", "1m"}) List<Duration> retryDelays) {

  /** Whether a destination's legs count for the status. */
  public boolean counts(String destination) {
    return destinations == null || destinations.isEmpty() || destinations.contains(destination);
  }
}
