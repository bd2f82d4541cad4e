package com.ordercloudhub.hub.routecheck;

import com.ordercloudhub.hub.check.CheckedSettings;
import com.ordercloudhub.hub.check.Problem;
import com.ordercloudhub.hub.event.CatalogueProperties;
import com.ordercloudhub.hub.event.EventCatalogue;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The route check from the command line, run from the repository root: {@code ./mvnw -q
 * -Pcheck-routes validate}. Prints each problem as {@code file:line: problem — fix} and exits 1, or
 * prints "N route files OK".
 */
public final class RouteCheckCommand {

  private RouteCheckCommand() {}

  public static void main(String[] args) throws IOException {
    Path routes = Path.of(args.length > 0 ? args[0] : "routes");
    Path applicationYaml = Path.of(args.length > 1 ? args[1] : "application.yaml");
    Path javaSources = Path.of(args.length > 2 ? args[2] : "src/main/java");
    int status = run(routes, applicationYaml, javaSources, System.out, System.err);
    if (status != 0) {
      System.exit(status);
    }
  }

  /** The check; 0 when every route file passes, 1 otherwise. */
  static int run(
      Path routes, Path applicationYaml, Path javaSources, PrintStream out, PrintStream err)
      throws IOException {
    List<Problem> problems = RouteCheck.checkFolder(routes, inputs(applicationYaml, javaSources));
    if (problems.isEmpty()) {
      out.println(RouteCheck.routeFiles(routes).size() + " route files OK");
      return 0;
    }
    problems.forEach(err::println);
    err.println(problems.size() + " problem(s) in " + routes + ": nothing was loaded");
    return 1;
  }

  /**
   * The build's view: keys of application.yaml's default document, beans declared in the Java
   * sources, the event types of the built-in catalogue and application.yaml.
   */
  public static RouteCheck.Inputs inputs(Path applicationYaml, Path javaSources)
      throws IOException {
    ApplicationYamlSettings settings = new ApplicationYamlSettings(applicationYaml);
    Set<String> beans = JavaBeanNames.in(javaSources);
    return new RouteCheck.Inputs(settings, beans::contains, eventTypes(settings));
  }

  /** The built-in catalogue plus the event types application.yaml adds (hub.events.catalogue). */
  static Set<String> eventTypes(CheckedSettings settings) {
    List<CatalogueProperties.Entry> added = new ArrayList<>();
    for (int i = 0;
        settings.value("hub.events.catalogue[%d].event".formatted(i)).isPresent();
        i++) {
      added.add(
          new CatalogueProperties.Entry(
              settings.value("hub.events.catalogue[%d].event".formatted(i)).get(),
              list(settings, "hub.events.catalogue[%d].routes".formatted(i)),
              list(settings, "hub.events.catalogue[%d].messages".formatted(i))));
    }
    return new TreeSet<>(RouteCheck.eventTypes(new EventCatalogue(new CatalogueProperties(added))));
  }

  /** The values of a list setting ({@code name[0]}, {@code name[1]}, …), in order. */
  private static List<String> list(CheckedSettings settings, String name) {
    List<String> values = new ArrayList<>();
    for (int j = 0; settings.value("%s[%d]".formatted(name, j)).isPresent(); j++) {
      values.add(settings.value("%s[%d]".formatted(name, j)).get());
    }
    return values;
  }
}
