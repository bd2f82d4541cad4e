package com.ordercloudhub.hub.routecheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Rules outside routecheck plug in through {@code META-INF/services} alone: the runner finds a rule
 * only the tests register, and the email destination's, without naming either.
 */
class RouteRuleDiscoveryTest {

  @Test
  void aRuleRegisteredOnTheClassPathRunsWithTheCoreRules() throws IOException {
    Path file = Path.of("src/test/resources/conventions/added-rule/flagged.camel.yaml");
    RouteCheck.Inputs inputs =
        new RouteCheck.Inputs(
            new ApplicationYamlSettings(BrokenFixtures.APPLICATION_YAML), name -> true, Set.of());

    List<String> problems =
        RouteCheck.checkFiles(List.of(file), inputs).stream().map(Object::toString).toList();

    assertThat(problems).contains(file + ":3: route 'test-only-flagged' is flagged — test rule");
  }

  @Test
  void theRegisteredRulesFollowTheCoreOnes() {
    assertThat(RouteCheck.rules())
        .extracting(rule -> rule.getClass().getSimpleName())
        .startsWith("FileNameRule", "SchemaRule")
        .contains("EmailTemplateRule", "TestOnlyRule");
  }
}
