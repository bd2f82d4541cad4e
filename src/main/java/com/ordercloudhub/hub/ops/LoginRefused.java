package com.ordercloudhub.hub.ops;

import java.time.Duration;
import org.springframework.security.core.AuthenticationException;

/**
 * A login refused before its password was checked: the caller is locked out ({@code 429}) or every
 * password-check permit is taken ({@code 503}). Says when to try again.
 */
final class LoginRefused extends AuthenticationException {

  private final int status;
  private final String error;
  private final transient Duration retryAfter;

  private LoginRefused(int status, String error, String message, Duration retryAfter) {
    super(message);
    this.status = status;
    this.error = error;
    this.retryAfter = retryAfter;
  }

  static LoginRefused lockedOut(Duration wait) {
    long seconds = seconds(wait);
    return new LoginRefused(
        429,
        "too_many_attempts",
        "Too many failed logins; try again in " + seconds + " s",
        Duration.ofSeconds(seconds));
  }

  static LoginRefused busy() {
    return new LoginRefused(
        503,
        "login_busy",
        "Too many logins are being checked right now; try again in 1 s",
        Duration.ofSeconds(1));
  }

  /** No stack trace: a refusal is an answer, not a fault, and must stay cheap under a flood. */
  @Override
  public synchronized Throwable fillInStackTrace() {
    return this;
  }

  int status() {
    return status;
  }

  String error() {
    return error;
  }

  /** Whole seconds, at least 1 (what Retry-After says). */
  long retryAfterSeconds() {
    return seconds(retryAfter);
  }

  private static long seconds(Duration wait) {
    long seconds = wait.getSeconds() + (wait.getNano() > 0 ? 1 : 0);
    return Math.max(1, seconds);
  }
}
