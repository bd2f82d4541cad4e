package com.ordercloudhub.hub.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The charts' settings are checked at start: a step that would not start buckets on round clock
 * times, or a default window beyond the longest allowed, stops the hub with the key to fix.
 */
class ChartsPropertiesTest {

  static ChartsProperties with(int hours, int maxHours, Duration step) {
    return new ChartsProperties(hours, maxHours, step, 8, Duration.ofSeconds(30));
  }

  @Test
  void aStepMustBeAWholeFractionOfAnHourFromAMinuteToAnHour() {
    for (Duration good :
        new Duration[] {
          Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofHours(1)
        }) {
      assertThat(with(24, 168, good).step()).isEqualTo(good);
    }
    for (Duration bad :
        new Duration[] {
          Duration.ofSeconds(30),
          Duration.ofMinutes(7),
          Duration.ofSeconds(301),
          Duration.ofHours(2)
        }) {
      assertThatThrownBy(() -> with(24, 168, bad))
          .as(bad.toString())
          .hasMessageContaining("hub.ops.charts.step");
    }
  }

  @Test
  void theDefaultWindowFitsTheLongestAndTheCacheIsNotNegative() {
    assertThatThrownBy(() -> with(200, 168, Duration.ofMinutes(5)))
        .hasMessageContaining("hub.ops.charts.max-hours");
    assertThatThrownBy(
            () -> new ChartsProperties(24, 168, Duration.ofMinutes(5), 8, Duration.ofSeconds(-1)))
        .hasMessageContaining("hub.ops.charts.cache");
  }

  @Test
  void theApiTakesAWholeNumberOfHoursWithinTheLimit() {
    ChartsProperties settings = with(24, 168, Duration.ofMinutes(5));
    assertThat(ChartsController.hours(null, settings)).isEqualTo(24);
    assertThat(ChartsController.hours(" ", settings)).isEqualTo(24);
    assertThat(ChartsController.hours("1", settings)).isEqualTo(1);
    assertThat(ChartsController.hours("168", settings)).isEqualTo(168);
    for (String bad : new String[] {"0", "169", "2h", "1e2", "+-1"}) {
      assertThatThrownBy(() -> ChartsController.hours(bad, settings))
          .as(bad)
          .isInstanceOf(OpsParameters.BadParameter.class);
    }
  }
}
