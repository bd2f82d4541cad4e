package com.ordercloudhub.hub.routecheck;

import static com.ordercloudhub.hub.routecheck.BrokenFixtures.at;
import static com.ordercloudhub.hub.routecheck.BrokenFixtures.check;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IdRuleTest {

  private final IdRule rule = new IdRule();

  @Test
  void aRouteWithoutIdIsReported() {
    assertThat(check(rule, "route-without-id.camel.yaml"))
        .containsExactly(
            at("route-without-id.camel.yaml", 2)
                + "route has no id (ids are never generated: STYLE.md) — add `id:"
                + " <system>-<verb>-<noun>` (a direct: route's id is its direct: name)");
  }

  @Test
  void everyStepWithoutIdIsReportedWithTheIdToAdd() {
    String file = "missing-step-ids.camel.yaml";
    assertThat(check(rule, file))
        .containsExactly(
            at(file, 4)
                + "route 'missing-step-ids': `from` has no id — add `id: missing-step-ids-from`",
            at(file, 10)
                + "route 'missing-step-ids': step `when` has no id — add `id:"
                + " missing-step-ids-<what-it-does>`",
            at(file, 12)
                + "route 'missing-step-ids': step `bean` has no id — add `id:"
                + " missing-step-ids-<what-it-does>`",
            at(file, 15)
                + "route 'missing-step-ids': step `otherwise` has no id — add `id:"
                + " missing-step-ids-<what-it-does>`",
            at(file, 17)
                + "route 'missing-step-ids': step `to` has no id (shorthand form: write it as a"
                + " map with `id` and `uri`) — add `id: missing-step-ids-<what-it-does>`");
  }

  @Test
  void aDuplicateIdIsReportedAtEachUseNamingTheOther() {
    String file = "duplicate-route-ids.camel.yaml";
    assertThat(check(rule, file))
        .containsExactly(
            at(file, 3)
                + "id 'duplicate-route-id' is not unique (Camel refuses duplicate ids): also at "
                + BrokenFixtures.BROKEN.resolve(file)
                + ":12 — rename one of them",
            at(file, 12)
                + "id 'duplicate-route-id' is not unique (Camel refuses duplicate ids): also at "
                + BrokenFixtures.BROKEN.resolve(file)
                + ":3 — rename one of them");
  }

  @Test
  void anIdThatIsNotKebabCaseAndABareFromAreReported() {
    assertThat(check(rule, "NotKebabCase.camel.yaml", "bare-from.camel.yaml"))
        .containsExactly(
            at("NotKebabCase.camel.yaml", 2)
                + "route id 'notKebabCase' is not kebab-case (^[a-z][a-z0-9]*(-[a-z0-9]+)*$) —"
                + " rename it, e.g. 'not-kebab-case'",
            at("bare-from.camel.yaml", 2)
                + "a bare `from` gets a generated route id — wrap it in `- route:` with an `id`");
  }

  @Test
  void theValidFixturesPass() {
    assertThat(BrokenFixtures.checkValid(rule)).isEmpty();
  }
}
