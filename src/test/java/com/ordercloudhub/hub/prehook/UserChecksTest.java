package com.ordercloudhub.hub.prehook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** user.created: allowed e-mail domains per buyer, "*" for every other buyer. */
class UserChecksTest {

  private static UserChecks checks(Map<String, List<String>> allowedDomains) {
    return new UserChecks(
        PreHookEvents.properties(PreHookEvents.orderRules(null, null, List.of()), allowedDomains));
  }

  private static PreHookFindings check(UserChecks checks, String buyerId, String email) {
    PreHookFindings findings = new PreHookFindings();
    checks.emailDomain(PreHookEvents.userCreated(buyerId, email), findings);
    return findings;
  }

  @Test
  void withoutAllowedDomainsEveryUserProceeds() {
    PreHookFindings findings = check(checks(Map.of()), "ACME", "jo@anywhere.example");

    assertThat(findings.conclude("x").proceed()).isTrue();
    assertThat(findings.checks())
        .containsExactly(
            new PreHookDecision.Check(
                "user-email-domain", "skipped", "no allowed domains configured for ACME"));
  }

  @Test
  void aBuyersOwnDomainsDecideForItsUsersInAnyCase() {
    UserChecks checks = checks(Map.of("ACME", List.of("acme.com", " acme.co.uk ")));

    assertThat(check(checks, "ACME", "jo@acme.com").hasErrors()).isFalse();
    assertThat(check(checks, "ACME", "Jo.Doe@ACME.COM").hasErrors()).isFalse();
    assertThat(check(checks, "ACME", "jo@acme.co.uk").hasErrors()).isFalse();
    assertThat(check(checks, "ACME", "jo@acme.com").checks())
        .containsExactly(
            new PreHookDecision.Check("user-email-domain", "passed", "acme.com is allowed"));

    PreHookDecision refused =
        check(checks, "ACME", "jo@evil.example").conclude("The user cannot be created");
    assertThat(refused.proceed()).isFalse();
    JsonNode error = refused.body().get("errors").get(0);
    assertThat(error.get("field").asText()).isEqualTo("Email");
    assertThat(error.get("rule").asText()).isEqualTo("user-email-domain");
    assertThat(error.get("message").asText())
        .startsWith(
            "The e-mail domain of jo@evil.example is not allowed for ACME; allowed: acme.com");
    // a subdomain or a look-alike is another domain
    assertThat(check(checks, "ACME", "jo@mail.acme.com").hasErrors()).isTrue();
    assertThat(check(checks, "ACME", "jo@acme.com.evil.example").hasErrors()).isTrue();
  }

  @Test
  void aUserWithoutAnEmailIsRefusedWhereDomainsAreRequired() {
    UserChecks checks = checks(Map.of("ACME", List.of("acme.com")));

    assertThat(check(checks, "ACME", null).conclude("x").body().at("/errors/0/message").asText())
        .startsWith("An e-mail address is not allowed for ACME");
    assertThat(check(checks, "ACME", "not-an-address").hasErrors()).isTrue();
  }

  @Test
  void theStarAppliesToEveryBuyerWithoutItsOwnEntry() {
    UserChecks checks =
        checks(Map.of("*", List.of("partner.example"), "ACME", List.of("acme.com")));

    assertThat(check(checks, "OTHER", "jo@partner.example").hasErrors()).isFalse();
    assertThat(check(checks, "OTHER", "jo@acme.com").hasErrors()).isTrue();
    // the buyer's own entry replaces the star, it does not add to it
    assertThat(check(checks, "ACME", "jo@partner.example").hasErrors()).isTrue();
    // self-registration has no buyer in its route: the star decides
    assertThat(check(checks, null, "jo@partner.example").hasErrors()).isFalse();
    assertThat(check(checks, null, "jo@elsewhere.example").hasErrors()).isTrue();
  }

  @Test
  void aBuyerWithoutAnEntryAndNoStarProceeds() {
    PreHookFindings findings =
        check(checks(Map.of("ACME", List.of("acme.com"))), "OTHER", "jo@anywhere.example");

    assertThat(findings.hasErrors()).isFalse();
    assertThat(findings.checks())
        .singleElement()
        .extracting(PreHookDecision.Check::outcome)
        .isEqualTo("skipped");
  }
}
