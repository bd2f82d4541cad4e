package com.ordercloudhub.hub.impact;

import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.ordercloudhub.hub.check.CheckedSettings;
import com.ordercloudhub.hub.check.Problem;
import com.ordercloudhub.hub.dryrun.Simulation;
import com.ordercloudhub.hub.dryrun.Simulator;
import com.ordercloudhub.hub.event.EventCatalogue;
import com.ordercloudhub.hub.event.EventKind;
import com.ordercloudhub.hub.event.EventPage;
import com.ordercloudhub.hub.event.EventQuery;
import com.ordercloudhub.hub.event.EventStore;
import com.ordercloudhub.hub.event.EventSummary;
import com.ordercloudhub.hub.event.StoredEvent;
import com.ordercloudhub.hub.routecheck.RouteCheck;
import com.ordercloudhub.hub.routecheck.RouteFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Semaphore;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.stereotype.Component;
import org.springframework.util.ClassUtils;

/**
 * Runs a change-impact comparison: the proposed files are checked, laid over a copy of the working
 * tree, and an inert hub ({@link InertHub}) started on it; each stored event of the window is read
 * once and dry-run by this hub's {@link Simulator} (today's configuration) and by the inert hub's
 * (the proposed one), the two compared ({@link Comparison}). One run at a time, at most {@code
 * hub.impact.max-events} events, within {@code hub.impact.time-limit}.
 */
@Component
public class ImpactRunner {

  private static final Logger log = LoggerFactory.getLogger(ImpactRunner.class);

  /** Events read from the store per query. */
  static final int PAGE = 200;

  /** Failures listed at most. */
  static final int MAX_FAILURES = 20;

  private final Simulator simulator;
  private final EventStore events;
  private final ConfigurableEnvironment environment;
  private final DataSource database;
  private final ApplicationContext context;
  private final EventCatalogue catalogue;
  private final ImpactProperties properties;
  private final Comparison comparison;
  private final Clock clock;
  private final Semaphore oneAtATime = new Semaphore(1);

  ImpactRunner(
      Simulator simulator,
      EventStore events,
      ConfigurableEnvironment environment,
      DataSource database,
      ApplicationContext context,
      EventCatalogue catalogue,
      ImpactProperties properties,
      ObjectMapper mapper,
      Clock clock) {
    this.simulator = simulator;
    this.events = events;
    this.environment = environment;
    this.database = database;
    this.context = context;
    this.catalogue = catalogue;
    this.properties = properties;
    this.comparison = new Comparison(mapper);
    this.clock = clock;
  }

  /**
   * Which stored events: the event list's filters (received at, type or prefix, kind).
   *
   * @param maxEvents a smaller cap for this run (a sample), or null: {@code hub.impact.max-events}
   */
  public record Window(
      OffsetDateTime since, OffsetDateTime until, String type, EventKind kind, Integer maxEvents) {

    int cap(int configured) {
      return maxEvents == null || maxEvents < 1 ? configured : Math.min(maxEvents, configured);
    }
  }

  /** Another run is going: one at a time. */
  public static final class Busy extends RuntimeException {
    Busy() {
      super(
          "Another change-impact run is going; one runs at a time: try again when it has answered");
    }
  }

  /** A proposed file cannot be proposed (its path, type, size): a 400 naming it. */
  public static final class BadFile extends RuntimeException {
    BadFile(String message) {
      super(message);
    }
  }

  public ImpactProperties properties() {
    return properties;
  }

  /** Whether a run is going now. */
  public boolean running() {
    return oneAtATime.availablePermits() == 0;
  }

  /**
   * @param files proposed files by repository path
   * @param routesAllowed whether route files may be among them (the CLI only)
   * @throws Busy when another run is going
   * @throws BadFile when a file cannot be proposed
   */
  public ImpactReport run(Window window, Map<String, byte[]> files, boolean routesAllowed) {
    if (!oneAtATime.tryAcquire()) {
      throw new Busy();
    }
    try {
      return runAlone(window, files, routesAllowed);
    } finally {
      oneAtATime.release();
    }
  }

  private ImpactReport runAlone(
      Window window, Map<String, byte[]> uploaded, boolean routesAllowed) {
    long started = System.nanoTime();
    long deadline = started + properties.timeLimit().toNanos();
    Map<String, byte[]> files;
    try {
      files =
          ProposedFiles.check(
              uploaded, routesAllowed, properties.maxFiles(), properties.maxFileSize().toBytes());
    } catch (ProposedFiles.Refused e) {
      throw new BadFile(e.getMessage());
    }
    List<String> names = List.copyOf(files.keySet());
    try (WorkingTree tree =
        WorkingTree.of(
            routePatterns(),
            Path.of(environment.getProperty("hub.mappings.dir", "mappings")),
            Path.of(environment.getProperty("hub.mail.templates-dir", "templates/email")),
            files)) {
      List<String> problems = check(tree, files);
      if (!problems.isEmpty()) {
        return new ImpactReport(
            false,
            "the route check refused the proposed files: nothing was run",
            0,
            false,
            window.cap(properties.maxEvents()),
            elapsed(started),
            "working-tree",
            names,
            0,
            Map.of(),
            0,
            0,
            List.of(),
            List.of(),
            0,
            problems);
      }
      log.info("Impact run: starting the proposed configuration's hub ({} files)", names.size());
      try (InertHub proposed =
          InertHub.start(application(), environment, tree.settings(), database, false)) {
        return compare(window, names, proposed.simulator(), started, deadline);
      }
    }
  }

