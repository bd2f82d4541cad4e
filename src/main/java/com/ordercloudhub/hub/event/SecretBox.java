package com.ordercloudhub.hub.event;

import com.ordercloudhub.hub.config.SettingException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * AES-256-GCM for the few secrets the hub must keep for a later step. A sealed value is bound to
 * its event (the event id is the associated data), so it cannot be moved to another row. Format:
 * {@code v1.<key id>.<base64 iv+ciphertext>}; the key id lets a future rotation find the right key.
 */
@Component
class SecretBox {

  /** The documented development key (dev profile only): its secrets are not secret. */
  static final String DEV_KEY = "b3JkZXJjbG91ZC1odWItZGV2LW9ubHkta2V5LSEhISE=";

  private static final Logger log = LoggerFactory.getLogger(SecretBox.class);
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final SecretKey key;
  private final String keyId;
  private final SecureRandom random = new SecureRandom();

  public SecretBox(StoreProperties properties) {
    this.key = parse(properties.encryptionKey());
    this.keyId = ReceivedEvent.sha256Hex(key.getEncoded()).substring(0, 8);
    if (DEV_KEY.equals(properties.encryptionKey().trim())) {
      log.warn(
          "HUB_ENCRYPTION_KEY is the documented development key: stored reset codes and one-time"
              + " passwords are readable by anyone. Set your own key outside development.");
    }
  }

  public String seal(String plaintext, String context) {
    try {
      byte[] iv = new byte[IV_BYTES];
      random.nextBytes(iv);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
      cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
      byte[] out = new byte[iv.length + sealed.length];
      System.arraycopy(iv, 0, out, 0, iv.length);
      System.arraycopy(sealed, 0, out, iv.length, sealed.length);
      return "v1." + keyId + "." + Base64.getEncoder().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM encryption failed", e);
    }
  }

  public String open(String sealed, String context) {
    String[] parts = sealed.split("\\.", 3);
    if (parts.length != 3 || !parts[0].equals("v1")) {
      throw new IllegalArgumentException("Not a sealed value");
    }
    if (!parts[1].equals(keyId)) {
      throw new IllegalStateException(
          "Sealed with key " + parts[1] + ", but HUB_ENCRYPTION_KEY is key " + keyId);
    }
    try {
      byte[] in = Base64.getDecoder().decode(parts[2]);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
      cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
      byte[] plain = cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES);
      return new String(plain, StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("A sealed value failed authentication", e);
    }
  }

  private static SecretKey parse(String base64) {
    if (base64 == null || base64.isBlank()) {
      throw new SettingException(
          "HUB_ENCRYPTION_KEY",
          "hub.store.encryption-key",
          "is not set: secrets that a later step needs cannot be stored safely",
          "Set HUB_ENCRYPTION_KEY to a Base64 AES key of 32 bytes, e.g. the output of"
              + " 'openssl rand -base64 32'.");
    }
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(base64.trim());
    } catch (IllegalArgumentException e) {
      raw = new byte[0];
    }
    if (raw.length != 32) {
      throw new SettingException(
          "HUB_ENCRYPTION_KEY",
          "hub.store.encryption-key",
          "is not Base64 of 32 bytes (decoded " + raw.length + " bytes)",
          "Generate one with 'openssl rand -base64 32'.");
    }
    return new SecretKeySpec(raw, "AES");
  }

  /** For tests and tools: a fresh random key in the expected format. */
  public static String newKey() {
    byte[] raw = new byte[32];
    new SecureRandom().nextBytes(raw);
    return Base64.getEncoder().encodeToString(raw);
  }

  @Override
  public String toString() {
    return "SecretBox[key " + keyId + "]";
  }
}
