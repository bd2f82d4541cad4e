package com.ordercloudhub.hub.routecheck;

import com.ordercloudhub.hub.check.CheckContext;
import com.ordercloudhub.hub.check.Problem;
import com.ordercloudhub.hub.check.Reference;
import com.ordercloudhub.hub.check.RouteModel;
import com.ordercloudhub.hub.check.RouteRule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every file an endpoint names exists: {@code mapping:erp/x.jsonata} in {@code hub.mappings.dir},
 * {@code jsonata:file:mappings/x.jsonata} in the working directory, {@code sql:classpath:sql/x.sql}
 * on the class path (placeholders resolved first).
 */
final class ResourceRule implements RouteRule {

  static final String MAPPINGS_DIR = "hub.mappings.dir";

  /** Components whose endpoint names a resource: {@code jsonata:file:mappings/x.jsonata}. */
  private static final Set<String> RESOURCE_COMPONENTS =
      Set.of(
          "jsonata",
          "sql",
          "xslt",
          "xslt-saxon",
          "velocity",
          "freemarker",
          "mustache",
          "jolt",
          "json-validator",
          "validator",
          "language");

  /**
   * A resource an endpoint names.
   *
   * @param uri the endpoint's {@code uri}, where it is written
   * @param location {@code file:…} or {@code classpath:…}, placeholders resolved
   */
  record Resource(Reference uri, String location) {}

  @Override
  public List<Problem> check(RouteModel model, CheckContext context) {
    List<Problem> problems = new ArrayList<>();
    for (Reference uri : model.uris()) {
      if (uri.name().startsWith("jsonata:")) {
        // camel-jsonata is not on the hub's class path: such a route would not start
        problems.add(
            Problem.at(
                uri.at(),
                "%s: jsonata: is not a component of this hub".formatted(uri.owner()),
                "name the mapping as mapping:<folder>/<file>.jsonata, relative to %s (parsed once,"
                    + " numbers exact), e.g. mapping:erp/sales-order.jsonata",
                MAPPINGS_DIR));
      }
    }
    for (Resource resource : resources(model, context)) {
      Reference reference = resource.uri();
      String location = resource.location();
      String what = location.endsWith(".jsonata") ? "mapping" : "resource";
      if (location.startsWith("classpath:")) {
        String name = location.substring("classpath:".length()).replaceFirst("^/", "");
        if (ResourceRule.class.getClassLoader().getResource(name) == null) {
          problems.add(
              Problem.at(
                  reference.at(),
                  "%s: %s %s is not on the classpath".formatted(reference.owner(), what, location),
                  "correct the name, or add src/main/resources/%s",
                  name));
        }
        continue;
      }
      Path file = Path.of(location.substring("file:".length()));
      if (!Files.isRegularFile(file)) {
        Path folder = file.toAbsolutePath().getParent();
        String there =
            RouteFiles.walk(folder)
                .filter(p -> p.getParent().equals(folder))
                .map(p -> p.getFileName().toString())
                .collect(Collectors.joining(", "));
        problems.add(
            Problem.at(
                reference.at(),
                "%s: %s file %s does not exist".formatted(reference.owner(), what, file),
                "create it, or correct the name%s",
                there.isEmpty() ? "" : " (in that folder: " + there + ")"));
      }
    }
    return problems;
  }

  /**
   * The resources the endpoints name, in file order; one behind an undefined placeholder is left
   * out (reported as such).
   */
  static List<Resource> resources(RouteModel model, CheckContext context) {
    List<Resource> resources = new ArrayList<>();
    for (Reference uri : model.uris()) {
      named(uri.name(), context)
          .flatMap(context::resolve)
          .ifPresent(location -> resources.add(new Resource(uri, location)));
    }
    return resources;
  }

  /**
   * {@code jsonata:file:x.jsonata} → {@code file:x.jsonata}, {@code mapping:erp/x.jsonata} → {@code
   * file:<hub.mappings.dir>/erp/x.jsonata}; empty for other endpoints.
   */
  private static Optional<String> named(String uri, CheckContext context) {
    if (uri.startsWith("mapping:")) {
      String name = uri.substring("mapping:".length()).replaceFirst("^//", "").split("\\?", 2)[0];
      if (name.isEmpty() || name.contains("${")) {
        return Optional.empty();
      }
      return Optional.of("file:" + context.directory(MAPPINGS_DIR, "mappings").resolve(name));
    }
    int colon = uri.indexOf(':');
    if (colon < 0 || !RESOURCE_COMPONENTS.contains(uri.substring(0, colon))) {
      return Optional.empty();
    }
    String rest = uri.substring(colon + 1);
    if (uri.startsWith("language:")) {
      int next = rest.indexOf(':');
      rest = next < 0 ? "" : rest.substring(next + 1);
    }
    rest = rest.split("\\?", 2)[0];
    boolean names = rest.startsWith("file:") || rest.startsWith("classpath:");
    return names && !rest.contains("${") ? Optional.of(rest) : Optional.empty();
  }
}
