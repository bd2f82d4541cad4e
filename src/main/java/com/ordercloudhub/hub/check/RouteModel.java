package com.ordercloudhub.hub.check;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A set of route files parsed once, as every rule sees them: the files, their top-level elements,
 * and across them the ids, steps, endpoint uris and placeholders, each with its location.
 * Immutable.
 *
 * @param files the route files, in the order given (sorted by the runner)
 * @param strayFiles other YAML files found beside them, which Camel would not load
 */
public record RouteModel(List<RouteFile> files, List<Path> strayFiles) {

  public RouteModel {
    files = List.copyOf(files);
    strayFiles = List.copyOf(strayFiles);
  }

  /** Parses each file (snakeyaml-engine, as camel-yaml-dsl reads it). */
  public static RouteModel read(List<Path> routeFiles, List<Path> strayFiles) {
    return new RouteModel(routeFiles.stream().map(RouteFileReader::read).toList(), strayFiles);
  }

  /** Every top-level element of every file, in order. */
  public List<RouteElement> elements() {
    return files.stream().flatMap(f -> f.elements().stream()).toList();
  }

  /** The element with this kind and id, if there is one. */
  public Optional<RouteElement> element(String kind, String id) {
    return elements().stream().filter(e -> e.kind().equals(kind) && id.equals(e.id())).findFirst();
  }

  public List<From> froms() {
    return elements().stream().flatMap(e -> e.from().stream()).toList();
  }

  public List<Step> steps() {
    return each(RouteElement::steps);
  }

  /** Every {@code id:}, in file order. */
  public List<Id> ids() {
    return each(RouteElement::ids);
  }

  public List<Reference> placeholders() {
    return each(RouteElement::placeholders);
  }

  public List<Reference> uris() {
    return each(RouteElement::uris);
  }

  public List<Reference> beans() {
    return each(RouteElement::beans);
  }

  public List<Reference> routeConfigurationReferences() {
    return each(RouteElement::routeConfigurations);
  }

  /** Every fixed {@code direct:} name a {@code to}, {@code toD} or {@code wireTap} sends to. */
  public List<Reference> directTargets() {
    return steps().stream().flatMap(s -> s.directTarget().stream()).toList();
  }

  /** The {@code direct:} names some {@code from} consumes, sorted. */
  public Set<String> directConsumers() {
    Set<String> names = new TreeSet<>();
    froms().forEach(from -> from.directName().ifPresent(names::add));
    return names;
  }

  /** The ids of the routes, sorted. */
  public Set<String> routeIds() {
    return idsOf("route");
  }

  /** The ids of the route configurations, sorted. */
  public Set<String> routeConfigurationIds() {
    return idsOf("routeConfiguration");
  }

  private Set<String> idsOf(String kind) {
    Set<String> ids = new TreeSet<>();
    elements().stream()
        .filter(e -> e.kind().equals(kind) && e.id() != null)
        .forEach(e -> ids.add(e.id()));
    return ids;
  }

  private <T> List<T> each(Function<RouteElement, List<T>> part) {
    return elements().stream().flatMap(e -> part.apply(e).stream()).toList();
  }
}
