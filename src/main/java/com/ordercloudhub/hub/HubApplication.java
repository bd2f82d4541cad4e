package com.ordercloudhub.hub;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The OrderCloud integration hub: receives webhooks and Message Sender calls, routes them with
 * Camel.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class HubApplication {

  /**
   * System property: record this many start-up steps (bean creations, …) for {@code
   * /actuator/startup} (README "Start-up"); unset, nothing is recorded.
   */
  static final String STARTUP_STEPS = "hub.startup-steps";

  public static void main(String[] args) {
    application().run(args);
  }

  /** The application as {@link #main} runs it: recording start-up steps when asked. */
  static SpringApplication application() {
    SpringApplication application = new SpringApplication(HubApplication.class);
    Integer steps = Integer.getInteger(STARTUP_STEPS);
    if (steps != null && steps > 0) {
      application.setApplicationStartup(new BufferingApplicationStartup(steps));
    }
    return application;
  }
}
