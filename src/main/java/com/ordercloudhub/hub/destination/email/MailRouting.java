package com.ordercloudhub.hub.destination.email;

import org.springframework.stereotype.Component;

/** Whether email goes to an SMTP server or, without SMTP_HOST, to the file outbox. */
@Component("mailRouting")
public class MailRouting {

  private final MailProperties properties;

  public MailRouting(MailProperties properties) {
    this.properties = properties;
  }

  public boolean smtp() {
    return properties.smtp();
  }
}
