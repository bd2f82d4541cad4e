package com.ordercloudhub.hub.routecheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The real route files follow the house conventions (STYLE.md): one test per file under {@code
 * routes/}, plus one for whatever is not about a single route file (application.yaml, stray files).
 * Surefire runs from the repository root, so these are the paths the hub itself loads.
 */
class RouteFilesTest {

  private static final Path ROUTES = Path.of("routes");
  private static final Path APPLICATION_YAML = Path.of("application.yaml");
  private static final Path JAVA_SOURCES = Path.of("src/main/java");

  @TestFactory
  Stream<DynamicTest> everyRouteFileFollowsTheConventions() throws IOException {
    List<Path> files = RouteCheck.routeFiles(ROUTES);
    assertThat(files).as("route files under %s", ROUTES.toAbsolutePath()).isNotEmpty();
    List<String> problems =
        RouteCheck.check(ROUTES, RouteCheckCommand.inputs(APPLICATION_YAML, JAVA_SOURCES));

    Stream<DynamicTest> perFile =
        files.stream()
            .map(
                file ->
                    dynamicTest(
                        file.toString(),
                        file.toUri(),
                        () -> assertNoProblems(file.toString(), about(problems, file))));
    DynamicTest rest =
        dynamicTest(
            "application.yaml and stray files",
            APPLICATION_YAML.toUri(),
            () ->
                assertNoProblems(
                    "outside the route files",
                    problems.stream()
                        .filter(p -> files.stream().noneMatch(f -> p.startsWith(f + ":")))
                        .toList()));
    return Stream.concat(perFile, Stream.of(rest));
  }

  private static List<String> about(List<String> problems, Path file) {
    return problems.stream().filter(p -> p.startsWith(file + ":")).toList();
  }

  private static void assertNoProblems(String what, List<String> problems) {
    assertThat(problems)
        .withFailMessage(
            "%s breaks the route conventions (STYLE.md):%n  %s",
            what, String.join(System.lineSeparator() + "  ", problems))
        .isEmpty();
  }
}
