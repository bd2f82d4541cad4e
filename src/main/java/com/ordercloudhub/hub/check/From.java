package com.ordercloudhub.hub.check;

import java.util.Optional;

/**
 * A route's {@code from} (or a bare top-level {@code from}).
 *
 * @param id its {@code id}, or null
 * @param at where the {@code from} key is
 * @param owner the route, as problems name it
 * @param routeId the route's id; null for a bare {@code from}, which has no route
 */
public record From(String id, Location at, YamlNode body, String owner, String routeId) {

  public String uri() {
    return body.text("uri");
  }

  /** The {@code direct:} name it consumes, if it consumes one. */
  public Optional<String> directName() {
    return Optional.ofNullable(Endpoints.directName(uri(), body.get("parameters")));
  }
}
