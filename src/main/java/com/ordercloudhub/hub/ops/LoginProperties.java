package com.ordercloudhub.hub.ops;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How password checks of the ops login are rationed (HTTP Basic, the login form, health).
 *
 * @param maxFailures failed logins from one client address within {@code window} before it is
 *     locked out
 * @param userMaxFailures failed logins for one user name (from addresses that have not logged in as
 *     that user before) within {@code window} before the name is locked for such addresses
 * @param window how long failures are counted together
 * @param lockout the first lock-out; each further one doubles it
 * @param maxLockout the longest lock-out; a record is forgotten after this long without failures
 * @param knownFor how long an address that logged in as a user stays exempt from that user's lock
 * @param maxTracked most addresses (and, separately, user names and known addresses) remembered
 * @param concurrentChecks password checks (BCrypt) running at once, in total; beyond: 503
 * @param cacheTtl how long a verified Basic header is accepted again without BCrypt
 * @param cacheSize most verified Basic headers remembered
 */
@Validated
@ConfigurationProperties("hub.ops.login")
record LoginProperties(
    @DefaultValue("5") @Min(1) int maxFailures,
    @DefaultValue("20") @Min(1) int userMaxFailures,
    @DefaultValue("15m") Duration window,
    @DefaultValue("1m") Duration lockout,
    @DefaultValue("1h") Duration maxLockout,
    @DefaultValue("7d") Duration knownFor,
    @DefaultValue("10000") @Min(10) int maxTracked,
    @DefaultValue("1") @Min(1) int concurrentChecks,
    @DefaultValue("60s") Duration cacheTtl,
    @DefaultValue("256") @Min(1) int cacheSize) {

  /** How long a failure record is kept after its last failure or lock-out. */
  Duration retention() {
    return window.compareTo(maxLockout) > 0 ? window : maxLockout;
  }

  /** The k-th lock-out (0-based): lockout·2^k, at most maxLockout. */
  Duration lockout(int k) {
    Duration grown = lockout.multipliedBy(1L << Math.min(k, 30));
    return grown.compareTo(maxLockout) > 0 || grown.isNegative() ? maxLockout : grown;
  }
}
