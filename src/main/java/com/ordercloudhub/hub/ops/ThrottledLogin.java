package com.ordercloudhub.hub.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AccountStatusException;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Every password check of the ops login goes through here (HTTP Basic on every chain, the login
 * form, health), in this order, cheapest first:
 *
 * <ol>
 *   <li>a Basic header verified within {@code cache-ttl}: accepted, no BCrypt;
 *   <li>a locked-out address or user name: {@code 429}, no BCrypt;
 *   <li>no free password-check permit: {@code 503}, no BCrypt (a flood from many addresses gets at
 *       most {@code concurrent-checks} cores, webhooks keep the rest);
 *   <li>the BCrypt check; its outcome feeds the throttle.
 * </ol>
 *
 * Counted in {@code hub_ops_logins_total{outcome}}: success, cached, failure, throttled, busy.
 */
final class ThrottledLogin implements AuthenticationManager {

  private static final Logger log = LoggerFactory.getLogger(ThrottledLogin.class);

  private final LoginThrottle throttle;
  private final VerifiedBasicLogins cache;
  private final Semaphore checks;
  private final AuthenticationManager passwords;
  private final Map<String, Counter> outcomes;

  ThrottledLogin(
      LoginThrottle throttle,
      VerifiedBasicLogins cache,
      LoginProperties settings,
      UserDetailsService users,
      PasswordEncoder encoder,
      MeterRegistry meters) {
    this.throttle = throttle;
    this.cache = cache;
    this.checks = new Semaphore(settings.concurrentChecks());
    DaoAuthenticationProvider provider = new DaoAuthenticationProvider(encoder);
    provider.setUserDetailsService(users);
    this.passwords = new ProviderManager(provider); // erases the password from the result
    this.outcomes =
        Map.of(
            "success", counter(meters, "success"),
            "cached", counter(meters, "cached"),
            "failure", counter(meters, "failure"),
            "throttled", counter(meters, "throttled"),
            "busy", counter(meters, "busy"));
  }

  LoginThrottle throttle() {
    return throttle;
  }

  private static Counter counter(MeterRegistry meters, String outcome) {
    return Counter.builder("hub.ops.logins")
        .description("Ops logins by outcome (cached: a recently verified Basic header)")
        .tag("outcome", outcome)
        .register(meters);
  }

  @Override
  public Authentication authenticate(Authentication attempt) {
    if (!(attempt instanceof UsernamePasswordAuthenticationToken)) {
      throw new BadCredentialsException("Only a user name and password are accepted");
    }
    LoginDetails details =
        attempt.getDetails() instanceof LoginDetails d ? d : new LoginDetails(null, null);
    String user = attempt.getName();
    if (details.basicMac() != null) {
      var verified = cache.find(details.basicMac());
      if (verified.isPresent()) {
        // proven like a check: the address stays known to the user's lock (a map write, no hash)
        throttle.succeeded(details.address(), user);
        outcomes.get("cached").increment();
        UsernamePasswordAuthenticationToken again =
            UsernamePasswordAuthenticationToken.authenticated(
                verified.get().getPrincipal(), null, verified.get().getAuthorities());
        again.setDetails(details);
        return again;
      }
    }
    Duration wait = throttle.refusal(details.address(), user);
    if (!wait.isZero()) {
      outcomes.get("throttled").increment();
      throw LoginRefused.lockedOut(wait);
    }
    if (!checks.tryAcquire()) {
      outcomes.get("busy").increment();
      throw LoginRefused.busy();
    }
    Authentication login;
    try {
      login = passwords.authenticate(attempt);
    } catch (BadCredentialsException | AccountStatusException e) {
      throttle.failed(details.address(), user);
      outcomes.get("failure").increment();
      log.info("Ops login failed from {}", LoginThrottle.addressKey(details.address()));
      throw e;
    } finally {
      checks.release();
    }
    throttle.succeeded(details.address(), user);
    outcomes.get("success").increment();
    if (details.basicMac() != null) {
      cache.remember(details.basicMac(), login);
    }
    return login;
  }
}
