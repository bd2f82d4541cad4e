package com.ordercloudhub.hub.reload;

import com.ordercloudhub.hub.check.Problem;
import com.ordercloudhub.hub.delivery.RoutesLock;
import com.ordercloudhub.hub.event.EventCatalogue;
import com.ordercloudhub.hub.routecheck.RouteCheck;
import com.ordercloudhub.hub.routecheck.RouteFiles;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Live reload of route files ({@code hub.reload.enabled}, on in the dev profile). Watches the
 * folders of {@code camel.main.routes-include-pattern}; when files there change, runs the route
 * check over every route file the patterns load, and then either
 *
 * <ul>
 *   <li>refuses the change with one WARN line ({@code file:line: problem — fix}) when the check
 *       finds a problem in a changed file, or a new one elsewhere (a direct: target it removed,
 *       say): the running routes stay as they were; or
 *   <li>replaces the routes of the changed files (a removed route is removed, a new one added).
 *       Each replaced route stops gracefully first, so its in-flight exchanges finish; routing
 *       decisions wait for the replacement ({@link RoutesLock}), so no event is planned by a
 *       half-loaded set. A change to a file with route configurations reloads every route file, so
 *       each route is built with the new configuration.
 * </ul>
 *
 * Counted in {@code hub_route_reloads_total{outcome=applied|refused|failed}}.
 */
