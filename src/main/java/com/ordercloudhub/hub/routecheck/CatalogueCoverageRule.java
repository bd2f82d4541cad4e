package com.ordercloudhub.hub.routecheck;

import com.ordercloudhub.hub.check.CheckContext;
import com.ordercloudhub.hub.check.Location;
import com.ordercloudhub.hub.check.Problem;
import com.ordercloudhub.hub.check.RouteElement;
import com.ordercloudhub.hub.check.RouteModel;
import com.ordercloudhub.hub.check.RouteRule;
import com.ordercloudhub.hub.check.Step;
import com.ordercloudhub.hub.check.YamlNode;
import com.ordercloudhub.hub.delivery.EventPlanner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every event type of the catalogue has its routing route ({@code event-<type>}) or is listed in
 * {@code hub.events.unrouted}, the decision to leave it unrouted. The catch-all's {@code
 * event-catch-all-known} tests that same setting, so the check and the route read one list.
 * Problems about the list are reported where the catch-all uses it.
 */
final class CatalogueCoverageRule implements RouteRule {

  static final String UNROUTED = "hub.events.unrouted";
  static final String CATCH_ALL = "event-catch-all";
  static final String CATCH_ALL_KNOWN = "event-catch-all-known";
  private static final String EXPRESSION = "${header.hubEventType} in '{{" + UNROUTED + "}}'";

  @Override
  public List<Problem> check(RouteModel model, CheckContext context) {
    List<Problem> problems = new ArrayList<>();
    String source = context.settings().source();
    Location where = Location.start(Path.of(source));
    for (RouteElement element : model.elements()) {
      if (element.isRoute() && CATCH_ALL.equals(element.id())) {
        where = element.at();
      }
    }
    for (Step step : model.steps()) {
      if (step.eip().equals("when") && CATCH_ALL_KNOWN.equals(step.id())) {
        YamlNode simple = step.body().get("simple");
        if (simple != null && simple.get("expression") != null) {
          simple = simple.get("expression");
        }
        where = simple == null ? step.at() : simple.at();
        if (!(simple instanceof YamlNode.Scalar s && s.value().contains("{{" + UNROUTED + "}}"))) {
          problems.add(
              Problem.at(
                  where,
                  "`when` %s does not test %s".formatted(CATCH_ALL_KNOWN, UNROUTED),
                  "write it as simple: \"%s\" (the list lives in %s)",
                  EXPRESSION,
                  source));
        }
      }
    }
    Set<String> listed = listed(context, where, problems);
    if (context.eventTypes().isEmpty()) {
      return problems;
    }
    Set<String> routeIds = model.routeIds();
    for (String type : new TreeSet<>(context.eventTypes())) {
      String routeId = EventPlanner.routeIdFor(type);
      boolean routed = routeIds.contains(routeId);
      boolean known = listed.contains(type);
      if (routed && known) {
        problems.add(
            Problem.at(
                where,
                "event type %s is listed as knowingly unrouted, but route %s routes it"
                    .formatted(type, routeId),
                "remove %s from %s in %s",
                type,
                UNROUTED,
                source));
      } else if (!routed && !known) {
        String file = routeId.substring("event-".length()) + ".camel.yaml";
        problems.add(
            Problem.at(
                where,
                "event type %s has no routing route (%s) and is not in the catch-all's list of knowingly unrouted types"
                    .formatted(type, routeId),
                "add routes/events/%s with route id %s, or add %s to %s in %s",
                file,
                routeId,
                type,
                UNROUTED,
                source));
      }
    }
    for (String type : listed) {
      if (!context.eventTypes().contains(type)) {
        problems.add(
            Problem.at(
                where,
                "the catch-all lists %s, which is no event type of the catalogue".formatted(type),
                "correct the spelling%s, or remove it from %s",
                Spelling.closest(type, context.eventTypes())
                    .map(c -> " (did you mean " + c + "?)")
                    .orElse(""),
                UNROUTED));
      }
    }
    return problems;
  }

  /**
   * The types in {@code hub.events.unrouted}, as the catch-all's {@code in} reads them: one
   * comma-separated value (a placeholder cannot read a YAML list), no spaces.
   */
  private static Set<String> listed(CheckContext context, Location where, List<Problem> problems) {
    String source = context.settings().source();
    Set<String> types = new LinkedHashSet<>();
    String value = context.settings().value(UNROUTED).orElse(null);
    if (value == null) {
      if (context.settings().value(UNROUTED + "[0]").isPresent()) {
        problems.add(
            Problem.at(
                where,
                "%s in %s is a YAML list: the catch-all's {{%1$s}} reads one value"
                    .formatted(UNROUTED, source),
                "write it on one line, comma-separated: unrouted: type.one,type.two"));
      }
      return types;
    }
    for (String type : value.split(",")) {
      if (!type.equals(type.strip())) {
        problems.add(
            Problem.at(
                where,
                "%s lists '%s' with a space: the catch-all's `in` compares the space too"
                    .formatted(UNROUTED, type),
                "write the list without spaces in %s: type.one,type.two",
                source));
      }
      if (!type.isBlank()) {
        types.add(type.strip());
      }
    }
    return types;
  }
}
