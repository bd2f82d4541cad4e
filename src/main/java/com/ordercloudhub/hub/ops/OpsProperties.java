package com.ordercloudhub.hub.ops;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The operations login (operations API, Hawtio, metrics).
 *
 * @param username from {@code HUB_OPS_USERNAME}
 * @param password from {@code HUB_OPS_PASSWORD}
 * @param generatePassword when no password is set, generate one and print it (dev profile only)
 * @param allowedOrigins browser origins Jolokia (Hawtio) accepts, e.g. {@code
 *     https://hub.example.com}; {@code *} matches any characters
 */
@ConfigurationProperties("hub.ops")
record OpsProperties(
    String username,
    String password,
    @DefaultValue("false") boolean generatePassword,
    @DefaultValue({"http://localhost:*", "http://127.0.0.1:*"})
        java.util.List<String> allowedOrigins) {

  @Override
  public String toString() {
    return "OpsProperties[username=" + username + ", password=***]";
  }
}
