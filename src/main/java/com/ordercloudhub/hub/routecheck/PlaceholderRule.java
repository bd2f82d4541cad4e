package com.ordercloudhub.hub.routecheck;

import com.ordercloudhub.hub.check.CheckContext;
import com.ordercloudhub.hub.check.Problem;
import com.ordercloudhub.hub.check.Reference;
import com.ordercloudhub.hub.check.RouteModel;
import com.ordercloudhub.hub.check.RouteRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every {@code {{placeholder}}} is a key of the configuration's default document (a key only a
 * profile defines is not enough: the hub also runs without it), or has a default; one that reads
 * the environment directly has a default.
 */
final class PlaceholderRule implements RouteRule {

  /** Camel property functions: {@code {{env:NAME}}}, {@code {{sys:NAME}}}, … */
  private static final Pattern PROPERTY_FUNCTION =
      Pattern.compile("^(env|sys|bean|service|service\\.host|service\\.port|service\\.name):(.*)$");

  @Override
  public List<Problem> check(RouteModel model, CheckContext context) {
    List<Problem> problems = new ArrayList<>();
    for (Reference placeholder : model.placeholders()) {
      check(placeholder, context, problems);
    }
    return problems;
  }

  private static void check(Reference placeholder, CheckContext context, List<Problem> problems) {
    String key = placeholder.name().trim().replaceFirst("^[?!]", ""); // optional, negated
    String source = context.settings().source();
    Matcher function = PROPERTY_FUNCTION.matcher(key);
    if (function.matches()) {
      boolean environment = function.group(1).equals("env") || function.group(1).equals("sys");
      if (environment && !function.group(2).contains(":")) {
        problems.add(
            Problem.at(
                placeholder.at(),
                "%s: placeholder {{%s}} reads the environment and has no default"
                    .formatted(placeholder.owner(), placeholder.name()),
                "use a key of %s (which may read the variable), or write {{%s:default}}",
                source,
                placeholder.name()));
      }
      return; // bean:, service: … are not configuration keys
    }
    if (key.contains(":") || context.settings().value(key).isPresent()) {
      return; // {{key:default}}, or defined
    }
    Set<String> profiles = context.settings().profilesDefining(key);
    String where =
        profiles.isEmpty() ? "not defined in" : "defined only in profile " + profiles + " of";
    problems.add(
        Problem.at(
            placeholder.at(),
            "%s: placeholder {{%s}} is %s %s"
                .formatted(placeholder.owner(), placeholder.name(), where, source),
            "define %s in the first document of %s (commented), or write {{%1$s:default}}",
            key,
            source));
  }
}
