package com.ordercloudhub.hub.routecheck;

import com.ordercloudhub.hub.check.CheckContext;
import com.ordercloudhub.hub.check.From;
import com.ordercloudhub.hub.check.Id;
import com.ordercloudhub.hub.check.Location;
import com.ordercloudhub.hub.check.Problem;
import com.ordercloudhub.hub.check.RouteElement;
import com.ordercloudhub.hub.check.RouteModel;
import com.ordercloudhub.hub.check.RouteRule;
import com.ordercloudhub.hub.check.Step;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Ids are never generated (STYLE.md), so tests and Hawtio find every step: each route and
 * routeConfiguration has a kebab-case id; {@code from} and every step (through steps, when,
 * otherwise, doCatch, doFinally, onFallback, onException) have one; no {@code from} outside a
 * route; all ids are unique across files (Camel refuses duplicates).
 */
final class IdRule implements RouteRule {

  /** The only step whose schema has no {@code id}; every other step must carry one. */
  private static final Set<String> STEPS_WITHOUT_ID = Set.of("kamelet");

  @Override
  public List<Problem> check(RouteModel model, CheckContext context) {
    List<Problem> problems = new ArrayList<>();
    for (RouteElement element : model.elements()) {
      switch (element.kind()) {
        case "route", "routeConfiguration" -> requireId(element, problems);
        case "from" ->
            problems.add(
                Problem.at(
                    element.at(),
                    "a bare `from` gets a generated route id",
                    "wrap it in `- route:` with an `id`"));
        default -> {}
      }
    }
    for (From from : model.froms()) {
      if (from.id() == null) {
        problems.add(
            Problem.at(
                from.at(),
                "%s: `from` has no id".formatted(from.owner()),
                "add `id: %s-from`",
                from.routeId() == null ? "<route-id>" : from.routeId()));
      }
    }
    for (Step step : model.steps()) {
      if (step.id() == null && !STEPS_WITHOUT_ID.contains(step.eip())) {
        String hint =
            step.shorthand() ? " (shorthand form: write it as a map with `id` and `uri`)" : "";
        problems.add(
            Problem.at(
                step.at(),
                "%s: step `%s` has no id%s".formatted(step.owner(), step.eip(), hint),
                "add `id: %s-<what-it-does>`",
                step.routeId() == null ? "<route-id>" : step.routeId()));
      }
    }
    unique(model.ids(), problems);
    return problems;
  }

  private static void requireId(RouteElement element, List<Problem> problems) {
    String kind = element.kind();
    String id = element.id();
    if (id == null) {
      problems.add(
          Problem.at(
              element.at(),
              "%s has no id (ids are never generated: STYLE.md)".formatted(kind),
              "add `id: <system>-<verb>-<noun>` (a direct: route's id is its direct: name)"));
    } else if (!Spelling.KEBAB_CASE.matcher(id).matches()) {
      problems.add(
          Problem.at(
              element.at(),
              "%s id '%s' is not kebab-case (%s)"
                  .formatted(kind, id, Spelling.KEBAB_CASE.pattern()),
              "rename it, e.g. '%s'",
              Spelling.kebab(id)));
    }
  }

  private static void unique(List<Id> ids, List<Problem> problems) {
    Map<String, List<Location>> uses = new LinkedHashMap<>();
    ids.forEach(id -> uses.computeIfAbsent(id.value(), k -> new ArrayList<>()).add(id.at()));
    uses.forEach(
        (id, at) -> {
          if (at.size() > 1) {
            for (Location use : at) {
              List<String> others =
                  at.stream().filter(o -> o != use).map(Location::toString).toList();
              problems.add(
                  Problem.at(
                      use,
                      "id '%s' is not unique (Camel refuses duplicate ids): also at %s"
                          .formatted(id, String.join(", ", others)),
                      "rename one of them"));
            }
          }
        });
  }
}
