package com.ordercloudhub.hub.inbound;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The HTTP targets of OrderCloud Delivery Configurations, by name: {@code
 * hub.delivery-configs.<name>.*} for {@code /webhooks/ordercloud/delivery/<name>}, and {@code
 * default} for {@code /webhooks/ordercloud/delivery}. A name that is not configured (or configured
 * without a secret) is verified with {@code OC_HASH_KEYS}, so a setup with one key needs nothing
 * here. Names match in any case (environment variables bind them in lower case).
 *
 * @param deliveryConfigs each target's settings, by name
 */
@ConfigurationProperties("hub")
record DeliveryConfigProperties(@DefaultValue Map<String, Target> deliveryConfigs) {

  /** The name of the unnamed path's settings. */
  static final String DEFAULT = "default";

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

  /** RFC 9110 token characters: what a header name may be made of. */
  private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}");

  /** Headers the hub or the container reads for its own purpose: never a custom auth header. */
  private static final Set<String> RESERVED_HEADERS =
      Set.of(
          "x-oc-hash",
          "content-length",
          "content-type",
          "transfer-encoding",
          "host",
          "connection",
          "expect");

  DeliveryConfigProperties {
    Map<String, Target> byName = new LinkedHashMap<>();
    deliveryConfigs.forEach(
        (name, target) -> {
          if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                "hub.delivery-configs: a target name must be 1 to 100 letters, digits, '.', '_' or"
                    + " '-' (the last segment of /webhooks/ordercloud/delivery/<name>)");
          }
          String key = name.toLowerCase(Locale.ROOT);
          if (byName.put(key, target == null ? Target.NONE : target.checked(key)) != null) {
            throw new IllegalArgumentException(
                "hub.delivery-configs." + key + " is configured twice (names match in any case)");
          }
        });
    deliveryConfigs = Map.copyOf(byName);
  }

  /** The settings of a target by its lower-case name, or null. */
  Target target(String name) {
    return deliveryConfigs.get(name);
  }

  /**
   * One HTTP target's settings, as set on the Delivery Configuration in OrderCloud.
   *
   * @param secret the target's {@code Secret}: {@code X-oc-hash} on its path is verified with this
   *     alone; empty: with {@code OC_HASH_KEYS}
   * @param authHeaderName the target's {@code CustomAuthHeaderName}; empty: no header is asked for
   * @param authHeaderValue the target's {@code CustomAuthHeaderValue}, compared in constant time
   */
  record Target(String secret, String authHeaderName, String authHeaderValue) {

    static final Target NONE = new Target(null, null, null);

    Target {
      secret = blankToNull(secret); // exactly as set: a secret's spaces are its own
      authHeaderName = blankToNull(authHeaderName == null ? null : authHeaderName.trim());
      // a header value arrives without surrounding whitespace, so a configured one is trimmed too
      authHeaderValue = blankToNull(authHeaderValue == null ? null : authHeaderValue.trim());
    }

    boolean hasSecret() {
      return secret != null;
    }

    boolean hasAuthHeader() {
      return authHeaderName != null;
    }

    private Target checked(String name) {
      String where = "hub.delivery-configs." + name;
      if ((authHeaderName == null) != (authHeaderValue == null)) {
        throw new IllegalArgumentException(
            where
                + ".auth-header-name and .auth-header-value must be set together, as OrderCloud"
                + " requires of CustomAuthHeaderName and CustomAuthHeaderValue");
      }
      if (authHeaderName != null
          && (!HEADER_NAME.matcher(authHeaderName).matches()
              || RESERVED_HEADERS.contains(authHeaderName.toLowerCase(Locale.ROOT)))) {
        throw new IllegalArgumentException(
            where
                + ".auth-header-name must be an HTTP header name of letters, digits and '-' (not"
                + " X-oc-hash, Content-Type, Content-Length, Host or another the hub reads)");
      }
      return this;
    }

    private static String blankToNull(String value) {
      return value == null || value.isBlank() ? null : value;
    }

    /** Never the secret or the header's value: settings are logged and shown. */
    @Override
    public String toString() {
      return "Target[secret="
          + (secret == null ? "(OC_HASH_KEYS)" : "***")
          + ", authHeaderName="
          + authHeaderName
          + ", authHeaderValue="
          + (authHeaderValue == null ? null : "***")
          + "]";
    }
  }
}
