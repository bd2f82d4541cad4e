package com.ordercloudhub.hub.routecheck;

import static com.ordercloudhub.hub.routecheck.BrokenFixtures.at;
import static com.ordercloudhub.hub.routecheck.BrokenFixtures.check;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SchemaRuleTest {

  private final SchemaRule rule = new SchemaRule();

  @Test
  void yamlThatDoesNotParseIsReportedAtItsLineWithTheIndentationFix() {
    assertThat(check(rule, "bad-indentation.camel.yaml"))
        .containsExactly(
            at("bad-indentation.camel.yaml", 7)
                + "does not parse as YAML: while parsing a block mapping: expected <block end>,"
                + " but found '<block mapping start>' — indent this line like its siblings (spaces"
                + " only; a key's children deeper than the key)");
  }

  @Test
  void aDuplicateKeyIsReportedAtTheSecondOne() {
    assertThat(check(rule, "duplicate-key.camel.yaml"))
        .containsExactly(
            at("duplicate-key.camel.yaml", 11)
                + "duplicate key 'message' (YAML keeps only one) — keep one of them");
  }

  @Test
  void schemaViolationsAreReportedAtTheOffendingKey() {
    assertThat(check(rule, "misplaced-steps.camel.yaml", "unknown-eip.camel.yaml"))
        .containsExactly(
            at("misplaced-steps.camel.yaml", 5)
                + "schema: $[0].route.from: required property 'steps' not found — add 'steps' (or"
                + " indent it under this key)",
            at("misplaced-steps.camel.yaml", 7)
                + "schema: $[0].route: property 'steps' is not defined in the schema and the schema"
                + " does not allow additional properties — 'steps' is no EIP or option here: check"
                + " its spelling and its indentation (a key one level too shallow or deep lands in"
                + " the wrong place)",
            at("unknown-eip.camel.yaml", 8)
                + "schema: $[0].route.from.steps[0]: property 'frobnicate' is not defined in the"
                + " schema and the schema does not allow additional properties — 'frobnicate' is"
                + " no EIP or option here: check its spelling and its indentation (a key one level"
                + " too shallow or deep lands in the wrong place)");
  }

  @Test
  void filesBrokenInOtherWaysAndTheValidOnesPass() {
    assertThat(check(rule, "route-without-id.camel.yaml", "missing-step-ids.camel.yaml")).isEmpty();
    assertThat(BrokenFixtures.checkValid(rule)).isEmpty();
  }
}
