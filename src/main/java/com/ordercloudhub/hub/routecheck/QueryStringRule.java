package com.ordercloudhub.hub.routecheck;

import com.ordercloudhub.hub.check.CheckContext;
import com.ordercloudhub.hub.check.Location;
import com.ordercloudhub.hub.check.Problem;
import com.ordercloudhub.hub.check.Reference;
import com.ordercloudhub.hub.check.RouteModel;
import com.ordercloudhub.hub.check.RouteRule;
import com.ordercloudhub.hub.check.Step;
import java.util.ArrayList;
import java.util.List;

/**
 * Endpoints are written as {@code uri} + {@code parameters}, never with a query string, so Kaoto
 * and the Camel tools show each option (and a diff shows which one changed).
 */
final class QueryStringRule implements RouteRule {

  @Override
  public List<Problem> check(RouteModel model, CheckContext context) {
    List<Problem> problems = new ArrayList<>();
    for (Step step : model.steps()) {
      if (step.sends() && step.shorthand() && step.uri().contains("?")) {
        problems.add(problem(step.at(), step.owner(), step.uri()));
      }
    }
    for (Reference uri : model.uris()) {
      if (uri.name().contains("?")) {
        problems.add(problem(uri.at(), uri.owner(), uri.name()));
      }
    }
    return problems;
  }

  private static Problem problem(Location at, String owner, String uri) {
    return Problem.at(
        at,
        "%s: uri '%s' has a query string".formatted(owner, uri),
        "write `uri` + `parameters` (each option a key under `parameters`)");
  }
}
