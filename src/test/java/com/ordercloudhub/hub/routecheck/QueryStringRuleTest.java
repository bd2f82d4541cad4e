package com.ordercloudhub.hub.routecheck;

import static com.ordercloudhub.hub.routecheck.BrokenFixtures.at;
import static com.ordercloudhub.hub.routecheck.BrokenFixtures.check;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QueryStringRuleTest {

  private final QueryStringRule rule = new QueryStringRule();

  @Test
  void aUriWithAQueryStringIsReportedInTheMapAndTheShorthandForm() {
    String file = "query-string-uri.camel.yaml";
    String fix = " — write `uri` + `parameters` (each option a key under `parameters`)";
    assertThat(check(rule, file))
        .containsExactlyInAnyOrder(
            at(file, 6)
                + "route 'query-string-uri': uri 'timer:query-string-uri?period=60000' has a query"
                + " string"
                + fix,
            at(file, 10)
                + "route 'query-string-uri': uri 'log:query-string-uri?level=DEBUG' has a query"
                + " string"
                + fix);
  }

  @Test
  void uriAndParametersPass() {
    assertThat(BrokenFixtures.checkValid(rule)).isEmpty();
  }
}
