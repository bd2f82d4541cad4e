package com.ordercloudhub.hub.check;

/**
 * A name used somewhere in a route file: a placeholder, an endpoint uri, a bean, a {@code direct:}
 * target, a route configuration.
 *
 * @param owner who uses it, as problems name it ("route 'crm-upsert-order'", "route 'x': `to`")
 * @param routeId the id of the route (or other top-level element) it is in; null when it has none
 */
public record Reference(String name, Location at, String owner, String routeId) {}
