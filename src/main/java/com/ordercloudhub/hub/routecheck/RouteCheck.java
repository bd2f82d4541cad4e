package com.ordercloudhub.hub.routecheck;

import com.ordercloudhub.hub.check.CheckContext;
import com.ordercloudhub.hub.check.CheckedSettings;
import com.ordercloudhub.hub.check.Problem;
import com.ordercloudhub.hub.check.RouteModel;
import com.ordercloudhub.hub.check.RouteRule;
import com.ordercloudhub.hub.event.EventCatalogue;
import com.ordercloudhub.hub.event.MessageTypes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The route check: what must hold for the YAML route files before the hub uses them, as problems
 * rather than exceptions, so the build ({@link RouteCheckCommand}, the tests) and the running hub
 * (live reload refuses a file that fails) go through the same code. The files are parsed once into
 * a {@link RouteModel}; each rule then checks one thing over the whole set:
 *
 * <ul>
 *   <li>{@link FileNameRule}: kebab-case {@code *.camel.yaml} names, matched by {@code
 *       camel.main.routes-include-pattern};
 *   <li>{@link SchemaRule}: each file parses as YAML (one document, no duplicate keys) and
 *       validates against the Camel YAML DSL schema;
 *   <li>{@link IdRule}: every route, {@code from} and step has a kebab-case id, unique across
 *       files;
 *   <li>{@link DirectLinkRule}: {@code direct:} names, their consumers, route configurations;
 *   <li>{@link QueryStringRule}: endpoints as {@code uri} + {@code parameters};
 *   <li>{@link BeanReferenceRule}: every bean reference names a Spring bean, no YAML {@code
 *       beans:};
 *   <li>{@link PlaceholderRule}: every {@code {{placeholder}}} is defined or has a default;
 *   <li>{@link ResourceRule} and {@link MappingRule}: named resources exist, mappings parse;
 *   <li>{@link CatalogueCoverageRule}: every event type is routed or listed in {@code
 *       hub.events.unrouted};
 *   <li>the rules other packages register in {@code META-INF/services} (the email templates a
 *       routing decision implies: {@code destination.email}).
 * </ul>
 *
 * Each problem reads {@code path:line: problem — fix}.
 */
public final class RouteCheck {

  private static final List<RouteRule> CORE =
      List.of(
          new FileNameRule(),
          new SchemaRule(),
          new IdRule(),
          new DirectLinkRule(),
          new QueryStringRule(),
          new BeanReferenceRule(),
          new PlaceholderRule(),
          new ResourceRule(),
          new MappingRule(),
          new CatalogueCoverageRule());

  /**
   * What the checks compare against.
   *
   * @param settings configuration keys and route patterns
   * @param beans whether a name is a Spring bean of the hub
   * @param eventTypes every event type the hub can classify; empty: coverage is not checked
   */
  public record Inputs(CheckedSettings settings, Predicate<String> beans, Set<String> eventTypes) {

    CheckContext context() {
      return new CheckContext(settings, beans, eventTypes);
    }
  }

  private RouteCheck() {}

  /**
   * Checks every {@code *.camel.yaml} below {@code routesDir} (and reports other YAML files there,
   * which Camel would not load): the build's view of {@code routes/}.
   *
   * @return problems, sorted by file and line; empty when all is well
   */
  public static List<Problem> checkFolder(Path routesDir, Inputs inputs) {
    List<Path> strays =
        RouteFiles.walk(routesDir)
            .filter(
                p -> p.toString().matches(".*\\.ya?ml$") && !p.toString().endsWith(".camel.yaml"))
            .toList();
    return run(RouteModel.read(routeFiles(routesDir), strays), inputs.context());
  }

  /** Checks exactly these route files: the running hub's view (what its patterns load). */
  public static List<Problem> checkFiles(List<Path> files, Inputs inputs) {
    return run(RouteModel.read(files, List.of()), inputs.context());
  }

  /** {@link #checkFolder} as {@code file:line: problem — fix} lines. */
  public static List<String> check(Path routesDir, Inputs inputs) {
    return checkFolder(routesDir, inputs).stream().map(Problem::toString).toList();
  }

  /** Every event type the hub can classify: the catalogue's, messages', unclassified. */
  public static Set<String> eventTypes(EventCatalogue catalogue) {
    Set<String> types = new TreeSet<>(catalogue.eventTypes());
    MessageTypes.ALL.forEach(type -> types.add(MessageTypes.eventType(type)));
    types.add(EventCatalogue.UNCLASSIFIED);
    return types;
  }

  /** Every {@code *.camel.yaml} below {@code routesDir}, sorted. */
  public static List<Path> routeFiles(Path routesDir) {
    return RouteFiles.walk(routesDir)
        .filter(p -> p.getFileName().toString().endsWith(".camel.yaml"))
        .toList();
  }

  /** The core rules, then those other packages register. */
  static List<RouteRule> rules() {
    List<RouteRule> rules = new ArrayList<>(CORE);
    rules.addAll(Registered.RULES);
    return rules;
  }

  private static List<Problem> run(RouteModel model, CheckContext context) {
    List<Problem> problems = new ArrayList<>();
    for (RouteRule rule : rules()) {
      problems.addAll(rule.check(model, context));
    }
    return problems.stream()
        .sorted(
            Comparator.comparing((Problem p) -> p.file().toString())
                .thenComparingInt(Problem::line)
                .thenComparing(Problem::message))
        .toList();
  }

  /** Found once: the class path does not change while the hub runs. */
  private static final class Registered {
    static final List<RouteRule> RULES =
        ServiceLoader.load(RouteRule.class, RouteRule.class.getClassLoader()).stream()
            .map(ServiceLoader.Provider::get)
            .toList();
  }
}
