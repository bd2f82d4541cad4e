package com.ordercloudhub.hub.destination.erp;

import com.ordercloudhub.hub.config.SettingException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/** How the hub authenticates to the ERP ({@code ERP_AUTH}). */
enum ErpAuth {
  NONE,
  BASIC,
  BEARER;

  static ErpAuth of(String value) {
    String text = value == null || value.isBlank() ? "none" : value.trim();
    try {
      return valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new SettingException(
          "ERP_AUTH",
          "hub.erp.auth",
          "is \"" + text + "\", not one of none, basic, bearer",
          "Set ERP_AUTH to none, basic or bearer.");
    }
  }

  /** What is missing for this kind of authentication, if anything. */
  Optional<String> missing(ErpProperties erp) {
    return switch (this) {
      case NONE -> Optional.empty();
      case BASIC ->
          blank(erp.username()) || blank(erp.password())
              ? Optional.of("ERP_AUTH=basic needs ERP_USERNAME and ERP_PASSWORD")
              : Optional.empty();
      case BEARER ->
          blank(erp.token()) ? Optional.of("ERP_AUTH=bearer needs ERP_TOKEN") : Optional.empty();
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
