package com.ordercloudhub.hub.inbound;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How OrderCloud calls are authenticated.
 *
 * @param hashKeys keys accepted for {@code X-oc-hash} (webhook HashKey, Message Sender SharedKey);
 *     several allow rotation. From {@code OC_HASH_KEYS}, comma-separated.
 * @param allowUnsigned accept calls without {@code X-oc-hash}; for local development only
 * @param maxAge oldest webhook {@code Date} accepted, so a captured signed body cannot be replayed
 *     later; null (the default) turns the check off
 * @param clockSkew how far OrderCloud's clock may be off from the hub's: added to {@code maxAge},
 *     and the furthest a {@code Date} may be in the future
 */
@ConfigurationProperties("hub.ordercloud")
record SignatureProperties(
    @DefaultValue List<String> hashKeys,
    @DefaultValue("false") boolean allowUnsigned,
    Duration maxAge,
    @DefaultValue("5m") Duration clockSkew) {

  public SignatureProperties {
    hashKeys = hashKeys.stream().map(String::trim).filter(k -> !k.isEmpty()).distinct().toList();
    if (maxAge != null && (maxAge.isNegative() || maxAge.isZero())) {
      throw new IllegalArgumentException(
          "hub.ordercloud.max-age must be a positive duration such as 10m, or empty for no limit");
    }
    if (clockSkew.isNegative()) {
      throw new IllegalArgumentException("hub.ordercloud.clock-skew must not be negative");
    }
  }

  /** Never the keys: settings are logged and shown. */
  @Override
  public String toString() {
    return "SignatureProperties[hashKeys="
        + hashKeys.size()
        + " key(s), allowUnsigned="
        + allowUnsigned
        + ", maxAge="
        + maxAge
        + ", clockSkew="
        + clockSkew
        + "]";
  }
}
