package com.ordercloudhub.hub.inbound;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Which Delivery Configuration HTTP target a request is for ({@code /webhooks/ordercloud/delivery}
 * and {@code …/delivery/{name}}), and the check of its optional custom auth header. The header is
 * checked before the body is read (at the door) and again by the route: a wrong or missing one is
 * {@code 401 invalid_auth_header}. Its value is compared in constant time and never logged.
 */
@Component
final class DeliveryTargets {

  private static final Logger log = LoggerFactory.getLogger(DeliveryTargets.class);
  static final String PATH = "/webhooks/ordercloud/delivery";

  private final DeliveryConfigProperties properties;

  DeliveryTargets(DeliveryConfigProperties properties) {
    this.properties = properties;
    // names and header names only: never a secret or a header value
    properties
        .deliveryConfigs()
        .forEach(
            (name, target) ->
                log.info(
                    "Delivery Configuration target '{}' ({}): X-oc-hash with {}{}",
                    name,
                    name.equals(DeliveryConfigProperties.DEFAULT) ? PATH : PATH + "/" + name,
                    target.hasSecret() ? "its own secret" : "OC_HASH_KEYS",
                    target.hasAuthHeader()
                        ? ", custom auth header " + target.authHeaderName() + " required"
                        : ""));
  }

  /**
   * The target name of a request URI (lower case; {@code default} for the unnamed path), or null
   * when the URI is no Delivery Configuration path.
   */
  static String nameOf(String uri) {
    if (uri == null || !uri.startsWith(PATH)) {
      return null;
    }
    if (uri.length() == PATH.length()) {
      return DeliveryConfigProperties.DEFAULT;
    }
    if (uri.charAt(PATH.length()) != '/') {
      return null;
    }
    String segment = uri.substring(PATH.length() + 1);
    if (segment.isEmpty() || segment.indexOf('/') >= 0) {
      return null;
    }
    try {
      // as the route sees it: /delivery/ord%65rs is the target "orders"
      segment = URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null; // not a name any target can have: verified as an unconfigured one
    }
    return segment.toLowerCase(Locale.ROOT);
  }

  /** The configured settings of the target at this URI, or null (none: OC_HASH_KEYS, no header). */
  DeliveryConfigProperties.Target target(String uri) {
    String name = nameOf(uri);
    return name == null ? null : properties.target(name);
  }

  /**
   * Checks the custom auth header of the target at this URI, when it configures one.
   *
   * @param presented every value of the configured header the request carries
   * @throws InboundRejection 401 {@code invalid_auth_header} when it is missing, repeated or wrong
   */
  void checkAuthHeader(String uri, HeaderValues presented) {
    DeliveryConfigProperties.Target target = target(uri);
    if (target == null || !target.hasAuthHeader()) {
      return;
    }
    List<String> values = presented.of(target.authHeaderName());
    // constant time whatever was sent: both sides are hashed to one length first
    boolean match =
        values.size() == 1
            & MessageDigest.isEqual(
                sha256(target.authHeaderValue()),
                sha256(values.isEmpty() ? "" : values.get(0).trim()));
    if (!match) {
      throw InboundRejection.unauthorized(
          "invalid_auth_header",
          "The Delivery Configuration's custom auth header is missing or wrong"
              + " (hub.delivery-configs.<name>.auth-header-name, .auth-header-value);"
              + " nothing was stored.");
    }
  }

  /** The values a request carries for a header name (any case). */
  @FunctionalInterface
  interface HeaderValues {
    List<String> of(String name);
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
