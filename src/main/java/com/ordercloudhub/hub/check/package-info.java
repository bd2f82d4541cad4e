/**
 * What a route check is, apart from any rule: the route files parsed once into an immutable model
 * with locations ({@link RouteModel}: files, their routes, steps, ids, endpoint uris and
 * placeholders, each with file, line and column), the {@link Problem} a rule reports, and the
 * {@link RouteRule} SPI. The rules live with what they check: the core ones in {@code routecheck},
 * a destination's in its own package (found with {@link java.util.ServiceLoader}, so the build's
 * command line, which has no Spring, runs them too).
 */
package com.ordercloudhub.hub.check;
