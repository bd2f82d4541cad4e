package com.ordercloudhub.hub.impact;

import com.ordercloudhub.hub.event.EventKind;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The change-impact run from the command line, for CI of an integrator's repository, run from the
 * repository root: {@code ./mvnw -q -Pimpact -Dsince=2026-11-28T00:00:00Z [-Duntil=… -Dtype=order.*
 * -Dkind=post -Dmax-events=…] -Dfiles=path1,path2 (or a folder) [-Dfail-on-change=true]}. Today's
 * side is the working tree as it is (routes, mappings, templates) against the configured database
 * (application.yaml and the environment, as the hub would start); the proposed side is the same
 * with the given files laid over it. A file is placed by its path from its {@code routes/}, {@code
 * mappings/} or {@code templates/email/} folder on ({@code ../pr/mappings/erp/x.jsonata} proposes
 * {@code mappings/erp/x.jsonata}); a folder proposes every file of its {@code routes/}, {@code
 * mappings/} and {@code templates/email/}. Route files may be proposed here: the integrator runs
 * their own code on their own machine. Both sides run in inert hubs: nothing is sent or stored.
 *
 * <p>Exits 0 when the run completed, 1 when it could not run (a bad option or file, a proposed file
 * the route check refuses, no database, the time limit), 2 with {@code fail-on-change=true} when
 * any event would change.
 */
public final class ImpactCommand {

  static final int FAILED = 1;
  static final int CHANGED = 2;

  private ImpactCommand() {}

  public static void main(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (String name :
        List.of("since", "until", "type", "kind", "files", "fail-on-change", "max-events")) {
      String value = System.getProperty(name);
      if (value != null && !value.isBlank()) {
        options.put(name, value.trim());
      }
    }
    int status = run(options, Map.of(), true, System.out, System.err);
    System.exit(status);
  }

  /**
   * @param options since, until, type, kind, files, fail-on-change, max-events
   * @param settings more settings for both hubs (tests: the database, the peers)
   * @param ownLogging whether the hubs set up logging (a JVM of its own) or leave it as it is
   */
  static int run(
      Map<String, String> options,
      Map<String, Object> settings,
      boolean ownLogging,
      PrintStream out,
      PrintStream err) {
    ImpactRunner.Window window;
    Map<String, byte[]> files;
    try {
      window =
          new ImpactRunner.Window(
              time("since", options.get("since")),
              time("until", options.get("until")),
              options.get("type"),
              kind(options.get("kind")),
              null);
      files = files(options.get("files"));
    } catch (IllegalArgumentException | UncheckedIOException e) {
      err.println("impact: " + e.getMessage());
      return FAILED;
    }
    Map<String, Object> all = new LinkedHashMap<>(unusedSecrets());
    // the output is the report and the progress lines, not two hubs' start-up
    all.put("logging.level.org.apache.camel", "WARN");
    all.put("logging.level.org.springframework", "WARN");
    all.put("logging.level.com.zaxxer.hikari", "WARN");
    all.putAll(settings);
    if (options.containsKey("max-events")) {
      all.put("hub.impact.max-events", options.get("max-events"));
    }
    ImpactReport report;
    try (InertHub today = InertHub.start(InertHub.APPLICATION, null, all, null, ownLogging)) {
      report = today.context().getBean(ImpactRunner.class).run(window, files, true);
    } catch (ImpactRunner.BadFile e) {
      err.println("impact: " + e.getMessage());
      return FAILED;
    } catch (RuntimeException e) {
      err.println("impact: the run failed: " + causes(e));
      return FAILED;
    }
    print(report, out);
    if (!report.problems().isEmpty()) {
      report.problems().forEach(err::println);
      err.println(report.problems().size() + " problem(s) in the proposed files: nothing was run");
      return FAILED;
    }
    if (!report.complete()) {
      err.println("impact: incomplete: " + report.stopped());
      return FAILED;
    }
    boolean failOnChange = Boolean.parseBoolean(options.getOrDefault("fail-on-change", "false"));
    return failOnChange && report.changedEvents() > 0 ? CHANGED : 0;
  }

