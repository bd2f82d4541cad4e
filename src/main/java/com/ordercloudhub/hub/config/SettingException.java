package com.ordercloudhub.hub.config;

/**
 * A required setting is absent or unusable. Start-up fails with a message that names the
 * environment variable an operator sets, not only the Spring key behind it.
 */
public class SettingException extends RuntimeException {

  private final String variable;
  private final String key;
  private final String action;

  public SettingException(String variable, String key, String problem, String action) {
    super(variable + " " + problem + " (setting " + key + ")");
    this.variable = variable;
    this.key = key;
    this.action = action;
  }

  public String variable() {
    return variable;
  }

  public String key() {
    return key;
  }

  public String action() {
    return action;
  }
}
