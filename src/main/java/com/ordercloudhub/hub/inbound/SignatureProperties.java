package com.ordercloudhub.hub.inbound;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How OrderCloud calls are authenticated.
 *
 * @param hashKeys keys accepted for {@code X-oc-hash} (webhook HashKey, Message Sender SharedKey);
 *     several allow rotation. From {@code OC_HASH_KEYS}, comma-separated.
 * @param allowUnsigned accept calls without {@code X-oc-hash}; for local development only
 */
@ConfigurationProperties("hub.ordercloud")
public record SignatureProperties(
    @DefaultValue List<String> hashKeys, @DefaultValue("false") boolean allowUnsigned) {

  public SignatureProperties {
    hashKeys = hashKeys.stream().map(String::trim).filter(k -> !k.isEmpty()).distinct().toList();
  }
}
