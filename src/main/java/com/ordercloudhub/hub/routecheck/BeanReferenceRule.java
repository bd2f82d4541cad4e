package com.ordercloudhub.hub.routecheck;

import com.ordercloudhub.hub.check.CheckContext;
import com.ordercloudhub.hub.check.Problem;
import com.ordercloudhub.hub.check.Reference;
import com.ordercloudhub.hub.check.RouteElement;
import com.ordercloudhub.hub.check.RouteModel;
import com.ordercloudhub.hub.check.RouteRule;
import java.util.ArrayList;
import java.util.List;

/**
 * Logic lives in Java beans: every {@code bean}/{@code process} step and {@code method} ref names a
 * Spring bean of the hub, and no route file declares {@code beans:} (wiring lives in Java).
 */
final class BeanReferenceRule implements RouteRule {

  @Override
  public List<Problem> check(RouteModel model, CheckContext context) {
    List<Problem> problems = new ArrayList<>();
    for (RouteElement element : model.elements()) {
      if (element.kind().equals("beans")) {
        problems.add(
            Problem.at(
                element.at(),
                "`beans:` in YAML: wiring lives in Java @Configuration (STYLE.md)",
                "declare the bean in a Java @Configuration class and call it by name"));
      }
    }
    for (Reference ref : model.beans()) {
      if (!context.beans().test(ref.name())) {
        problems.add(
            Problem.at(
                ref.at(),
                "%s '%s' names no Spring bean".formatted(ref.owner(), ref.name()),
                "correct the name, or add a @Component(\"%s\") with the method",
                ref.name()));
      }
    }
    return problems;
  }
}
