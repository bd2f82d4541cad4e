package com.ordercloudhub.hub.config;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Application-wide beans: the clock. */
@Configuration(proxyBeanMethods = false)
class CoreConfig {

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }
}
