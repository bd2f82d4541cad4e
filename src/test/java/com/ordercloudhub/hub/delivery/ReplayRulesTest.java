package com.ordercloudhub.hub.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReplayRulesTest {

  @ParameterizedTest(name = "{0}, force={1} → {2}")
  @CsvSource({
    "DEAD, false, REQUEUED",
    "RETRYING, false, REQUEUED",
    "SKIPPED, false, REQUEUED",
    "PENDING, false, ALREADY_QUEUED",
    "DELIVERED, false, REFUSED_DELIVERED",
    "DELIVERED, true, REQUEUED",
    "DEAD, true, REQUEUED",
    // a held leg replayed is checked again: held anew while the leg before it is still dead
    "HELD, false, REQUEUED"
  })
  void aDeliveredLegIsOnlySentAgainWhenForced(
      LegStatus status, boolean force, Replays.Outcome expected) {
    assertThat(Replays.decide(status, force)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({
    "DEAD, true",
    "RETRYING, true",
    "SKIPPED, true",
    "DELIVERED, false",
    "PENDING, false",
    // held legs go when the leg they wait for is replayed, or when released one by one
    "HELD, false"
  })
  void bulkReplayNeverSelectsDeliveredLegs(LegStatus status, boolean replayable) {
    assertThat(Replays.bulkReplayable(status)).isEqualTo(replayable);
  }
}
