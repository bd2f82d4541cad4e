package com.ordercloudhub.hub.routecheck;

import static com.ordercloudhub.hub.routecheck.BrokenFixtures.at;
import static com.ordercloudhub.hub.routecheck.BrokenFixtures.check;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlaceholderRuleTest {

  private final PlaceholderRule rule = new PlaceholderRule();

  @Test
  void undefinedProfileOnlyAndEnvironmentPlaceholdersAreReported() {
    String file = "undefined-placeholder.camel.yaml";
    String yaml = BrokenFixtures.APPLICATION_YAML.toString();
    assertThat(check(rule, file))
        .containsExactly(
            at(file, 8)
                + "route 'undefined-placeholder': placeholder {{hub.poll-period}} is not defined in "
                + yaml
                + " — define hub.poll-period in the first document of "
                + yaml
                + " (commented), or write {{hub.poll-period:default}}",
            at(file, 14)
                + "route 'undefined-placeholder': placeholder {{hub.dev-only}} is defined only in"
                + " profile [dev] of "
                + yaml
                + " — define hub.dev-only in the first document of "
                + yaml
                + " (commented), or write {{hub.dev-only:default}}",
            at(file, 17)
                + "route 'undefined-placeholder': placeholder {{env:HUB_TOKEN}} reads the"
                + " environment and has no default — use a key of "
                + yaml
                + " (which may read the variable), or write {{env:HUB_TOKEN:default}}");
  }

  @Test
  void definedKeysAndDefaultsPass() {
    assertThat(BrokenFixtures.checkValid(rule)).isEmpty();
  }
}
