package com.ordercloudhub.hub.config;

/**
 * The secret rule the log encoder applies. Logback starts before Spring, so until the hub's
 * configured rule is installed the built-in one is used.
 */
public final class LogSafety {

  private static volatile SecretRule rule = SecretRule.defaults();

  private LogSafety() {}

  public static SecretRule rule() {
    return rule;
  }

  public static void use(SecretRule configured) {
    rule = configured;
  }
}
