package com.ordercloudhub.hub.ops;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who may try a password now. Failures are counted per client address (an IPv6 address by its /64,
 * which one host usually owns whole) and per user name; either lock refuses the attempt before any
 * password is checked.
 *
 * <p>The balance between the two: the per-address lock stops one guesser quickly (few failures);
 * the per-user lock stops a guesser spread over many addresses, but would let such a guesser lock
 * the real operator out. So it has a higher limit and does not apply to an address that logged in
 * as that user within {@code known-for}: the operator's usual machine or script keeps working while
 * the name is under attack; only a new address has to wait. Every name has its own record, whether
 * or not it is a configured user, so a lock-out never tells which names exist; the configured
 * users' records are pinned, so sprayed names cannot crowd them out.
 */
final class LoginThrottle {

  /** Longest user name kept as a key: longer ones are counted by this prefix. */
  static final int MAX_NAME = 128;

  private final LoginProperties settings;
  private final Clock clock;
  private final Set<String> users;
  private final FailureRecords byAddress;
  private final FailureRecords byUser;
  private final Map<String, Instant> known = new ConcurrentHashMap<>();

  LoginThrottle(LoginProperties settings, Clock clock, Set<String> users) {
    this.settings = settings;
    this.clock = clock;
    this.users =
        users.stream()
            .map(u -> u.toLowerCase(Locale.ROOT))
            .collect(java.util.stream.Collectors.toUnmodifiableSet());
    this.byAddress = new FailureRecords(settings, settings.maxFailures());
    this.byUser = new FailureRecords(settings, settings.userMaxFailures(), this.users);
  }

  /** How long this attempt must wait; zero: it may check the password now. */
  Duration refusal(String address, String user) {
    Instant now = clock.instant();
    String from = addressKey(address);
    Duration wait = byAddress.lockedFor(from, now);
    if (!isKnown(from, user, now)) {
      Duration userWait = byUser.lockedFor(userKey(user), now);
      if (userWait.compareTo(wait) > 0) {
        wait = userWait;
      }
    }
    return wait;
  }

  void failed(String address, String user) {
    Instant now = clock.instant();
    String from = addressKey(address);
    byAddress.failed(from, now);
    if (!isKnown(from, user, now)) {
      byUser.failed(userKey(user), now);
    }
  }

  void succeeded(String address, String user) {
    Instant now = clock.instant();
    String from = addressKey(address);
    byAddress.forget(from);
    if (known.size() >= settings.maxTracked()) {
      known.values().removeIf(at -> at.plus(settings.knownFor()).isBefore(now));
      if (known.size() >= settings.maxTracked()) {
        known
            .clear(); // only successful logins fill it: dropping it costs a lock exemption, no more
      }
    }
    known.put(knownKey(from, user), now);
  }

  /** Forgets every failure, lock and known address (each test starts clean). */
  void clear() {
    byAddress.clear();
    byUser.clear();
    known.clear();
  }

  /** Records held (addresses, user names): what a flood could grow. */
  int tracked() {
    return byAddress.size() + byUser.size() + known.size();
  }

  private boolean isKnown(String from, String user, Instant now) {
    Instant at = known.get(knownKey(from, user));
    return at != null && at.plus(settings.knownFor()).isAfter(now);
  }

  private String userKey(String user) {
    String name = user == null ? "" : user.trim().toLowerCase(Locale.ROOT);
    return name.length() > MAX_NAME ? name.substring(0, MAX_NAME) : name;
  }

  private String knownKey(String from, String user) {
    return userKey(user) + '\n' + from;
  }

  /** The address as counted: IPv4 as is, IPv6 by its /64 prefix. */
  static String addressKey(String address) {
    if (address == null || address.isBlank()) {
      return "?";
    }
    if (address.indexOf(':') < 0) {
      return address;
    }
    try {
      // a literal with ':' is parsed, never looked up
      byte[] bytes = InetAddress.getByName(address).getAddress();
      if (bytes.length != 16) {
        return InetAddress.getByAddress(bytes).getHostAddress(); // IPv4-mapped
      }
      StringBuilder prefix = new StringBuilder();
      for (int i = 0; i < 8; i += 2) {
        prefix.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff)));
        prefix.append(':');
      }
      return prefix.append(":/64").toString();
    } catch (UnknownHostException e) {
      return address.length() > 64 ? address.substring(0, 64) : address;
    }
  }
}
