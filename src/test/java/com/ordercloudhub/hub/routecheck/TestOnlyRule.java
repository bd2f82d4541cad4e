package com.ordercloudhub.hub.routecheck;

import com.ordercloudhub.hub.check.CheckContext;
import com.ordercloudhub.hub.check.Problem;
import com.ordercloudhub.hub.check.RouteModel;
import com.ordercloudhub.hub.check.RouteRule;
import java.util.List;

/**
 * A rule only the tests register (src/test/resources/META-INF/services), as a destination package
 * registers its own: it flags routes whose id starts with {@code test-only-flagged}, which no real
 * route has. Public with a public constructor, as ServiceLoader needs.
 */
public final class TestOnlyRule implements RouteRule {

  @Override
  public List<Problem> check(RouteModel model, CheckContext context) {
    return model.elements().stream()
        .filter(e -> e.isRoute() && e.id() != null && e.id().startsWith("test-only-flagged"))
        .map(e -> Problem.at(e.at(), "route '%s' is flagged".formatted(e.id()), "test rule"))
        .toList();
  }
}
