package com.ordercloudhub.hub.destination.erp;

import java.util.Map;
import java.util.Optional;

/**
 * One configured ERP: its name (the destination's, as in {@code direct:<name>-deliver-event}), its
 * settings and how it authenticates. Problems name the setting an operator changes: for the default
 * instance the environment variable ({@code ERP_BASE_URL}), for another its key ({@code
 * hub.erp.erp-eu.base-url}).
 */
record ErpInstance(String name, ErpProperties properties, ErpAuth auth) {

  /** The instance configured from ERP_BASE_URL and friends, and the one pre-hooks ask. */
  static final String DEFAULT = "erp";

  private static final Map<String, String> VARIABLES =
      Map.of(
          "base-url", "ERP_BASE_URL",
          "auth", "ERP_AUTH",
          "username", "ERP_USERNAME",
          "password", "ERP_PASSWORD",
          "token", "ERP_TOKEN");

  static ErpInstance of(String name, ErpProperties properties) {
    return new ErpInstance(
        name,
        properties,
        ErpAuth.of(properties.auth(), setting(name, "auth"), ErpInstances.key(name, "auth")));
  }

  /** What an operator sets for this field: the environment variable, or the key. */
  static String setting(String name, String field) {
    return DEFAULT.equals(name) && VARIABLES.containsKey(field)
        ? VARIABLES.get(field)
        : ErpInstances.key(name, field);
  }

  String setting(String field) {
    return setting(name, field);
  }

  /** Why this instance cannot be used now, empty when it can. */
  Optional<String> missing() {
    if (properties.baseUrl() == null || properties.baseUrl().isBlank()) {
      return Optional.of(setting("base-url") + " is not set");
    }
    return auth.missing(this);
  }

  /** The base URL without a trailing slash. */
  String baseUrl() {
    String url = properties.baseUrl().trim();
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  /** The Authorization header value, or empty for none. */
  Optional<String> authorization() {
    return auth.header(properties);
  }
}
