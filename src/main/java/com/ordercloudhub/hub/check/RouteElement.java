package com.ordercloudhub.hub.check;

import java.util.List;
import java.util.Optional;

/**
 * One top-level entry of a route file: {@code - route:}, {@code - routeConfiguration:}, {@code -
 * beans:}, a bare {@code - from:}, a top-level EIP ({@code - onException:}), or anything else.
 *
 * @param kind its key ({@code route}, {@code routeConfiguration}, …)
 * @param id its {@code id}, or null
 * @param at where its key is
 * @param from a route's {@code from}, or the bare {@code from} itself
 * @param steps every step in it, at any depth, in file order
 * @param routeConfigurations the route configurations a route names ({@code routeConfigurationId},
 *     split at commas, wildcards left out)
 * @param ids every {@code id:} of the element, its {@code from} and its steps, in file order
 * @param placeholders every {@code {{…}}} in a value anywhere below it
 * @param uris every {@code uri:} value anywhere below it
 * @param beans every bean it names: {@code bean}/{@code process} steps, {@code method} refs
 */
public record RouteElement(
    String kind,
    String id,
    Location at,
    YamlNode body,
    Optional<From> from,
    List<Step> steps,
    List<Reference> routeConfigurations,
    List<Id> ids,
    List<Reference> placeholders,
    List<Reference> uris,
    List<Reference> beans) {

  public RouteElement {
    steps = List.copyOf(steps);
    routeConfigurations = List.copyOf(routeConfigurations);
    ids = List.copyOf(ids);
    placeholders = List.copyOf(placeholders);
    uris = List.copyOf(uris);
    beans = List.copyOf(beans);
  }

  /** As problems name it: "route 'crm-upsert-order'", "route without id". */
  public String owner() {
    return owner(kind, id);
  }

  static String owner(String kind, String id) {
    return id == null ? kind + " without id" : kind + " '" + id + "'";
  }

  public boolean isRoute() {
    return kind.equals("route");
  }
}
