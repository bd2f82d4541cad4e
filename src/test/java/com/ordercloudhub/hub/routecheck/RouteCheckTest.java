package com.ordercloudhub.hub.routecheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The route check catches what it claims to: each file under {@code conventions/broken/} is wrong
 * in one way and must be reported at its file and line with the problem and its fix ({@code problem
 * — fix}), while the files under {@code conventions/valid/} use the same EIPs correctly and must
 * pass. The same code checks the real routes ({@link RouteFilesTest}) and every file live reload
 * takes.
 */
class RouteCheckTest {

  private static final Path FIXTURES = Path.of("src/test/resources/conventions");
  private static final Path BROKEN = FIXTURES.resolve("broken");
  private static final Path VALID = FIXTURES.resolve("valid");
  private static final Path APPLICATION_YAML = FIXTURES.resolve("application.yaml");
  private static final Path BEANS = FIXTURES.resolve("beans");

  /** The catalogue the broken fixtures are checked against (see broken/catch-all.camel.yaml). */
  private static final Set<String> EVENT_TYPES = Set.of("order.shipped", "payment.created");

  private static List<String> brokenProblems;

  @BeforeAll
  static void checkBrokenFixtures() throws IOException {
    brokenProblems = RouteCheck.check(BROKEN, inputs(EVENT_TYPES));
  }

  private static RouteCheck.Inputs inputs(Set<String> eventTypes) throws IOException {
    Set<String> beans = JavaBeanNames.in(BEANS);
    return new RouteCheck.Inputs(
        new ApplicationYamlSettings(APPLICATION_YAML), beans::contains, eventTypes);
  }

