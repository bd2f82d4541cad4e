package com.ordercloudhub.hub.event;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Integrators' business keys, by event type or prefix ({@code order.submitted}, or {@code order}
 * for every {@code order.*} type); they replace the built-in ones ({@link BusinessKeys}) for what
 * they name.
 *
 * @param businessKeys per event type or prefix, {@code "<kind>:<JSON pointer>"} entries tried in
 *     turn, e.g. {@code order:/RouteParams/orderID}; the first non-empty value, prefixed by its
 *     kind, is the key ({@code order:SO-1}); an empty list: events of that type have no key
 */
@ConfigurationProperties("hub.events")
public record BusinessKeyProperties(@DefaultValue Map<String, List<String>> businessKeys) {

  static final BusinessKeyProperties BUILT_IN_ONLY = new BusinessKeyProperties(Map.of());
}
