package com.ordercloudhub.hub.routecheck;

import static com.ordercloudhub.hub.routecheck.BrokenFixtures.at;
import static com.ordercloudhub.hub.routecheck.BrokenFixtures.check;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DirectLinkRuleTest {

  private final DirectLinkRule rule = new DirectLinkRule();

  @Test
  void aRouteNamedOtherThanItsDirectEndpointAndATargetNobodyConsumesAreReported() {
    String file = "direct-mismatch.camel.yaml";
    assertThat(check(rule, file))
        .containsExactly(
            at(file, 4)
                + "route 'direct-mismatch' consumes direct:direct-mismatched: its id must be"
                + " 'direct-mismatched' (STYLE.md) — rename the route to 'direct-mismatched' or the"
                + " endpoint to direct:direct-mismatch",
            at(file, 8)
                + "route 'direct-mismatch': `to` sends to direct:direct-nowhere, which no route"
                + " consumes — correct the name, or add a route with id direct-nowhere consuming"
                + " direct:direct-nowhere");
  }

  @Test
  void aMisspeltTargetGetsTheNameItProbablyMeant() {
    assertThat(check(rule, "missing-direct-target.camel.yaml"))
        .singleElement()
        .asString()
        .startsWith(at("missing-direct-target.camel.yaml", 8))
        .contains(
            "sends to direct:missing-direct-targte, which no route consumes — correct the name"
                + " (did you mean direct:missing-direct-target?)");
  }

  @Test
  void anUnknownRouteConfigurationIsReported() {
    assertThat(check(rule, "unknown-route-configuration.camel.yaml"))
        .containsExactly(
            at("unknown-route-configuration.camel.yaml", 4)
                + "route 'unknown-route-configuration': routeConfigurationId 'no-such-errors' names"
                + " no routeConfiguration — correct the name, or add a routeConfiguration with that"
                + " id");
  }

  @Test
  void linksAreCheckedAcrossFiles() {
    // valid/order-flow.camel.yaml sends to routes and configurations of
    // valid/order-errors.camel.yaml
    assertThat(BrokenFixtures.checkValid(rule)).isEmpty();
  }
}
