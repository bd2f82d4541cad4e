package com.ordercloudhub.hub.prehook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ordercloudhub.hub.event.ReceivedEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The order rules on an order already read: totals against the limits (configuration, overridden by
 * ConfigData) and required xp (configuration plus ConfigData). Each failed rule is named.
 */
class OrderSubmitChecksTest {

  private static OrderSubmitChecks rules(String max, String min, List<String> requiredXp) {
    return new OrderSubmitChecks(
        null,
        null,
        PreHookEvents.properties(
            PreHookEvents.orderRules(max, min, requiredXp), java.util.Map.of()));
  }

  static ObjectNode order(String total, String xp) {
    ObjectNode order =
        PreHookEvents.json("{\"ID\":\"SO-1\",\"Currency\":\"USD\",\"xp\":" + xp + "}");
    if (total != null) {
      order.put("Total", new java.math.BigDecimal(total));
    }
    return order;
  }

  private static PreHookFindings totals(OrderSubmitChecks rules, String config, JsonNode order) {
    PreHookFindings findings = new PreHookFindings();
    rules.totals(event(config), order, findings);
    return findings;
  }

  private static PreHookFindings requiredXp(
      OrderSubmitChecks rules, String config, JsonNode order) {
    PreHookFindings findings = new PreHookFindings();
    rules.requiredXp(event(config), order, findings);
    return findings;
  }

  private static ReceivedEvent event(String configData) {
    return PreHookEvents.orderSubmitted(configData == null ? null : PreHookEvents.json(configData));
  }

  private static List<String> errors(PreHookFindings findings, String part) {
    return findings.conclude("x").body().get("errors").findValuesAsText(part);
  }

  // --- totals -----------------------------------------------------------------------------------

  @Test
  void aTotalOverTheConfigDataMaximumBlocks() {
    PreHookFindings findings =
        totals(rules("10000", null, List.of()), "{\"maxOrderTotal\":5000}", order("7250.50", "{}"));

    PreHookDecision decision = findings.conclude("The order cannot be submitted");
    assertThat(decision.proceed()).isFalse();
    assertThat(decision.body().get("message").asText()).isEqualTo("The order cannot be submitted");
    JsonNode error = decision.body().get("errors").get(0);
    assertThat(error.get("field").asText()).isEqualTo("Total");
    assertThat(error.get("rule").asText()).isEqualTo("order-max-total");
    assertThat(error.get("message").asText())
        .isEqualTo("The order total 7250.5 USD is over the limit of 5000 USD");
  }

  @Test
  void aTotalUnderTheConfiguredMinimumBlocks() {
    PreHookFindings findings = totals(rules(null, "25", List.of()), null, order("19.99", "{}"));

    assertThat(errors(findings, "rule")).containsExactly("order-min-total");
    assertThat(errors(findings, "message"))
        .containsExactly("The order total 19.99 USD is under the minimum of 25 USD");
  }

  @Test
  void configDataOverridesTheConfiguredLimits() {
    OrderSubmitChecks rules = rules("100", "50", List.of());

    assertThat(
            totals(rules, "{\"maxOrderTotal\":\"500\",\"minOrderTotal\":5}", order("20", "{}"))
                .hasErrors())
        .isFalse();
    assertThat(totals(rules, null, order("20", "{}")).hasErrors()).isTrue();
    // an unreadable ConfigData value falls back to the configured limit
    assertThat(errors(totals(rules, "{\"maxOrderTotal\":\"lots\"}", order("150", "{}")), "rule"))
        .containsExactly("order-max-total");
  }

  @Test
  void totalsOnTheLimitsPass() {
    OrderSubmitChecks rules = rules("5000", "25", List.of());

    PreHookFindings atMax = totals(rules, null, order("5000.00", "{}"));
    PreHookFindings atMin = totals(rules, null, order("25", "{}"));

    assertThat(atMax.hasErrors()).isFalse();
    assertThat(atMax.checks())
        .containsExactly(
            new PreHookDecision.Check("order-total", "passed", "total 5000 USD within limits"));
    assertThat(atMin.hasErrors()).isFalse();
  }

  @Test
  void withoutLimitsTheTotalIsNotChecked() {
    PreHookFindings findings = totals(rules(null, null, List.of()), "{}", order("1e9", "{}"));

    assertThat(findings.hasErrors()).isFalse();
    assertThat(findings.checks())
        .containsExactly(
            new PreHookDecision.Check("order-total", "skipped", "no limits configured"));
  }