@Component
@ConditionalOnProperty(prefix = "hub.reload", name = "enabled", havingValue = "true")
class RouteReloader implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(RouteReloader.class);

  private final CamelContext camel;
  private final EnvironmentSettings settings;
  private final ApplicationContext context;
  private final EventCatalogue catalogue;
  private final RoutesLock lock;
  private final ReloadProperties properties;
  private final MeterRegistry meters;

  /** Problems the running set already had: only new ones, or a changed file's, refuse a change. */
  private Set<String> known = Set.of();

  /** The content each file had when it was last loaded, to put back when a load fails. */
  private final Map<Path, String> loaded = new HashMap<>();

  private WatchService watcher;
  private Thread thread;

  RouteReloader(
      CamelContext camel,
      Environment environment,
      ApplicationContext context,
      EventCatalogue catalogue,
      RoutesLock lock,
      ReloadProperties properties,
      MeterRegistry meters) {
    this.camel = camel;
    this.settings = new EnvironmentSettings(environment);
    this.context = context;
    this.catalogue = catalogue;
    this.lock = lock;
    this.properties = properties;
    this.meters = meters;
  }

  @EventListener(ApplicationReadyEvent.class)
  void start() throws IOException {
    List<String> patterns = settings.routePatterns();
    watcher = FileSystems.getDefault().newWatchService();
    for (Path folder : RouteFiles.folders(patterns)) {
      if (Files.isDirectory(folder)) {
        folder.register(
            watcher,
            StandardWatchEventKinds.ENTRY_CREATE,
            StandardWatchEventKinds.ENTRY_MODIFY,
            StandardWatchEventKinds.ENTRY_DELETE);
      }
    }
    for (Path file : RouteFiles.matching(patterns)) {
      loaded.put(absolute(file), Files.readString(file));
    }
    known = strings(check());
    thread = new Thread(this::watch, "route-reload");
    thread.setDaemon(true);
    thread.start();
    log.info(
        "Live route reload on: watching {} (a changed route file is checked, then applied or refused)",
        RouteFiles.folders(patterns));
  }

  @Override
  public void destroy() throws IOException {
    if (watcher != null) {
      watcher.close();
    }
  }

  private void watch() {
    Set<Path> pending = new LinkedHashSet<>();
    try {
      while (!Thread.currentThread().isInterrupted()) {
        WatchKey key = watcher.poll(properties.quietPeriod().toMillis(), TimeUnit.MILLISECONDS);
        if (key != null) {
          Path folder = (Path) key.watchable();
          for (WatchEvent<?> event : key.pollEvents()) {
            if (event.context() instanceof Path name) {
              pending.add(folder.resolve(name).toAbsolutePath().normalize());
            }
          }
          key.reset();
        } else if (!pending.isEmpty()) {
          Set<Path> changed = new TreeSet<>(pending);
          pending.clear();
          try {
            changed(changed);
          } catch (RuntimeException e) {
            log.error("Route reload failed: {}", e.toString(), e);
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ClosedWatchServiceException e) {
      // stopping
    }
  }

  /** A batch of changed paths (created, modified or deleted). */
  void changed(Set<Path> paths) {
    List<String> patterns = settings.routePatterns();
    Set<Path> files =
        paths.stream()
            .filter(p -> loaded.containsKey(p) || RouteFiles.matchedBy(patterns, p))
            .collect(Collectors.toCollection(TreeSet::new));
    if (files.isEmpty()) {
      return;
    }
    List<Problem> problems = check();
    List<String> refusing =
        problems.stream()
            .filter(p -> files.contains(absolute(p.file())) || !known.contains(p.toString()))
            .map(Problem::toString)
            .toList();
    known = strings(problems);
    String names = files.stream().map(this::shown).collect(Collectors.joining(", "));
    if (!refusing.isEmpty()) {
      meters.counter("hub_route_reloads_total", "outcome", "refused").increment();
      log.warn(
          "Refused {}, the running routes stay as they were: {}",
          names,
          String.join("; ", refusing));
      return;
    }
    lock.update(() -> apply(files, names));
  }

  private void apply(Set<Path> files, String names) {
    Map<Path, Set<String>> before = routesByFile();
    Set<Path> reload = new TreeSet<>();
    for (Path file : files) {
      if (Files.isRegularFile(file)) {
        reload.add(file);
      }
    }
    if (definesRouteConfigurations(files)) {
      reload.addAll(before.keySet()); // every route is built again with the new configurations
      reload.removeIf(p -> !Files.isRegularFile(p));
    }
    Set<String> old = new HashSet<>();
    files.forEach(f -> old.addAll(before.getOrDefault(f, Set.of())));
    if (reload.isEmpty() && old.isEmpty()) {
      return; // a file that was never loaded went away (a refused one, say): nothing runs from it
    }
    Map<Path, String> contents = new HashMap<>();
    try {
      for (Path file : reload) {
        contents.put(file, Files.readString(file));
      }
      Set<String> ids = update(contents);
      removeAll(old, ids);
      loaded.putAll(contents);
      files.stream().filter(f -> !Files.exists(f)).forEach(loaded::remove);
      meters.counter("hub_route_reloads_total", "outcome", "applied").increment();
      log.info("Reloaded {}: routes {}", names, ids.isEmpty() ? "none" : ids);
    } catch (Exception e) {
      meters.counter("hub_route_reloads_total", "outcome", "failed").increment();
      log.warn(
          "Refused {}: Camel could not load it ({}); putting back the routes as they were",
          names,
          e.getMessage() == null ? e.toString() : e.getMessage().replaceAll("\\s+", " "));
      restore(reload);
    }
  }

  /** Loads these contents as the files they came from; returns the route ids they hold. */
  private Set<String> update(Map<Path, String> contents) throws Exception {
    List<Resource> resources = new ArrayList<>();
    contents.forEach(
        (file, text) -> resources.add(ResourceHelper.fromString("file:" + shown(file), text)));
    return PluginHelper.getRoutesLoader(camel).updateRoutes(resources);
  }

  private void restore(Set<Path> files) {
    Map<Path, String> previous = new HashMap<>();
    files.stream().filter(loaded::containsKey).forEach(f -> previous.put(f, loaded.get(f)));
    try {
      update(previous);
    } catch (Exception e) {
      log.error("Could not put back the routes of {}: {}", previous.keySet(), e.toString());
    }
  }

  private void removeAll(Set<String> old, Set<String> kept) throws Exception {
    for (String id : old) {
      if (!kept.contains(id) && camel.getRoute(id) != null) {
        camel.getRouteController().stopRoute(id); // graceful: in-flight exchanges finish
        camel.removeRoute(id);
      }
    }
  }

  private boolean definesRouteConfigurations(Set<Path> files) {
    return files.stream()
            .filter(Files::isRegularFile)
            .anyMatch(f -> read(f).lines().anyMatch(l -> l.matches("^-\\s*routeConfiguration:.*")))
        || files.stream()
            .map(loaded::get)
            .anyMatch(
                t ->
                    t != null && t.lines().anyMatch(l -> l.matches("^-\\s*routeConfiguration:.*")));
  }

  private Map<Path, Set<String>> routesByFile() {
    Map<Path, Set<String>> routes = new HashMap<>();
    for (Route route : camel.getRoutes()) {
      Resource source = route.getSourceResource();
      if (source != null && source.getLocation().startsWith("file:")) {
        Path file = absolute(Path.of(source.getLocation().substring("file:".length())));
        routes.computeIfAbsent(file, f -> new TreeSet<>()).add(route.getRouteId());
      }
    }
    return routes;
  }

  private List<Problem> check() {
    RouteCheck.Inputs inputs =
        new RouteCheck.Inputs(settings, context::containsBean, RouteCheck.eventTypes(catalogue));
    return RouteCheck.checkFiles(RouteFiles.matching(settings.routePatterns()), inputs);
  }

  private static Set<String> strings(List<Problem> problems) {
    return problems.stream().map(Problem::toString).collect(Collectors.toSet());
  }

  /** As the patterns name it: relative to the working directory when it is below it. */
  private String shown(Path file) {
    Path cwd = Path.of("").toAbsolutePath();
    return file.startsWith(cwd) ? cwd.relativize(file).toString() : file.toString();
  }

  private static Path absolute(Path file) {
    return file.toAbsolutePath().normalize();
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