  /** The summary and the first differences, as text. */
  static void print(ImpactReport report, PrintStream out) {
    if (!report.problems().isEmpty()) {
      return;
    }
    out.printf(
        Locale.ROOT,
        "Impact: %d events compared%s, %d would change, %.1f s%n",
        report.events(),
        report.capped() ? " (capped at " + report.maxEvents() + ": more matched)" : "",
        report.changedEvents(),
        report.elapsedMs() / 1000.0);
    report
        .destinations()
        .forEach(
            (name, d) ->
                out.printf(
                    Locale.ROOT,
                    "  %s: %d of %d events would change (requests %d, outcome %d, legs added %d,"
                        + " removed %d)%n",
                    name,
                    d.changed(),
                    d.events(),
                    d.requestsChanged(),
                    d.statusChanged(),
                    d.added(),
                    d.removed()));
    out.printf(
        "Pre-hook decisions flipped: %d; routed elsewhere: %d%n",
        report.preHooksFlipped(), report.routingChanged());
    report.failures().forEach(f -> out.println("  failed: " + f));
    if (!report.examples().isEmpty()) {
      out.printf(
          "First differences (%d shown, %d more counted):%n",
          report.examples().size(), report.moreDifferences());
    }
    for (ImpactReport.Difference d : report.examples()) {
      out.printf(
          "  %s %s %s%s%s%s%n",
          d.eventId(),
          d.eventType(),
          d.change(),
          d.destination() == null ? "" : " " + d.destination(),
          d.before() == null ? "" : " before: " + oneLine(d.before()),
          d.after() == null ? "" : " after: " + oneLine(d.after()));
      for (ImpactReport.RequestDiff r : d.requests()) {
        out.printf("    request %d: %s%n", r.index(), String.join("; ", r.paths()));
        r.lines().forEach(line -> out.println("      " + line));
      }
    }
  }

  /** An exception and its causes on one line: the root cause is what an integrator can fix. */
  static String causes(Throwable e) {
    StringBuilder text = new StringBuilder(String.valueOf(e));
    Throwable cause = e.getCause();
    for (int depth = 0; cause != null && depth < 10; depth++, cause = cause.getCause()) {
      text.append(" ← ").append(cause);
    }
    return text.toString();
  }

  private static String oneLine(String text) {
    String line = text.replaceAll("\\s+", " ").trim();
    return line.length() > 300 ? line.substring(0, 300) + "…" : line;
  }

  /**
   * The hub refuses to start without its door's and ops login's secrets; neither is used by an
   * inert hub, so the CLI needs none: stand-ins, random, when the environment has none.
   */
  private static Map<String, Object> unusedSecrets() {
    Map<String, Object> stand = new LinkedHashMap<>();
    SecureRandom random = new SecureRandom();
    standIn(stand, "OC_HASH_KEYS", "hub.ordercloud.hash-keys", token(random, 24));
    standIn(stand, "HUB_OPS_USERNAME", "hub.ops.username", "impact-cli");
    standIn(stand, "HUB_OPS_PASSWORD", "hub.ops.password", token(random, 24));
    standIn(stand, "HUB_ENCRYPTION_KEY", "hub.store.encryption-key", token(random, 32));
    return stand;
  }

  private static void standIn(Map<String, Object> settings, String env, String key, String value) {
    if (blank(System.getenv(env))
        && blank(System.getProperty(env))
        && blank(System.getProperty(key))) {
      settings.put(key, value);
    }
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }

  private static String token(SecureRandom random, int bytes) {
    byte[] key = new byte[bytes];
    random.nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }

  private static OffsetDateTime time(String name, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value.trim());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "-D" + name + " must be an ISO-8601 time with offset, e.g. 2026-11-28T00:00:00Z");
    }
  }

  private static EventKind kind(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    return EventKind.fromCode(value.trim())
        .orElseThrow(() -> new IllegalArgumentException("-Dkind must be pre, post or message"));
  }

  /** The proposed files by repository path. */
  static Map<String, byte[]> files(String given) {
    Map<String, byte[]> files = new LinkedHashMap<>();
    if (given == null || given.isBlank()) {
      return files;
    }
    for (String item : given.split(",")) {
      if (item.isBlank()) {
        continue;
      }
      Path path = Path.of(item.trim()).toAbsolutePath().normalize();
      if (Files.isDirectory(path)) {
        for (String folder : List.of("routes", "mappings", "templates/email")) {
          Path base = path.resolve(folder);
          if (!Files.isDirectory(base)) {
            continue;
          }
          try (Stream<Path> walk = Files.walk(base)) {
            for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
              files.put(folder + "/" + slashed(base.relativize(file)), read(file));
            }
          } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + base, e);
          }
        }
      } else if (Files.isRegularFile(path)) {
        files.put(repositoryPath(path), read(path));
      } else {
        throw new IllegalArgumentException("-Dfiles: " + item.trim() + " does not exist");
      }
    }
    return files;
  }

  /** The path from the file's last routes/, mappings/ or templates/email/ folder on. */
  private static String repositoryPath(Path file) {
    String text = slashed(file);
    int at = -1;
    for (String folder : List.of("/routes/", "/mappings/", "/templates/email/")) {
      at = Math.max(at, text.lastIndexOf(folder));
    }
    if (at < 0) {
      throw new IllegalArgumentException(
          "-Dfiles: "
              + file
              + " is not in a routes/, mappings/ or templates/email/ folder: cannot tell what it"
              + " proposes");
    }
    return text.substring(at + 1);
  }

  private static String slashed(Path path) {
    return path.toString().replace('\\', '/');
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
  }
}
