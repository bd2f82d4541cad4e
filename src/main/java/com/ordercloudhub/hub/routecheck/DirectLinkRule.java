package com.ordercloudhub.hub.routecheck;

import com.ordercloudhub.hub.check.CheckContext;
import com.ordercloudhub.hub.check.From;
import com.ordercloudhub.hub.check.Problem;
import com.ordercloudhub.hub.check.Reference;
import com.ordercloudhub.hub.check.RouteModel;
import com.ordercloudhub.hub.check.RouteRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What links routes: a route consuming {@code direct:x} has id {@code x} (STYLE.md); every {@code
 * direct:} target of to/toD/wireTap has a consumer; every routeConfigurationId names a
 * routeConfiguration.
 */
final class DirectLinkRule implements RouteRule {

  @Override
  public List<Problem> check(RouteModel model, CheckContext context) {
    List<Problem> problems = new ArrayList<>();
    for (From from : model.froms()) {
      String direct = from.directName().orElse(null);
      if (direct != null && from.routeId() != null && !direct.equals(from.routeId())) {
        problems.add(
            Problem.at(
                from.at(),
                "%s consumes direct:%s: its id must be '%s' (STYLE.md)"
                    .formatted(from.owner(), direct, direct),
                "rename the route to '%s' or the endpoint to direct:%s",
                direct,
                from.routeId()));
      }
    }
    Set<String> consumers = model.directConsumers();
    for (Reference target : model.directTargets()) {
      if (!consumers.contains(target.name())) {
        problems.add(
            Problem.at(
                target.at(),
                "%s sends to direct:%s, which no route consumes"
                    .formatted(target.owner(), target.name()),
                "correct the name%s, or add a route with id %s consuming direct:%2$s",
                Spelling.closest(target.name(), consumers)
                    .map(c -> " (did you mean direct:" + c + "?)")
                    .orElse(""),
                target.name()));
      }
    }
    Set<String> configurations = model.routeConfigurationIds();
    for (Reference ref : model.routeConfigurationReferences()) {
      if (!configurations.contains(ref.name())) {
        problems.add(
            Problem.at(
                ref.at(),
                "%s: routeConfigurationId '%s' names no routeConfiguration"
                    .formatted(ref.owner(), ref.name()),
                configurations.isEmpty()
                    ? "correct the name, or add a routeConfiguration with that id"
                    : "use one of: %s",
                String.join(", ", configurations)));
      }
    }
    return problems;
  }
}
