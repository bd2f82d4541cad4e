package com.ordercloudhub.hub.routecheck;

import static com.ordercloudhub.hub.routecheck.BrokenFixtures.at;
import static com.ordercloudhub.hub.routecheck.BrokenFixtures.check;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResourceRuleTest {

  private final ResourceRule rule = new ResourceRule();

  @Test
  void aMissingMappingFileAndAMissingClasspathResourceAreReported() {
    String file = "missing-mapping.camel.yaml";
    assertThat(check(rule, file))
        .containsExactly(
            at(file, 10)
                + "route 'missing-mapping': mapping file"
                + " src/test/resources/conventions/mappings/crm/acount.jsonata does not exist —"
                + " create it, or correct the name (in that folder: account.jsonata,"
                + " opportunity.jsonata)",
            at(file, 13)
                + "route 'missing-mapping': resource classpath:sql/no-such-statement.sql is not on"
                + " the classpath — correct the name, or add"
                + " src/main/resources/sql/no-such-statement.sql");
  }

  @Test
  void aMappingThatExistsIsNotThisRulesConcernEvenWhenItDoesNotParse() {
    assertThat(check(rule, "broken-mapping.camel.yaml")).isEmpty();
    assertThat(BrokenFixtures.checkValid(rule)).isEmpty();
  }
}