  private ImpactReport compare(
      Window window, List<String> names, Simulator proposed, long started, long deadline) {
    int cap = window.cap(properties.maxEvents());
    // the events first (summaries only: ids and types), so the progress line knows the total
    List<EventSummary> chosen = choose(window, cap + 1);
    boolean capped = chosen.size() > cap;
    if (capped) {
      chosen = chosen.subList(0, cap);
    }
    int total = chosen.size();
    log.info("Impact run: {} events to compare{}", total, capped ? " (capped: more match)" : "");
    Tally tally = new Tally(properties.examples());
    String stopped = null;
    int every = Math.max(1, properties.progressEvery());
    for (EventSummary summary : chosen) {
      if (System.nanoTime() > deadline) {
        stopped =
            "time limit reached (hub.impact.time-limit "
                + properties.timeLimit()
                + ") after "
                + tally.events
                + " of "
                + total
                + " events";
        break;
      }
      Optional<StoredEvent> event = events.find(summary.id());
      if (event.isEmpty()) {
        continue;
      }
      tally.add(summary, side(simulator, event.get()), side(proposed, event.get()), comparison);
      if (tally.events % every == 0 && tally.events < total) {
        progress(tally.events, total, started);
      }
    }
    progress(tally.events, total, started);
    if (stopped != null) {
      log.warn("Impact run stopped: {}", stopped);
    }
    return tally.report(stopped == null, stopped, capped, cap, elapsed(started), names);
  }

  /** The newest events of the window, at most {@code limit}. */
  private List<EventSummary> choose(Window window, int limit) {
    // events received from now on cannot shift the pages being read
    OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    OffsetDateTime until =
        window.until() == null || window.until().isAfter(now) ? now : window.until();
    List<EventSummary> chosen = new ArrayList<>();
    for (int page = 0; chosen.size() < limit; page++) {
      EventPage found =
          events.list(
              new EventQuery(window.type(), window.kind(), window.since(), until, page, PAGE));
      for (EventSummary summary : found.items()) {
        if (chosen.size() < limit) {
          chosen.add(summary);
        }
      }
      if (!found.hasMore()) {
        break;
      }
    }
    return chosen;
  }

  private static void progress(int done, int total, long started) {
    log.info(
        "Impact run: {} / {} events done, {} s",
        done,
        total,
        String.format(java.util.Locale.ROOT, "%.1f", elapsed(started) / 1000.0));
  }

