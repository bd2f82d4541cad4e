package com.ordercloudhub.hub.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Counts password checks ({@code hub_ops_password_checks_total}): each is a BCrypt run (~100 ms of
 * CPU), so this is what a guessing flood costs the hub, and what the throttle must keep flat.
 */
final class CountedPasswordEncoder implements PasswordEncoder {

  private final PasswordEncoder encoder;
  private final Counter checks;

  CountedPasswordEncoder(PasswordEncoder encoder, MeterRegistry meters) {
    this.encoder = encoder;
    this.checks =
        Counter.builder("hub.ops.password.checks")
            .description("Password hashes compared (BCrypt runs) for the ops login")
            .register(meters);
  }

  @Override
  public String encode(CharSequence rawPassword) {
    return encoder.encode(rawPassword);
  }

  @Override
  public boolean matches(CharSequence rawPassword, String encodedPassword) {
    checks.increment();
    return encoder.matches(rawPassword, encodedPassword);
  }

  @Override
  public boolean upgradeEncoding(String encodedPassword) {
    return encoder.upgradeEncoding(encodedPassword);
  }
}
