package com.ordercloudhub.hub.inbound;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Body bytes one lane may hold in memory at once, over all its calls. A call takes what it needs
 * before it reads (its Content-Length, or step by step for a chunked body) and gives it back when
 * it is answered; a call that cannot take it is refused at once. Part of the budget is kept for
 * small bodies (every real OrderCloud call is a few KB), so a flood of large bodies, signed or not,
 * cannot crowd them out.
 */
final class BodyBudget {

  private final long total;
  private final long smallReserve;
  private final long smallBody;
  private final AtomicLong used = new AtomicLong();

  BodyBudget(long total, long smallReserve, long smallBody) {
    this.total = total;
    this.smallReserve = Math.min(smallReserve, total);
    this.smallBody = smallBody;
  }

  /** Whether a body of this size counts as small (may use the reserve). */
  boolean small(long bodyBytes) {
    return bodyBytes <= smallBody;
  }

  /** Takes bytes for a body that will be (at most) {@code bodyBytes} long, or nothing. */
  boolean take(long bytes, long bodyBytes) {
    long limit = small(bodyBytes) ? total : total - smallReserve;
    while (true) {
      long now = used.get();
      if (now + bytes > limit) {
        return false;
      }
      if (used.compareAndSet(now, now + bytes)) {
        return true;
      }
    }
  }

  void give(long bytes) {
    used.addAndGet(-bytes);
  }

  long used() {
    return used.get();
  }

  long total() {
    return total;
  }
}
