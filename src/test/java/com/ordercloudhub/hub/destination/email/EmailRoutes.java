package com.ordercloudhub.hub.destination.email;

import com.ordercloudhub.hub.config.SecretRule;
import com.ordercloudhub.hub.event.PayloadRedactor;
import com.ordercloudhub.hub.event.StoreProperties;
import java.time.Clock;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The email routes alone (routes/destinations/email.camel.yaml and the delivery route
 * configurations it attaches to) with the real beans they reference: the Message Sender composer
 * and its model, the templates in templates/email/, the order notice and the MIME composer. The
 * event store (the database) is for the test to mock; the sends themselves are mocked by step id.
 *
 * <p>No @Configuration: the whole-hub tests' component scan must not pick it up (the test names
 * it).
 */
@ImportAutoConfiguration({CamelAutoConfiguration.class, JacksonAutoConfiguration.class})
@EnableConfigurationProperties({
  MailProperties.class,
  MessageProperties.class,
  MandrillFormat.class,
  StoreProperties.class
})
@Import({
  MessageEmails.class,
  MessageModel.class,
  EmailTemplates.class,
  OrderNotices.class,
  MailComposer.class,
  MailRouting.class,
  PayloadRedactor.class
})
class EmailRoutes {

  static final String ROUTES =
      "camel.main.routes-include-pattern="
          + "file:routes/shared/delivery.camel.yaml,file:routes/destinations/email.camel.yaml";

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean
  SecretRule secretRule(StoreProperties store) {
    return store.secretRule();
  }
}
