package com.ordercloudhub.hub.routecheck;

import com.ordercloudhub.hub.check.CheckContext;
import com.ordercloudhub.hub.check.Location;
import com.ordercloudhub.hub.check.Problem;
import com.ordercloudhub.hub.check.RouteFile;
import com.ordercloudhub.hub.check.RouteModel;
import com.ordercloudhub.hub.check.RouteRule;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Camel loads a route file only when its name ends in {@code .camel.yaml} (everything after the
 * first dot is the extension, so the name is kebab-case) and {@code
 * camel.main.routes-include-pattern} matches it.
 */
final class FileNameRule implements RouteRule {

  private static final Pattern ROUTE_FILE_NAME =
      Pattern.compile("^[a-z][a-z0-9]*(-[a-z0-9]+)*\\.camel\\.yaml$");

  @Override
  public List<Problem> check(RouteModel model, CheckContext context) {
    List<Problem> problems = new ArrayList<>();
    List<String> patterns = context.settings().routePatterns();
    String source = context.settings().source();
    if (patterns.isEmpty()) {
      problems.add(
          Problem.at(
              Location.start(Path.of(source)),
              "camel.main.routes-include-pattern is not set: no route file is loaded",
              "list each routes/ folder there as file:routes/<folder>/*.camel.yaml"));
    }
    for (Path stray : model.strayFiles()) {
      problems.add(
          Problem.at(
              Location.start(stray),
              "not named *.camel.yaml: Camel does not load it as a route",
              "rename it to <name>.camel.yaml"));
    }
    for (RouteFile file : model.files()) {
      Path path = file.path();
      String name = path.getFileName().toString();
      if (!ROUTE_FILE_NAME.matcher(name).matches()) {
        problems.add(
            Problem.at(
                Location.start(path),
                "file name is not kebab-case <name>.camel.yaml",
                "rename it, e.g. %s",
                Spelling.kebab(name.replaceFirst("\\.camel\\.yaml$|\\.ya?ml$", ""))
                    + ".camel.yaml"));
      }
      if (!patterns.isEmpty() && !RouteFiles.matchedBy(patterns, path)) {
        problems.add(
            Problem.at(
                Location.start(path),
                "not matched by camel.main.routes-include-pattern in %s: Camel never loads it"
                    .formatted(source),
                "move it into a folder the pattern lists, or add its folder to the pattern"));
      }
    }
    return problems;
  }
}
