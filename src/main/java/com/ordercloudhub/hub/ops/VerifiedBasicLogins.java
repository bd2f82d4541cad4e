package com.ordercloudhub.hub.ops;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.core.Authentication;

/**
 * Basic headers that passed the password check recently, so a script polling the API pays BCrypt
 * once per {@code cache-ttl}, not per call. Held by an HMAC of the header under a key made at start
 * and never kept anywhere else: the map holds nothing a password could be read or guessed from.
 * Bounded in size; only a correct password adds an entry.
 */
final class VerifiedBasicLogins {

  private final LoginProperties settings;
  private final Clock clock;
  private final SecretKeySpec key;
  private final Map<String, Verified> verified = new ConcurrentHashMap<>();

  private record Verified(Authentication login, Instant until) {}

  VerifiedBasicLogins(LoginProperties settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    this.key = new SecretKeySpec(random, "HmacSHA256");
  }

  /** The header's keyed hash: what the cache is keyed by. */
  String mac(String authorization) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return Base64.getEncoder()
          .encodeToString(mac.doFinal(authorization.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  Optional<Authentication> find(String mac) {
    Verified found = verified.get(mac);
    if (found == null) {
      return Optional.empty();
    }
    if (!found.until().isAfter(clock.instant())) {
      verified.remove(mac, found);
      return Optional.empty();
    }
    return Optional.of(found.login());
  }

  void remember(String mac, Authentication login) {
    if (settings.cacheTtl().isZero() || settings.cacheTtl().isNegative()) {
      return;
    }
    Instant now = clock.instant();
    if (verified.size() >= settings.cacheSize()) {
      verified.values().removeIf(v -> !v.until().isAfter(now));
      while (verified.size() >= settings.cacheSize()) {
        verified.keySet().stream().findAny().ifPresent(verified::remove);
      }
    }
    verified.put(mac, new Verified(login, now.plus(settings.cacheTtl())));
  }
}
