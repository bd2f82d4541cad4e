package com.ordercloudhub.hub;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The OrderCloud integration hub: receives webhooks and Message Sender calls, routes them with
 * Camel.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class HubApplication {

  public static void main(String[] args) {
    SpringApplication.run(HubApplication.class, args);
  }
}
