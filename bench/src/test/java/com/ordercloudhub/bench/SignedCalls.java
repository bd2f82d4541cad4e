package com.ordercloudhub.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Request bodies made from the shared OrderCloud fixtures, each with a fresh LogID (and, for
 * orders, a fresh order ID) so the hub never answers from its duplicate check, and their X-oc-hash:
 * HMAC-SHA256 of the exact bytes with the hash key, Base64, as OrderCloud signs.
 */
final class SignedCalls {

  /** What one call sends: the raw body and its signature. */
  record Call(String body, String signature) {}

  private static final String FIXTURE_LOG_ID = "\"LogID\":\"";

  private final String template;
  private final String fixtureOrderId;
  private final ThreadLocal<Mac> macs;

  SignedCalls(Path fixtures, String fixture, String fixtureOrderId, String key) {
    try {
      this.template = Files.readString(fixtures.resolve(fixture + ".json"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!template.contains(FIXTURE_LOG_ID)) {
      throw new IllegalArgumentException(fixture + " has no LogID");
    }
    this.fixtureOrderId = fixtureOrderId;
    byte[] secret = key.getBytes(StandardCharsets.UTF_8);
    this.macs =
        ThreadLocal.withInitial(
            () -> {
              try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(secret, "HmacSHA256"));
                return mac;
              } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
              }
            });
  }

  /** A new call: fresh LogID (and order ID), signed. */
  Call next() {
    String id = UUID.randomUUID().toString();
    int start = template.indexOf(FIXTURE_LOG_ID) + FIXTURE_LOG_ID.length();
    int end = template.indexOf('"', start);
    String body = template.substring(0, start) + id + template.substring(end);
    if (fixtureOrderId != null) {
      body = body.replace(fixtureOrderId, "SO-" + id);
    }
    return new Call(body, sign(body));
  }

  String sign(String body) {
    return Base64.getEncoder()
        .encodeToString(macs.get().doFinal(body.getBytes(StandardCharsets.UTF_8)));
  }
}
