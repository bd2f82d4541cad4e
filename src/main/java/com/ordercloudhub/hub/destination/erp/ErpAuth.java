package com.ordercloudhub.hub.destination.erp;

import com.ordercloudhub.hub.config.SettingException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/** How the hub authenticates to an ERP instance ({@code ERP_AUTH}, {@code hub.erp.<name>.auth}). */
enum ErpAuth {
  NONE,
  BASIC,
  BEARER;

  /**
   * @param variable what the operator sets ({@code ERP_AUTH}), named when the value is wrong
   * @param key the Spring key behind it
   */
  static ErpAuth of(String value, String variable, String key) {
    String text = value == null || value.isBlank() ? "none" : value.trim();
    try {
      return valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new SettingException(
          variable,
          key,
          "is \"" + text + "\", not one of none, basic, bearer",
          "Set " + variable + " to none, basic or bearer.");
    }
  }

  /** What is missing for this kind of authentication, if anything. */
  Optional<String> missing(ErpInstance instance) {
    ErpProperties erp = instance.properties();
    return switch (this) {
      case NONE -> Optional.empty();
      case BASIC ->
          blank(erp.username()) || blank(erp.password())
              ? Optional.of(
                  instance.setting("auth")
                      + "=basic needs "
                      + instance.setting("username")
                      + " and "
                      + instance.setting("password"))
              : Optional.empty();
      case BEARER ->
          blank(erp.token())
              ? Optional.of(instance.setting("auth") + "=bearer needs " + instance.setting("token"))
              : Optional.empty();
    };
  }

  /** The Authorization header value, or empty for none. */
  Optional<String> header(ErpProperties erp) {
    return switch (this) {
      case NONE -> Optional.empty();
      case BASIC ->
          Optional.of(
              "Basic "
                  + Base64.getEncoder()
                      .encodeToString(
                          (erp.username() + ":" + erp.password())
                              .getBytes(StandardCharsets.UTF_8)));
      case BEARER -> Optional.of("Bearer " + erp.token());
    };
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
