package com.ordercloudhub.hub.event;

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
 * @param redactedProperties properties replaced by {@code [redacted]} at any depth
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
    @DefaultValue({
          "Password",
          "NewPassword",
          "ExistingPassword",
          "access_token",
          "refresh_token",
          "ClientSecret",
          "HashKey",
          "SharedKey",
          "verificationCode"
        })
        List<String> redactedProperties) {}
