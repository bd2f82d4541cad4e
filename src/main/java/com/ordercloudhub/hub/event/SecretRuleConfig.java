package com.ordercloudhub.hub.event;

import com.ordercloudhub.hub.config.LogSafety;
import com.ordercloudhub.hub.config.SecretRule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The configured secret rule (hub.store), for stored payloads, answers, errors and the logs. */
@Configuration(proxyBeanMethods = false)
class SecretRuleConfig {

  @Bean
  SecretRule secretRule(StoreProperties store) {
    SecretRule rule = store.secretRule();
    LogSafety.use(rule);
    return rule;
  }
}
