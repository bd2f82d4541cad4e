package com.ordercloudhub.hub.prehook;

import com.fasterxml.jackson.databind.JsonNode;
import com.ordercloudhub.hub.event.JsonFields;
import com.ordercloudhub.hub.event.ReceivedEvent;
import java.util.List;
import java.util.Locale;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.springframework.stereotype.Component;

/** Checks a user before OrderCloud creates it (user.created): allowed e-mail domains per buyer. */
@Component("userChecks")
public class UserChecks {

  private final PreHookProperties properties;

  public UserChecks(PreHookProperties properties) {
    this.properties = properties;
  }

  public void emailDomain(
      @Body ReceivedEvent event,
      @ExchangeProperty(PreHookFindings.PROPERTY) PreHookFindings findings) {
    String buyer = JsonFields.text(JsonFields.get(event.payload(), "RouteParams"), "buyerID");
    var rules = properties.userCreated().allowedDomains();
    List<String> allowed =
        buyer != null && rules.containsKey(buyer) ? rules.get(buyer) : rules.get("*");
    if (allowed == null || allowed.isEmpty()) {
      findings.skipped(
          "user-email-domain",
          "no allowed domains configured" + (buyer == null ? "" : " for " + buyer));
      return;
    }
    JsonNode user = JsonFields.path(event.payload(), "Request", "Body");
    String email = JsonFields.text(user, "Email");
    String domain =
        email == null || !email.contains("@")
            ? null
            : email.substring(email.lastIndexOf('@') + 1).trim().toLowerCase(Locale.ROOT);
    boolean ok =
        domain != null && allowed.stream().anyMatch(d -> d.trim().equalsIgnoreCase(domain));
    if (ok) {
      findings.passed("user-email-domain", domain + " is allowed");
    } else {
      findings.failed(
          "user-email-domain",
          "Email",
          (email == null ? "An e-mail address" : "The e-mail domain of " + email)
              + " is not allowed"
              + (buyer == null ? "" : " for " + buyer)
              + "; allowed: "
              + String.join(", ", allowed));
    }
  }
}
