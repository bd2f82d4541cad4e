package com.ordercloudhub.hub.routecheck;

import static com.ordercloudhub.hub.routecheck.BrokenFixtures.at;
import static com.ordercloudhub.hub.routecheck.BrokenFixtures.check;
import static org.assertj.core.api.Assertions.assertThat;

import com.ordercloudhub.hub.check.Problem;
import com.ordercloudhub.hub.check.RouteModel;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class FileNameRuleTest {

  private final FileNameRule rule = new FileNameRule();

  @Test
  void aFileNameThatIsNotKebabCaseIsReportedWithTheNameToUse() {
    assertThat(check(rule, "NotKebabCase.camel.yaml"))
        .containsExactly(
            at("NotKebabCase.camel.yaml", 1)
                + "file name is not kebab-case <name>.camel.yaml — rename it, e.g."
                + " not-kebab-case.camel.yaml");
  }

  @Test
  void aFileNoPatternMatchesIsNeverLoaded() {
    assertThat(check(rule, "unlisted/not-loaded.camel.yaml"))
        .singleElement()
        .asString()
        .startsWith(
            at("unlisted/not-loaded.camel.yaml", 1)
                + "not matched by camel.main.routes-include-pattern in"
                + " src/test/resources/conventions/application.yaml: Camel never loads it");
  }

  @Test
  void otherYamlFilesBesideTheRoutesAreReported() {
    Path stray = BrokenFixtures.BROKEN.resolve("wrong-extension.yaml");
    List<Problem> problems =
        rule.check(
            new RouteModel(List.of(), List.of(stray)),
            BrokenFixtures.context(BrokenFixtures.EVENT_TYPES));

    assertThat(problems)
        .extracting(Problem::toString)
        .containsExactly(
            stray
                + ":1: not named *.camel.yaml: Camel does not load it as a route — rename it to"
                + " <name>.camel.yaml");
  }

  @Test
  void wellNamedListedFilesPass() {
    assertThat(check(rule, "route-without-id.camel.yaml", "unknown-eip.camel.yaml")).isEmpty();
    assertThat(BrokenFixtures.checkValid(rule)).isEmpty();
  }
}
