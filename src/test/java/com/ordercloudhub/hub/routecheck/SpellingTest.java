package com.ordercloudhub.hub.routecheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** Route-check suggestions: a kebab-case spelling of any name, and the name a typo meant. */
class SpellingTest {

  static final Set<String> ROUTES =
      Set.of("crm-upsert-order", "erp-create-order", "prehook-order-submitted");

  @Test
  void camelCaseSnakeCaseAndSpacesBecomeKebabCase() {
    assertThat(Spelling.kebab("crmUpsertOrder")).isEqualTo("crm-upsert-order");
    assertThat(Spelling.kebab("CrmUpsertOrder")).isEqualTo("crm-upsert-order");
    assertThat(Spelling.kebab("crm_upsert_order")).isEqualTo("crm-upsert-order");
    assertThat(Spelling.kebab("crm upsert  order")).isEqualTo("crm-upsert-order");
    assertThat(Spelling.kebab("erp2Orders")).isEqualTo("erp2-orders");
    assertThat(Spelling.kebab("-Crm.Order-")).isEqualTo("crm-order");
  }

  @Test
  void whatKebabReturnsIsKebabCase() {
    for (String name :
        new String[] {"crmUpsertOrder", "crm_upsert_order", "__Erp__Send__", "a1B2"}) {
      assertThat(Spelling.kebab(name)).as(name).matches(Spelling.KEBAB_CASE);
    }
  }

  @Test
  void kebabCaseIsLowerCaseWordsJoinedBySingleDashes() {
    assertThat("crm-upsert-order").matches(Spelling.KEBAB_CASE);
    assertThat("erp2-orders").matches(Spelling.KEBAB_CASE);
    assertThat("crmUpsertOrder").doesNotMatch(Spelling.KEBAB_CASE);
    assertThat("crm--order").doesNotMatch(Spelling.KEBAB_CASE);
    assertThat("-crm").doesNotMatch(Spelling.KEBAB_CASE);
    assertThat("crm-").doesNotMatch(Spelling.KEBAB_CASE);
    assertThat("2crm").doesNotMatch(Spelling.KEBAB_CASE);
    assertThat("crm_order").doesNotMatch(Spelling.KEBAB_CASE);
  }

  @Test
  void aTypoIsAnsweredWithTheNameItMeant() {
    assertThat(Spelling.closest("crm-upsert-ordr", ROUTES)).contains("crm-upsert-order");
    assertThat(Spelling.closest("crm-upsret-order", ROUTES)).contains("crm-upsert-order");
    assertThat(Spelling.closest("erp-create-orders", ROUTES)).contains("erp-create-order");
    assertThat(Spelling.closest("crm-upsert-order", ROUTES)).contains("crm-upsert-order");
  }

  @Test
  void aNameFarFromEveryOtherHasNoSuggestion() {
    assertThat(Spelling.closest("database-insert-event", ROUTES)).isEmpty();
    assertThat(Spelling.closest("crm-upsert-order", Set.of())).isEmpty();
  }

  @Test
  void aLongerNameAllowsMoreEditsThanAShortOne() {
    // up to max(2, length / 5) edits: 2 for a short name, 4 for a 20-character one
    assertThat(Spelling.closest("abcxyz", Set.of("abc"))).isEmpty();
    assertThat(Spelling.closest("abcxy", Set.of("abc"))).contains("abc");
    String twenty = "prehook-order-submit"; // 20 characters
    assertThat(Spelling.closest(twenty, Set.of("prehook-order-submitted"))).isPresent();
    assertThat(Spelling.closest("prehook-ord-sub", Set.of("prehook-order-submitted"))).isEmpty();
  }

  @Test
  void theClosestOfSeveralCandidatesWins() {
    assertThat(Spelling.closest("crm-order", Set.of("crm-orders", "crm-ordered")))
        .contains("crm-orders");
  }
}