  @ParameterizedTest(name = "{0}:{1} {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # file                                 | line | what the problem must say
          bad-indentation.camel.yaml             | 7    | does not parse as YAML: while parsing a block mapping: expected <block end>
          misplaced-steps.camel.yaml             | 7    | schema: $[0].route: property 'steps' is not defined in the schema
          misplaced-steps.camel.yaml             | 5    | schema: $[0].route.from: required property 'steps' not found
          unknown-eip.camel.yaml                 | 8    | schema: $[0].route.from.steps[0]: property 'frobnicate' is not defined in the schema
          route-without-id.camel.yaml            | 2    | route has no id
          duplicate-route-ids.camel.yaml         | 3    | id 'duplicate-route-id' is not unique
          duplicate-route-ids.camel.yaml         | 12   | id 'duplicate-route-id' is not unique
          undefined-placeholder.camel.yaml       | 8    | placeholder {{hub.poll-period}} is not defined in src/test/resources/conventions/application.yaml
          undefined-placeholder.camel.yaml       | 14   | placeholder {{hub.dev-only}} is defined only in profile [dev]
          undefined-placeholder.camel.yaml       | 17   | placeholder {{env:HUB_TOKEN}} reads the environment and has no default
          query-string-uri.camel.yaml            | 6    | uri 'timer:query-string-uri?period=60000' has a query string
          query-string-uri.camel.yaml            | 10   | uri 'log:query-string-uri?level=DEBUG' has a query string
          missing-step-ids.camel.yaml            | 4    | route 'missing-step-ids': `from` has no id
          missing-step-ids.camel.yaml            | 10   | route 'missing-step-ids': step `when` has no id
          missing-step-ids.camel.yaml            | 12   | route 'missing-step-ids': step `bean` has no id
          missing-step-ids.camel.yaml            | 15   | route 'missing-step-ids': step `otherwise` has no id
          missing-step-ids.camel.yaml            | 17   | route 'missing-step-ids': step `to` has no id (shorthand form
          direct-mismatch.camel.yaml             | 4    | route 'direct-mismatch' consumes direct:direct-mismatched: its id must be 'direct-mismatched'
          direct-mismatch.camel.yaml             | 8    | sends to direct:direct-nowhere, which no route consumes
          unknown-bean.camel.yaml                | 8    | route 'unknown-bean': `bean` ref 'noSuchBean' names no Spring bean
          unknown-bean.camel.yaml                | 16   | route 'unknown-bean': `method` ref 'missingHelper' names no Spring bean
          NotKebabCase.camel.yaml                | 1    | file name is not kebab-case
          NotKebabCase.camel.yaml                | 2    | route id 'notKebabCase' is not kebab-case
          duplicate-key.camel.yaml               | 11   | duplicate key 'message'
          yaml-beans.camel.yaml                  | 2    | `beans:` in YAML: wiring lives in Java @Configuration
          bare-from.camel.yaml                   | 2    | a bare `from` gets a generated route id
          unknown-route-configuration.camel.yaml | 4    | routeConfigurationId 'no-such-errors' names no routeConfiguration
          unlisted/not-loaded.camel.yaml         | 1    | not matched by camel.main.routes-include-pattern
          wrong-extension.yaml                   | 1    | not named *.camel.yaml
          missing-mapping.camel.yaml             | 10   | mapping file src/test/resources/conventions/mappings/crm/acount.jsonata does not exist — create it, or correct the name (in that folder: account.jsonata, opportunity.jsonata)
          missing-mapping.camel.yaml             | 13   | resource classpath:sql/no-such-statement.sql is not on the classpath
          broken-mapping.camel.yaml              | 10   | mapping src/test/resources/conventions/mappings/crm/opportunity.jsonata:3 does not parse as JSONata
          old-jsonata-endpoint.camel.yaml        | 10   | route 'old-jsonata-endpoint': jsonata: is not a component of this hub — name the mapping as mapping:<folder>/<file>.jsonata
          missing-direct-target.camel.yaml       | 8    | sends to direct:missing-direct-targte, which no route consumes — correct the name (did you mean direct:missing-direct-target?)
          missing-template.camel.yaml            | 10   | whose email needs the template src/test/resources/conventions/templates/orderexploded.text.hbs, which does not exist — add it
          missing-template.camel.yaml            | 10   | whose template src/test/resources/conventions/templates/orderexploded.html.hbs does not compile: src/test/resources/conventions/templates/orderexploded.html.hbs:4:1: found: '<EOF>', expected: '{{/'
          catch-all.camel.yaml                   | 13   | event type order.shipped has no routing route (event-order-shipped) and is not in the catch-all's list of knowingly unrouted types — add routes/events/order-shipped.camel.yaml
          catch-all.camel.yaml                   | 13   | the catch-all lists refund.issued, which is no event type of the catalogue
          """)
  void reportsTheProblemAtItsFileAndLine(String file, int line, String expected) {
    String at = BROKEN.resolve(file) + ":" + line + ": ";
    assertThat(brokenProblems)
        .withFailMessage(
            "expected a problem starting with%n  %s%ncontaining%n  %s%nbut the problems were:%n  %s",
            at, expected, String.join(System.lineSeparator() + "  ", brokenProblems))
        .anyMatch(problem -> problem.startsWith(at) && problem.contains(expected));
  }

  @Test
  void reportsNothingTheFixturesDoNotBreakOnPurpose() {
    // one line per problem above: a new false positive shows up here first
    assertThat(brokenProblems).hasSize(38);
  }

  @Test
  void everyProblemNamesItsFileLineAndFix() {
    assertThat(brokenProblems)
        .allSatisfy(
            problem ->
                assertThat(problem)
                    .matches("(?s)src/test/resources/conventions/broken/[^:]+:\\d+: .+ — .+"));
  }

  @TestFactory
  Stream<DynamicTest> everyBrokenFileIsReported() {
    return RouteCheck.routeFiles(BROKEN).stream()
        .map(
            file ->
                dynamicTest(
                    file.toString(),
                    () ->
                        assertThat(brokenProblems)
                            .as("problems naming %s", file)
                            .anyMatch(problem -> problem.startsWith(file + ":"))));
  }

  @TestFactory
  Stream<DynamicTest> validFixturesPass() throws IOException {
    List<String> problems = RouteCheck.check(VALID, inputs(Set.of()));
    List<Path> files = RouteCheck.routeFiles(VALID);
    assertThat(files).isNotEmpty();
    return Stream.concat(
        files.stream()
            .map(
                file ->
                    dynamicTest(
                        file.toString(),
                        () ->
                            assertThat(problems.stream().filter(p -> p.startsWith(file + ":")))
                                .isEmpty())),
        Stream.of(dynamicTest("nothing else reported", () -> assertThat(problems).isEmpty())));
  }

  @Test
  void findsBeanNamesAsSpringGivesThem() {
    assertThat(JavaBeanNames.in(BEANS))
        .containsExactlyInAnyOrder(
            "orderMapper", // @Component("orderMapper")
            "renamedPlanner", // @Component("renamedPlanner") on class LegPlanner: not "legPlanner"
            "deliveryPlanner", // @Service on class DeliveryPlanner
            "fixtureWiring", // @Configuration on class FixtureWiring
            "crmClient", // @Bean("crmClient")
            "erpClient", // @Bean(name = {"erpClient", "erp"})
            "erp",
            "hubClock", // @Bean @Primary on method hubClock()
            "workerPool"); // @Bean(destroyMethod = "shutdown") on method workerPool()
  }
}
