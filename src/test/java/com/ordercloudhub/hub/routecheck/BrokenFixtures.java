package com.ordercloudhub.hub.routecheck;

import com.ordercloudhub.hub.check.CheckContext;
import com.ordercloudhub.hub.check.Problem;
import com.ordercloudhub.hub.check.RouteModel;
import com.ordercloudhub.hub.check.RouteRule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * One rule run alone over fixtures of {@code conventions/broken/} (or {@code valid/}), checked
 * against the fixtures' application.yaml and beans: what each rule test starts from.
 */
final class BrokenFixtures {

  static final Path FIXTURES = Path.of("src/test/resources/conventions");
  static final Path BROKEN = FIXTURES.resolve("broken");
  static final Path VALID = FIXTURES.resolve("valid");
  static final Path APPLICATION_YAML = FIXTURES.resolve("application.yaml");

  /** The catalogue the broken fixtures are checked against (see broken/catch-all.camel.yaml). */
  static final Set<String> EVENT_TYPES = Set.of("order.shipped", "payment.created");

  private BrokenFixtures() {}

  static CheckContext context(Set<String> eventTypes) {
    try {
      Set<String> beans = JavaBeanNames.in(FIXTURES.resolve("beans"));
      return new CheckContext(
          new ApplicationYamlSettings(APPLICATION_YAML), beans::contains, eventTypes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The problems {@code rule} finds in these files of broken/, as {@code file:line: …} lines. */
  static List<String> check(RouteRule rule, String... files) {
    List<Path> paths = Arrays.stream(files).map(BROKEN::resolve).toList();
    return lines(rule.check(RouteModel.read(paths, List.of()), context(EVENT_TYPES)));
  }

  /** The problems {@code rule} finds in valid/ (coverage not checked, as in RouteCheckTest). */
  static List<String> checkValid(RouteRule rule) {
    return lines(
        rule.check(RouteModel.read(RouteCheck.routeFiles(VALID), List.of()), context(Set.of())));
  }

  static String at(String file, int line) {
    return BROKEN.resolve(file) + ":" + line + ": ";
  }

  private static List<String> lines(List<Problem> problems) {
    return problems.stream().map(Problem::toString).toList();
  }
}
