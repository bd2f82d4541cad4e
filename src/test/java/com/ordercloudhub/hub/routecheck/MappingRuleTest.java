package com.ordercloudhub.hub.routecheck;

import static com.ordercloudhub.hub.routecheck.BrokenFixtures.at;
import static com.ordercloudhub.hub.routecheck.BrokenFixtures.check;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MappingRuleTest {

  private final MappingRule rule = new MappingRule();

  @Test
  void aMappingThatDoesNotParseIsReportedWithItsOwnLine() {
    String mapping = "src/test/resources/conventions/mappings/crm/opportunity.jsonata";
    assertThat(check(rule, "broken-mapping.camel.yaml"))
        .singleElement()
        .asString()
        .startsWith(
            at("broken-mapping.camel.yaml", 10)
                + "route 'broken-mapping': mapping "
                + mapping
                + ":3 does not parse as JSONata: ")
        .endsWith(" — correct the expression near line 3 of " + mapping);
  }

  @Test
  void aMissingMappingIsLeftToTheResourceRuleAndValidMappingsPass() {
    assertThat(check(rule, "missing-mapping.camel.yaml")).isEmpty();
    assertThat(BrokenFixtures.checkValid(rule)).isEmpty();
  }
}
