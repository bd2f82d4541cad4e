package com.ordercloudhub.hub;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.core.metrics.ApplicationStartup;

/** -Dhub.startup-steps: the start-up steps /actuator/startup shows are recorded only when asked. */
class HubApplicationTest {

  @AfterEach
  void clear() {
    System.clearProperty(HubApplication.STARTUP_STEPS);
  }

  @Test
  void recordsStartupStepsWhenAsked() {
    System.setProperty(HubApplication.STARTUP_STEPS, "500");

    assertThat(HubApplication.application().getApplicationStartup())
        .isInstanceOf(BufferingApplicationStartup.class);
  }

  @Test
  void recordsNothingByDefault() {
    assertThat(HubApplication.application().getApplicationStartup())
        .isSameAs(ApplicationStartup.DEFAULT);
  }
}
