package com.ordercloudhub.hub.event;

import com.ordercloudhub.hub.config.SecretRule;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What the event store keeps, and how it protects it.
 *
 * @param encryptionKey Base64 AES-256 key (32 bytes) for secrets a later step needs; from {@code
 *     HUB_ENCRYPTION_KEY}
 * @param removedProperties properties dropped from stored payloads, at any depth (live credentials)
 * @param sealedProperties properties kept only encrypted, at any depth, because a later step needs
 *     them (reset tokens and codes, one-time passwords); shown as {@code [redacted]}
 * @param secretNames word sequences that make a property name a secret anywhere in it (see {@link
 *     SecretRule}); unset: the built-in list
 * @param secretNameEndings word sequences that make a name a secret only as its last words
 * @param visibleNameEndings last words that keep a name visible (identifiers, settings)
 * @param secretValues regular expressions for secret-looking text under any name
 */
@ConfigurationProperties("hub.store")
public record StoreProperties(
    String encryptionKey,
    @DefaultValue("UserToken") List<String> removedProperties,
    @DefaultValue({
          "PasswordRenewalAccessToken",
          "PasswordRenewalVerificationCode",
          "OneTimePassword"
        })
        List<String> sealedProperties,
    List<String> secretNames,
    List<String> secretNameEndings,
    List<String> visibleNameEndings,
    List<String> secretValues) {

  public StoreProperties {
    secretNames = secretNames == null ? SecretRule.DEFAULT_NAMES : secretNames;
    secretNameEndings =
        secretNameEndings == null ? SecretRule.DEFAULT_NAME_ENDINGS : secretNameEndings;
    visibleNameEndings =
        visibleNameEndings == null ? SecretRule.DEFAULT_VISIBLE_ENDINGS : visibleNameEndings;
    secretValues = secretValues == null ? SecretRule.DEFAULT_VALUES : secretValues;
  }

  /** The built-in secret rule with these removed and sealed properties. */
  public static StoreProperties of(
      String encryptionKey, List<String> removed, List<String> sealed) {
    return new StoreProperties(encryptionKey, removed, sealed, null, null, null, null);
  }

  public SecretRule secretRule() {
    return new SecretRule(secretNames, secretNameEndings, visibleNameEndings, secretValues);
  }

  @Override
  public String toString() {
    return "StoreProperties[removed=" + removedProperties + ", sealed=" + sealedProperties + "]";
  }
}
