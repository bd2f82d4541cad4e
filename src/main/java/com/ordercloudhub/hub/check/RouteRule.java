package com.ordercloudhub.hub.check;

import java.util.List;

/**
 * One thing that must hold for the route files, checked over the whole parsed set. A rule is
 * stateless and independent of the others; the runner parses the files once and runs every rule.
 * Rules outside {@code routecheck} (a destination's) are registered in {@code
 * META-INF/services/com.ordercloudhub.hub.check.RouteRule}: a public class with a public
 * no-argument constructor.
 */
public interface RouteRule {

  /** Each problem as {@link Problem#at}: what is wrong, then the fix; empty when all is well. */
  List<Problem> check(RouteModel model, CheckContext context);
}
