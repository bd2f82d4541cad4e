package com.ordercloudhub.hub.destination.email;

import org.apache.camel.Ordered;
import org.apache.camel.component.mail.MailComponent;
import org.apache.camel.spi.ComponentCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Gives camel-mail the SMTP login, when there is one: never in a URI, so never in a log. */
@Configuration(proxyBeanMethods = false)
class MailConfig {

  @Bean
  ComponentCustomizer smtpLogin(MailProperties mail) {
    // last, after the starter's own customizer, which copies camel.component.smtp.* defaults
    return ComponentCustomizer.builder(MailComponent.class)
        .withOrder(Ordered.LOWEST)
        .build(
            component -> {
              if (mail.username() != null && !mail.username().isBlank()) {
                component.getConfiguration().setUsername(mail.username());
                component.getConfiguration().setPassword(mail.password());
              }
            });
  }
}
