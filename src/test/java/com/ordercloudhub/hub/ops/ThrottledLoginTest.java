package com.ordercloudhub.hub.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/** The throttle's bookkeeping and the permit pool, without a server: a clock the test moves. */
class ThrottledLoginTest {

  static LoginProperties settings(int maxTracked, int concurrentChecks) {
    return new LoginProperties(
        5,
        20,
        Duration.ofMinutes(15),
        Duration.ofMinutes(1),
        Duration.ofHours(1),
        Duration.ofDays(7),
        maxTracked,
        concurrentChecks,
        Duration.ofSeconds(60),
        256);
  }

  /** A clock the test moves. */
  static final class TestClock extends Clock {
    Instant now = Instant.parse("2026-12-01T10:00:00Z");

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void aLockOutDoesNotTellAConfiguredNameFromAMadeUpOne() {
    TestClock clock = new TestClock();
    LoginThrottle throttle = new LoginThrottle(settings(1000, 1), clock, Set.of("ops"));
    // a spray: 20 made-up names, one wrong password each, from 20 addresses
    for (int i = 0; i < 20; i++) {
      throttle.failed("198.51.100." + i, "user" + i);
    }
    // from a fresh address a made-up name and the configured one are answered alike
    assertThat(throttle.refusal("203.0.113.9", "admin")).isZero();
    assertThat(throttle.refusal("203.0.113.9", "ops")).isZero();
    // and 20 failures of one name from as many addresses lock it, whether it exists or not
    int address = 0;
    for (String name : new String[] {"admin", "ops"}) {
      for (int i = 0; i < 20; i++) {
        throttle.failed("192.0.2." + address++, name);
      }
      assertThat(throttle.refusal("203.0.113.9", name)).as(name).isPositive();
    }
  }

  @Test
  void aSprayOfMadeUpNamesCannotEvictTheConfiguredUsersCount() {
    TestClock clock = new TestClock();
    LoginThrottle throttle = new LoginThrottle(settings(100, 1), clock, Set.of("ops"));
    for (int i = 0; i < 19; i++) {
      throttle.failed("192.0.2." + i, "ops");
    }
    for (int i = 0; i < 1000; i++) {
      throttle.failed("198.51.100." + (i % 200), "sprayed-" + i);
    }
    // the 20th failure still counts on top of the 19 from before the spray
    throttle.failed("192.0.2.200", "ops");
    assertThat(throttle.refusal("203.0.113.9", "ops")).isPositive();
    assertThat(throttle.tracked()).isLessThanOrEqualTo(3 * 100);
  }

  @Test
  void eachLockOutDoublesUpToTheMaximum() {
    TestClock clock = new TestClock();
    LoginThrottle throttle = new LoginThrottle(settings(1000, 1), clock, Set.of("ops"));
    for (Duration expected :
        new Duration[] {
          Duration.ofMinutes(1),
          Duration.ofMinutes(2),
          Duration.ofMinutes(4),
          Duration.ofMinutes(8),
          Duration.ofMinutes(16),
          Duration.ofMinutes(32),
          Duration.ofHours(1),
          Duration.ofHours(1)
        }) {
      for (int i = 0; i < 5; i++) {
        assertThat(throttle.refusal("198.51.100.7", "ops")).isZero();
        throttle.failed("198.51.100.7", "ops");
      }
      assertThat(throttle.refusal("198.51.100.7", "ops")).isEqualTo(expected);
      clock.now = clock.now.plus(expected);
    }
  }

  @Test
  void aFloodFromManyAddressesStaysBoundedAndKeepsTheLockOfTheAddressThatEarnedOne() {
    TestClock clock = new TestClock();
    LoginThrottle throttle = new LoginThrottle(settings(1000, 1), clock, Set.of("ops"));
    for (int i = 0; i < 5; i++) {
      throttle.failed("198.51.100.7", "someone");
    }
    assertThat(throttle.refusal("198.51.100.7", "ops")).isPositive();

    for (int i = 0; i < 100_000; i++) {
      throttle.failed("10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255), "x" + i);
      if (i % 1000 == 0) {
        clock.now = clock.now.plusMillis(10);
      }
    }

    // at most max-tracked addresses and max-tracked user names (every name has its own record)
    assertThat(throttle.tracked()).isLessThanOrEqualTo(2 * 1000 + 1);
    assertThat(throttle.refusal("198.51.100.7", "ops")).isPositive();
  }

  @Test
  void anIpv6HostIsCountedByItsSlash64() {
    assertThat(LoginThrottle.addressKey("2001:db8:1:2:aaaa::1"))
        .isEqualTo(LoginThrottle.addressKey("2001:db8:1:2:ffff:1:2:3"))
        .isNotEqualTo(LoginThrottle.addressKey("2001:db8:1:3::1"));
    assertThat(LoginThrottle.addressKey("::ffff:192.0.2.1")).isEqualTo("192.0.2.1");
    assertThat(LoginThrottle.addressKey("192.0.2.1")).isEqualTo("192.0.2.1");
  }

  @Test
  void whenEveryPermitIsTakenTheNextAttemptIsRefusedAtOnceWithoutAPasswordCheck() throws Exception {
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    int[] checks = {0};
    PasswordEncoder counting =
        new PasswordEncoder() {
          @Override
          public String encode(CharSequence raw) {
            return "{noop}" + raw;
          }

          @Override
          public synchronized boolean matches(CharSequence raw, String encoded) {
            checks[0]++;
            return false;
          }
        };
    PasswordEncoder blocking =
        new PasswordEncoder() {
          @Override
          public String encode(CharSequence raw) {
            return raw.toString();
          }

          @Override
          public boolean matches(CharSequence raw, String encoded) {
            inside.countDown();
            try {
              release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return counting.matches(raw, encoded);
          }
        };
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    LoginProperties settings = settings(1000, 1);
    ThrottledLogin logins =
        new ThrottledLogin(
            new LoginThrottle(settings, Clock.systemUTC(), Set.of("ops")),
            new VerifiedBasicLogins(settings, Clock.systemUTC()),
            settings,
            new InMemoryUserDetailsManager(
                User.withUsername("ops").password("secret").roles("OPS").build()),
            blocking,
            meters);

    CompletableFuture<Throwable> first =
        CompletableFuture.supplyAsync(() -> failure(logins, "192.0.2.1"));
    assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
    Throwable second = failure(logins, "192.0.2.2");
    release.countDown();

    assertThat(second).isInstanceOf(LoginRefused.class);
    assertThat(((LoginRefused) second).status()).isEqualTo(503);
    assertThat(first.get(10, TimeUnit.SECONDS)).isInstanceOf(BadCredentialsException.class);
    assertThat(checks[0]).isEqualTo(1);
    assertThat(meters.get("hub.ops.logins").tag("outcome", "busy").counter().count()).isEqualTo(1);
  }

  private static Throwable failure(ThrottledLogin logins, String address) {
    UsernamePasswordAuthenticationToken attempt =
        UsernamePasswordAuthenticationToken.unauthenticated("ops", "guess");
    attempt.setDetails(new LoginDetails(address, null));
    try {
      Authentication unexpected = logins.authenticate(attempt);
      throw new AssertionError("logged in: " + unexpected);
    } catch (RuntimeException e) {
      return e;
    }
  }

  @Test
  void retryAfterIsInWholeSecondsRoundedUp() {
    assertThat(LoginRefused.lockedOut(Duration.ofMillis(1500)).retryAfterSeconds()).isEqualTo(2);
    assertThat(LoginRefused.lockedOut(Duration.ofMillis(10)).retryAfterSeconds()).isEqualTo(1);
  }
}
