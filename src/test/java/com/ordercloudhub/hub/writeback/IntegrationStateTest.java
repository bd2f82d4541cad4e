package com.ordercloudhub.hub.writeback;

import static org.assertj.core.api.Assertions.assertThat;

import com.ordercloudhub.hub.support.Fixtures;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** An order's status from the legs of its events, and the PATCH body it makes. */
class IntegrationStateTest {

  static IntegrationState.Leg leg(String event, String destination, String status, String ref) {
    return new IntegrationState.Leg(event, destination, status, ref);
  }

  @Test
  void deliveredLegsAreSyncedWithTheirReferences() {
    IntegrationState state =
        IntegrationState.of(
            List.of(
                leg("e1", "erp", "delivered", "ERP-1"),
                leg("e1", "database", "delivered", null),
                leg("e1", "crm", "skipped", null)),
            d -> true);

    assertThat(state.settled()).isTrue();
    assertThat(state.status()).isEqualTo("Synced");
    assertThat(
            state.patchBody(
                Fixtures.mapper(), "Integration", Instant.parse("2026-01-02T03:04:05Z")))
        .isEqualTo(
            "{\"xp\":{\"Integration\":{\"Status\":\"Synced\",\"Destinations\":{"
                + "\"database\":{\"Status\":\"delivered\"},"
                + "\"erp\":{\"Status\":\"delivered\",\"Reference\":\"ERP-1\"}},"
                + "\"UpdatedAt\":\"2026-01-02T03:04:05Z\"}}}");
  }

  @Test
  void aDeadLegOfAnyEventNeedsAttentionUntilItIsDelivered() {
    List<IntegrationState.Leg> dead =
        List.of(
            leg("submitted", "erp", "dead", null),
            leg("submitted", "database", "delivered", null),
            leg("approved", "database", "delivered", null));
    IntegrationState attention = IntegrationState.of(dead, d -> true);
    assertThat(attention.status()).isEqualTo("NeedsAttention");
    assertThat(attention.destinations().get("erp").status()).isEqualTo("dead");
    assertThat(attention.settled()).isTrue();

    // a later event delivered to the same destination does not hide the dead leg
    IntegrationState later =
        IntegrationState.of(
            List.of(
                leg("submitted", "erp", "dead", null), leg("canceled", "erp", "delivered", null)),
            d -> true);
    assertThat(later.status()).isEqualTo("NeedsAttention");
    assertThat(later.destinations().get("erp").status()).isEqualTo("dead");

    IntegrationState replayed =
        IntegrationState.of(
            List.of(
                leg("submitted", "erp", "delivered", "ERP-9"),
                leg("canceled", "erp", "delivered", null)),
            d -> true);
    assertThat(replayed.status()).isEqualTo("Synced");
    // the latest reference the destination gave
    assertThat(replayed.destinations().get("erp").reference()).isEqualTo("ERP-9");
  }

  @Test
  void aPendingOrRetryingLegIsNotSettled() {
    assertThat(
            IntegrationState.of(
                    List.of(
                        leg("e", "erp", "retrying", null), leg("e", "database", "delivered", null)),
                    d -> true)
                .settled())
        .isFalse();
    assertThat(IntegrationState.of(List.of(leg("e", "erp", "pending", null)), d -> true).settled())
        .isFalse();
  }

  @Test
  void onlyTheDestinationsThatCountAreLookedAt() {
    Set<String> counted = Set.of("erp");
    IntegrationState state =
        IntegrationState.of(
            List.of(
                leg("e", "erp", "delivered", "ERP-2"),
                leg("e", "database", "dead", null),
                leg("e", "notice", "retrying", null)),
            counted::contains);

    assertThat(state.settled()).isTrue();
    assertThat(state.status()).isEqualTo("Synced");
    assertThat(state.destinations()).containsOnlyKeys("erp");
    assertThat(
            IntegrationState.of(List.of(leg("e", "database", "dead", null)), counted::contains)
                .isEmpty())
        .isTrue();
  }
}