  @Test
  void anOrderWithoutATotalCountsAsZero() {
    assertThat(errors(totals(rules(null, "1", List.of()), null, order(null, "{}")), "rule"))
        .containsExactly("order-min-total");
  }

  // --- required xp ------------------------------------------------------------------------------

  @Test
  void aMissingRequiredXpBlocksNamingIt() {
    OrderSubmitChecks rules = rules(null, null, List.of("poNumber"));

    for (String xp : List.of("{}", "{\"poNumber\":null}", "{\"poNumber\":\"  \"}")) {
      PreHookFindings findings = requiredXp(rules, null, order("10", xp));
      assertThat(errors(findings, "field")).as(xp).containsExactly("xp.poNumber");
      assertThat(errors(findings, "rule")).as(xp).containsExactly("order-required-xp");
      assertThat(errors(findings, "message")).as(xp).containsExactly("xp.poNumber is required");
    }
    PreHookFindings present = requiredXp(rules, null, order("10", "{\"poNumber\":\"PO-7781\"}"));
    assertThat(present.hasErrors()).isFalse();
    assertThat(present.checks())
        .containsExactly(
            new PreHookDecision.Check("order-required-xp", "passed", "present: [poNumber]"));
  }

  @Test
  void configDataAddsRequiredXpAsAListOrCommaSeparatedWithNestedPaths() {
    OrderSubmitChecks rules = rules(null, null, List.of("poNumber"));
    JsonNode order = order("10", "{\"poNumber\":\"PO-1\",\"shipping\":{\"dock\":\"\"}}");

    assertThat(errors(requiredXp(rules, "{\"requiredXp\":[\"costCenter\"]}", order), "field"))
        .containsExactly("xp.costCenter");
    assertThat(
            errors(
                requiredXp(rules, "{\"requiredXp\":\"costCenter, shipping.dock,,\"}", order),
                "field"))
        .containsExactly("xp.costCenter", "xp.shipping.dock");
    assertThat(
            requiredXp(
                    rules,
                    "{\"requiredXp\":[\"shipping.dock\"]}",
                    order("10", "{\"poNumber\":\"PO-1\",\"shipping\":{\"dock\":\"D2\"}}"))
                .hasErrors())
        .isFalse();
  }

  @Test
  void withoutRequiredXpNothingIsChecked() {
    PreHookFindings findings = requiredXp(rules(null, null, List.of()), "{}", order("10", "{}"));

    assertThat(findings.checks())
        .containsExactly(
            new PreHookDecision.Check("order-required-xp", "skipped", "no required xp configured"));
  }

  @Test
  void anOrderFailingTwoRulesNamesBoth() {
    OrderSubmitChecks rules = rules(null, null, List.of("poNumber"));
    ReceivedEvent event = event("{\"maxOrderTotal\":5000}");
    JsonNode order = order("7250", "{}");
    PreHookFindings findings = new PreHookFindings();

    rules.totals(event, order, findings);
    rules.requiredXp(event, order, findings);

    PreHookDecision decision = findings.conclude("The order cannot be submitted");
    assertThat(decision.proceed()).isFalse();
    assertThat(decision.body().get("errors").findValuesAsText("rule"))
        .containsExactly("order-max-total", "order-required-xp");
    assertThat(decision.body().get("errors").findValuesAsText("field"))
        .containsExactly("Total", "xp.poNumber");
    assertThat(decision.checks()).extracting(PreHookDecision.Check::outcome).containsOnly("failed");
  }

  // --- which orders are read at all --------------------------------------------------------------

  @Test
  void withoutAnyRuleTheOrderIsNotRead() {
    PreHookFindings findings = new PreHookFindings();

    assertThat(rules(null, null, List.of()).anyRules(event("{\"strict\":true}"), findings))
        .isFalse();
    assertThat(findings.checks())
        .containsExactly(
            new PreHookDecision.Check("order-rules", "skipped", "no order rules configured"));
    assertThat(rules(null, null, List.of()).erpCheckEnabled()).isFalse();
  }

  @Test
  void aRuleFromConfigurationOrConfigDataMeansTheOrderIsRead() {
    assertThat(
            rules(null, null, List.of())
                .anyRules(event("{\"maxOrderTotal\":1}"), new PreHookFindings()))
        .isTrue();
    assertThat(
            rules(null, null, List.of())
                .anyRules(event("{\"requiredxp\":\"a\"}"), new PreHookFindings()))
        .isTrue();
    assertThat(rules(null, "1", List.of()).anyRules(event(null), new PreHookFindings())).isTrue();
    assertThat(rules(null, null, List.of("poNumber")).anyRules(event(null), new PreHookFindings()))
        .isTrue();
  }
}
