package com.ordercloudhub.hub.routecheck;

import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Jsonata;
import com.ordercloudhub.hub.check.CheckContext;
import com.ordercloudhub.hub.check.Problem;
import com.ordercloudhub.hub.check.Reference;
import com.ordercloudhub.hub.check.RouteModel;
import com.ordercloudhub.hub.check.RouteRule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Every mapping an endpoint names ({@code mapping:erp/x.jsonata}, in {@code hub.mappings.dir}, or
 * camel-jsonata's {@code jsonata:file:…}) parses as JSONata, with the parser the hub evaluates it
 * with; a mapping used twice is read once (and reported where it is first used). A missing one is
 * the {@link ResourceRule}'s.
 */
final class MappingRule implements RouteRule {

  @Override
  public List<Problem> check(RouteModel model, CheckContext context) {
    List<Problem> problems = new ArrayList<>();
    Set<Path> read = new HashSet<>();
    for (ResourceRule.Resource resource : ResourceRule.resources(model, context)) {
      String location = resource.location();
      if (!location.startsWith("file:") || !location.endsWith(".jsonata")) {
        continue;
      }
      Path file = Path.of(location.substring("file:".length()));
      if (Files.isRegularFile(file) && read.add(file.toAbsolutePath().normalize())) {
        parse(resource.uri(), file, problems);
      }
    }
    return problems;
  }

  private static void parse(Reference reference, Path file, List<Problem> problems) {
    String expression;
    try {
      expression = Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      Jsonata.jsonata(expression);
    } catch (JException e) {
      int offset = Math.max(0, Math.min(e.getLocation(), expression.length()));
      int line = (int) expression.substring(0, offset).chars().filter(c -> c == '\n').count() + 1;
      problems.add(
          Problem.at(
              reference.at(),
              "%s: mapping %s:%d does not parse as JSONata: %s"
                  .formatted(
                      reference.owner(),
                      file,
                      line,
                      Problem.oneLine(String.valueOf(e.getMessage()))),
              "correct the expression near line %d of %s",
              line,
              file));
    } catch (RuntimeException | StackOverflowError e) {
      problems.add(
          Problem.at(
              reference.at(),
              "%s: mapping %s does not parse as JSONata: %s"
                  .formatted(
                      reference.owner(), file, Problem.oneLine(String.valueOf(e.getMessage()))),
              "correct the expression in %s",
              file));
    }
  }
}
