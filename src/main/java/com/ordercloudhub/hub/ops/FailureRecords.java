package com.ordercloudhub.hub.ops;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed logins by key (a client address or a user name) and the lock-out they earned: {@code
 * limit} failures within the window lock the key for lockout·2^k (k: lock-outs so far), up to the
 * maximum. Bounded: beyond {@code maxEntries} keys, forgotten records go first, then those whose
 * lock and window ended longest ago, so a flood of new keys cannot grow it and evicts the busiest
 * locks last. Pinned keys (the configured user names) are never evicted: a spray of made-up names
 * cannot reset the count of the name that matters.
 */
final class FailureRecords {

  private final LoginProperties settings;
  private final int limit;
  private final Set<String> pinned;
  private final Map<String, Record> records = new ConcurrentHashMap<>();

  FailureRecords(LoginProperties settings, int limit) {
    this(settings, limit, Set.of());
  }

  FailureRecords(LoginProperties settings, int limit, Set<String> pinned) {
    this.settings = settings;
    this.limit = limit;
    this.pinned = pinned;
  }

  /** How much longer the key is locked out (zero: not locked). */
  Duration lockedFor(String key, Instant now) {
    Record record = records.get(key);
    if (record == null) {
      return Duration.ZERO;
    }
    synchronized (record) {
      return record.lockedUntil.isAfter(now)
          ? Duration.between(now, record.lockedUntil)
          : Duration.ZERO;
    }
  }

  /** Counts a failure; answers the lock-out it started (zero when none). */
  Duration failed(String key, Instant now) {
    if (records.size() >= settings.maxTracked() && !records.containsKey(key)) {
      prune(now);
    }
    Record record = records.computeIfAbsent(key, k -> new Record(now));
    synchronized (record) {
      if (now.isAfter(record.windowStart.plus(settings.window()))) {
        record.failures = 0;
        record.windowStart = now;
      }
      record.failures++;
      record.lastFailure = now;
      if (record.failures < limit) {
        return Duration.ZERO;
      }
      Duration lockout = settings.lockout(record.lockouts);
      record.lockouts = Math.min(record.lockouts + 1, 30);
      record.lockedUntil = now.plus(lockout);
      record.failures = 0;
      record.windowStart = now;
      return lockout;
    }
  }

  void forget(String key) {
    records.remove(key);
  }

  void clear() {
    records.clear();
  }

  int size() {
    return records.size();
  }

  private synchronized void prune(Instant now) {
    if (records.size() < settings.maxTracked()) {
      return; // another thread pruned meanwhile
    }
    records
        .entrySet()
        .removeIf(
            e ->
                !pinned.contains(e.getKey())
                    && e.getValue().forgottenAt(settings.retention()).isBefore(now));
    int keep = settings.maxTracked() - Math.max(1, settings.maxTracked() / 10);
    if (records.size() > keep) {
      // keys never locked out go first, oldest first: a flood of fresh addresses evicts itself,
      // not the lock of the address that earned one (a snapshot, so the sort sees fixed values)
      List<Eviction> order = new ArrayList<>();
      records.forEach(
          (key, r) -> {
            if (!pinned.contains(key)) {
              order.add(r.eviction(key, settings.window()));
            }
          });
      order.sort(Comparator.comparing(Eviction::everLocked).thenComparing(Eviction::activeUntil));
      for (int i = 0; i < Math.min(order.size(), records.size() - keep); i++) {
        records.remove(order.get(i).key());
      }
    }
  }

  private record Eviction(String key, boolean everLocked, Instant activeUntil) {}

  private static final class Record {
    int failures;
    int lockouts;
    Instant windowStart;
    Instant lastFailure;
    Instant lockedUntil = Instant.MIN;

    Record(Instant now) {
      windowStart = now;
      lastFailure = now;
    }

    synchronized Eviction eviction(String key, Duration window) {
      Instant windowEnd = windowStart.plus(window);
      return new Eviction(
          key, lockouts > 0, lockedUntil.isAfter(windowEnd) ? lockedUntil : windowEnd);
    }

    synchronized Instant forgottenAt(Duration retention) {
      Instant last = lockedUntil.isAfter(lastFailure) ? lockedUntil : lastFailure;
      return last.plus(retention);
    }
  }
}