  /** One side's dry run, or what stopped it (a failure counts as a change). */
  private static Outcome side(Simulator simulator, StoredEvent event) {
    try {
      return new Outcome(simulator.simulateRead(event), null);
    } catch (RuntimeException e) {
      return new Outcome(null, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  record Outcome(Simulation simulation, String failure) {}

  private List<String> routePatterns() {
    return Arrays.stream(
            environment.getProperty("camel.main.routes-include-pattern", "").split(","))
        .map(String::trim)
        .filter(p -> !p.isEmpty())
        .toList();
  }

  /** The route check's rules over the copy (as the reloader runs them), and each mapping parsed. */
  private List<String> check(WorkingTree tree, Map<String, byte[]> files) {
    Map<String, Object> overlay = tree.settings();
    CheckedSettings settings =
        new CheckedSettings() {
          @Override
          public Optional<String> value(String key) {
            if (overlay.containsKey(key)) {
              return Optional.of(String.valueOf(overlay.get(key)));
            }
            try {
              return Optional.ofNullable(environment.getProperty(key));
            } catch (IllegalArgumentException e) {
              return Optional.of("");
            }
          }

          @Override
          public List<String> routePatterns() {
            return tree.routePatterns();
          }

          @Override
          public String source() {
            return "the hub's configuration";
          }
        };
    RouteCheck.Inputs inputs =
        new RouteCheck.Inputs(settings, context::containsBean, RouteCheck.eventTypes(catalogue));
    List<String> problems = new ArrayList<>();
    for (Problem problem :
        RouteCheck.checkFiles(RouteFiles.matching(tree.routePatterns()), inputs)) {
      problems.add(tree.shown(problem.toString()));
    }
    files.forEach(
        (name, content) -> {
          if (name.endsWith(".jsonata")) {
            String expression = new String(content, StandardCharsets.UTF_8);
            try {
              Jsonata.jsonata(expression);
            } catch (JException e) {
              int offset = Math.max(0, Math.min(e.getLocation(), expression.length()));
              int line =
                  (int) expression.substring(0, offset).chars().filter(c -> c == '\n').count() + 1;
              problems.add(
                  "%s:%d: mapping does not parse as JSONata: %s — correct the expression near line %d"
                      .formatted(
                          name, line, Problem.oneLine(String.valueOf(e.getMessage())), line));
            } catch (RuntimeException | StackOverflowError e) {
              problems.add(
                  "%s:1: mapping does not parse as JSONata: %s — correct the expression"
                      .formatted(name, Problem.oneLine(String.valueOf(e.getMessage()))));
            }
          }
          if (name.startsWith(ProposedFiles.ROUTES)
              && !RouteFiles.matchedBy(tree.routePatterns(), tree.root().resolve(name))) {
            problems.add(
                name
                    + ":1: not matched by camel.main.routes-include-pattern: Camel never loads it"
                    + " — put it in a folder the patterns read");
          }
        });
    return problems;
  }

  /** This hub's {@code @SpringBootApplication} class: the proposed side is the same application. */
  private String application() {
    return context.getBeansWithAnnotation(SpringBootApplication.class).values().stream()
        .map(bean -> ClassUtils.getUserClass(bean).getName())
        .findFirst()
        .orElse(InertHub.APPLICATION);
  }

  private static long elapsed(long started) {
    return Duration.ofNanos(System.nanoTime() - started).toMillis();
  }

  /** The counts as the events go. */
  static final class Tally {

    private final int examples;
    int events;
    int changedEvents;
    int preHooksFlipped;
    int routingChanged;
    int moreDifferences;
    final Map<String, int[]> destinations = new TreeMap<>();
    final List<String> failures = new ArrayList<>();
    final List<ImpactReport.Difference> kept = new ArrayList<>();

    Tally(int examples) {
      this.examples = examples;
    }

    void add(EventSummary event, Outcome today, Outcome proposed, Comparison comparison) {
      events++;
      List<ImpactReport.Difference> differences;
      if (today.failure() != null || proposed.failure() != null) {
        differences =
            today.failure() != null && today.failure().equals(proposed.failure())
                ? List.of()
                : List.of(
                    new ImpactReport.Difference(
                        event.id(),
                        event.eventType(),
                        "failed",
                        null,
                        today.failure(),
                        proposed.failure(),
                        List.of()));
        if (!differences.isEmpty() && failures.size() < MAX_FAILURES) {
          failures.add(
              event.id()
                  + ": "
                  + (today.failure() != null ? "today: " + today.failure() : "")
                  + (proposed.failure() != null ? " proposed: " + proposed.failure() : ""));
        }
      } else {
        Simulation was = today.simulation();
        Simulation will = proposed.simulation();
        differences = comparison.compare(was, will);
        for (Simulation.Leg leg : was.destinations()) {
          destinations.computeIfAbsent(leg.destination(), d -> new int[6]);
        }
        for (Simulation.Leg leg : will.destinations()) {
          destinations.computeIfAbsent(leg.destination(), d -> new int[6]);
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        was.destinations().forEach(l -> seen.add(l.destination()));
        will.destinations().forEach(l -> seen.add(l.destination()));
        seen.forEach(d -> destinations.get(d)[0]++);
        java.util.Set<String> changed = new java.util.HashSet<>();
        for (ImpactReport.Difference difference : differences) {
          if (difference.destination() == null) {
            continue;
          }
          int[] counts = destinations.get(difference.destination());
          changed.add(difference.destination());
          switch (difference.change()) {
            case "leg-added" -> counts[2]++;
            case "leg-removed" -> counts[3]++;
            case "status" -> counts[4]++;
            case "requests" -> counts[5]++;
            default -> {}
          }
        }
        changed.forEach(d -> destinations.get(d)[1]++);
        if (Comparison.flipped(was, will)) {
          preHooksFlipped++;
        }
        if (differences.stream().anyMatch(d -> d.change().equals("routing"))) {
          routingChanged++;
        }
      }
      if (!differences.isEmpty()) {
        changedEvents++;
      }
      for (ImpactReport.Difference difference : differences) {
        if (kept.size() < examples) {
          kept.add(difference);
        } else {
          moreDifferences++;
        }
      }
    }

    ImpactReport report(
        boolean complete,
        String stopped,
        boolean capped,
        int maxEvents,
        long elapsedMs,
        List<String> files) {
      Map<String, ImpactReport.DestinationImpact> perDestination = new LinkedHashMap<>();
      destinations.forEach(
          (name, c) ->
              perDestination.put(
                  name, new ImpactReport.DestinationImpact(c[0], c[1], c[2], c[3], c[4], c[5])));
      return new ImpactReport(
          complete,
          stopped,
          events,
          capped,
          maxEvents,
          elapsedMs,
          "working-tree",
          files,
          changedEvents,
          perDestination,
          preHooksFlipped,
          routingChanged,
          List.copyOf(failures),
          List.copyOf(kept),
          moreDifferences,
          List.of());
    }
  }
}
