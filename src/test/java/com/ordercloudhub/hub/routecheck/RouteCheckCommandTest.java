package com.ordercloudhub.hub.routecheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * What {@code ./mvnw -q -Pcheck-routes validate} prints and answers: one short line and 0 for the
 * shipped routes; each problem as {@code file:line: problem — fix} and 1 for broken ones.
 */
class RouteCheckCommandTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String routes, String applicationYaml, String javaSources) throws Exception {
    return RouteCheckCommand.run(
        Path.of(routes),
        Path.of(applicationYaml),
        Path.of(javaSources),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void theShippedRoutesPassWithOneLine() throws Exception {
    int status = run("routes", "application.yaml", "src/main/java");

    assertThat(status).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .isEqualTo(RouteCheck.routeFiles(Path.of("routes")).size() + " route files OK\n");
    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void brokenRoutesFailWithEachProblemAndItsFix() throws Exception {
    int status =
        run(
            "src/test/resources/conventions/broken",
            "src/test/resources/conventions/application.yaml",
            "src/test/resources/conventions/beans");

    assertThat(status).isEqualTo(1);
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(err.toString(StandardCharsets.UTF_8).lines())
        .contains(
            "src/test/resources/conventions/broken/unknown-eip.camel.yaml:8: schema:"
                + " $[0].route.from.steps[0]: property 'frobnicate' is not defined in the schema and"
                + " the schema does not allow additional properties — 'frobnicate' is no EIP or"
                + " option here: check its spelling and its indentation (a key one level too"
                + " shallow or deep lands in the wrong place)")
        .last()
        .asString()
        .endsWith("problem(s) in src/test/resources/conventions/broken: nothing was loaded");
  }
}
