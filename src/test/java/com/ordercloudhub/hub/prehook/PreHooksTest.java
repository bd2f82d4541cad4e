package com.ordercloudhub.hub.prehook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a decision is called in the metrics, what it answers, and which budget and policy each event
 * type gets.
 */
class PreHooksTest {

  static PreHookDecision.Check check(String outcome) {
    return new PreHookDecision.Check("c-" + outcome, outcome, null);
  }

  static PreHookDecision decision(boolean proceed, String... outcomes) {
    return new PreHookDecision(
        proceed, null, java.util.Arrays.stream(outcomes).map(PreHooksTest::check).toList());
  }

  @Test
  void theOutcomeSaysWhetherItProceededAndWhetherItWasChecked() {
    assertThat(PreHooks.outcome(decision(true, "passed", "skipped"))).isEqualTo("proceed");
    assertThat(PreHooks.outcome(decision(true))).isEqualTo("proceed");
    assertThat(PreHooks.outcome(decision(false, "passed", "failed"))).isEqualTo("block");
    assertThat(PreHooks.outcome(decision(true, "passed", "unchecked")))
        .isEqualTo("proceed-unchecked");
    assertThat(PreHooks.outcome(decision(false, "unchecked"))).isEqualTo("block-unchecked");
    assertThat(PreHooks.outcome(PreHookDecision.proceedUnchecked())).isEqualTo("proceed");
  }

  @Test
  void theAnswerIsLowerCaseAndCarriesABodyOnlyWhenBlocking() {
    var body = JsonNodeFactory.instance.objectNode().put("message", "no");

    assertThat(new PreHookDecision(true, body, List.of()).answer().toString())
        .isEqualTo("{\"proceed\":true}");
    assertThat(new PreHookDecision(false, body, List.of()).answer().toString())
        .isEqualTo("{\"proceed\":false,\"body\":{\"message\":\"no\"}}");
    assertThat(new PreHookDecision(false, null, List.of()).answer().toString())
        .isEqualTo("{\"proceed\":false}");
  }

  @Test
  void aBlockListsEveryErrorWithItsHeadlineAndTheSuggestion() {
    PreHookFindings findings = new PreHookFindings();
    findings.passed("a", "ok");
    findings.failed("b", "Zip", "ZIP does not match city");
    findings.failed("c", null, "The service could not verify the address");
    findings.suggest(PreHookEvents.json("{\"Zip\":\"55425-1021\"}"));

    assertThat(findings.conclude("The address could not be accepted").answer().toString())
        .isEqualTo(
            "{\"proceed\":false,\"body\":{\"message\":\"The address could not be accepted\","
                + "\"errors\":[{\"field\":\"Zip\",\"rule\":\"b\",\"message\":\"ZIP does not match city\"},"
                + "{\"rule\":\"c\",\"message\":\"The service could not verify the address\"}],"
                + "\"suggestion\":{\"Zip\":\"55425-1021\"}}}");
    findings.blockMessage("The address could not be verified");
    assertThat(findings.conclude("x").body().get("message").asText())
        .isEqualTo("The address could not be verified");
  }

  @Test
  void aSuggestionAloneDoesNotBlock() {
    PreHookFindings findings = new PreHookFindings();
    findings.passed("address-external", "verdict valid");
    findings.suggest(PreHookEvents.json("{\"Zip\":\"55425-1021\"}"));

    assertThat(findings.conclude("x").answer().toString()).isEqualTo("{\"proceed\":true}");
  }

  @Test
  void eachEventTypeHasItsBudgetAndPolicyOrTheDefaults() {
    PreHookProperties properties = PreHookEvents.properties();

    assertThat(properties.budgetFor("address.saved")).isEqualTo(Duration.ofMillis(1500));
    assertThat(properties.policyFor("address.saved")).isEqualTo(PreHookProperties.Policy.FAIL_OPEN);
    assertThat(properties.budgetFor("order.submitted")).isEqualTo(Duration.ofSeconds(3));
    assertThat(properties.policyFor("order.submitted"))
        .isEqualTo(PreHookProperties.Policy.FAIL_CLOSED);
    assertThat(properties.budgetFor("user.created")).isEqualTo(Duration.ofSeconds(3));
    assertThat(properties.policyFor("user.created")).isEqualTo(PreHookProperties.Policy.FAIL_OPEN);
    assertThat(properties.policyFor(null)).isEqualTo(PreHookProperties.Policy.FAIL_OPEN);
  }
}
