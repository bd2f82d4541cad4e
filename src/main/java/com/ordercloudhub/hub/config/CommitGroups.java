package com.ordercloudhub.hub.config;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Writes concurrent callers' items together, one transaction for many. A caller queues its item and
 * returns once the batch that took it was written; when fewer than {@code leaders} batches are
 * being written, the caller itself takes every item waiting now (up to {@code maxBatch}, no linger)
 * and writes them. So a lone caller writes at once, as without grouping, and under load one commit
 * (one fsync) serves many. A batch that fails is written again item by item, so only the item the
 * database refuses fails, and its caller gets that failure.
 *
 * <p>Unlike the event store's intake queue, nothing is refused or withdrawn: what is queued has
 * already happened (a leg was sent) and must be recorded. The batch's own transaction and statement
 * timeouts bound each wait.
 *
 * @param <T> what one caller writes
 */
public final class CommitGroups<T> {

  private final Consumer<List<T>> writer;
  private final Predicate<RuntimeException> worthAlone;
  private final int maxBatch;
  private final Semaphore leaders;
  private final ConcurrentLinkedQueue<Pending<T>> queue = new ConcurrentLinkedQueue<>();

  /**
   * @param writer writes a batch in one transaction (or throws, and nothing of it is written)
   * @param worthAlone whether a batch's failure may be one item's (a refused row), so that the
   *     items are written again one by one; false when it is everyone's (the database is away),
   *     when each caller in the batch, and each queued behind it, gets the failure at once instead
   *     of waiting for a failure per item
   * @param leaders batches written at once
   * @param maxBatch most items in one batch
   */
  public CommitGroups(
      Consumer<List<T>> writer, Predicate<RuntimeException> worthAlone, int leaders, int maxBatch) {
    if (leaders < 1 || maxBatch < 1) {
      throw new IllegalArgumentException("leaders and maxBatch must be at least 1");
    }
    this.writer = writer;
    this.worthAlone = worthAlone;
    this.maxBatch = maxBatch;
    this.leaders = new Semaphore(leaders);
  }

  private static final class Pending<T> {
    final T item;
    final Thread caller = Thread.currentThread();
    final AtomicBoolean taken = new AtomicBoolean();
    volatile boolean done;
    volatile RuntimeException failure;

    Pending(T item) {
      this.item = item;
    }

    void complete(RuntimeException failed) {
      failure = failed;
      done = true;
      LockSupport.unpark(caller);
    }
  }

  /** Items queued and not taken by a writer yet (for tests). */
  int waiting() {
    return (int) queue.stream().filter(p -> !p.taken.get()).count();
  }

  /** Returns once the item is written; throws what writing it alone threw. */
  public void write(T item) {
    Pending<T> mine = new Pending<>(item);
    queue.add(mine);
    boolean interrupted = false;
    try {
      while (!mine.done) {
        if (!mine.taken.get() && leaders.tryAcquire()) {
          try {
            lead();
          } finally {
            leaders.release();
            wakeNextLeader();
          }
          continue;
        }
        // an interrupt does not end the wait (the item is on its way); it is kept for the caller
        LockSupport.parkNanos(this, interrupted ? 1_000_000L : 100_000_000L);
        interrupted |= Thread.interrupted();
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    if (mine.failure != null) {
      throw mine.failure;
    }
  }

  /** A leader's slot came free: the oldest caller still waiting to be taken takes the lead. */
  private void wakeNextLeader() {
    for (Pending<T> next : queue) {
      if (!next.taken.get()) {
        LockSupport.unpark(next.caller);
        return;
      }
    }
  }

  private void lead() {
    List<Pending<T>> batch = new ArrayList<>();
    while (batch.size() < maxBatch) {
      Pending<T> next = queue.poll();
      if (next == null) {
        break;
      }
      if (next.taken.compareAndSet(false, true)) {
        batch.add(next);
      }
    }
    if (batch.isEmpty()) {
      return;
    }
    try {
      writer.accept(batch.stream().map(p -> p.item).toList());
      batch.forEach(p -> p.complete(null));
    } catch (RuntimeException e) {
      if (!worthAlone.test(e)) {
        // everyone's failure: those queued meanwhile would only wait for the same one
        batch.forEach(p -> p.complete(e));
        for (Pending<T> next; (next = queue.poll()) != null; ) {
          if (next.taken.compareAndSet(false, true)) {
            next.complete(e);
          }
        }
        return;
      }
      if (batch.size() == 1) {
        batch.get(0).complete(e);
        return;
      }
      // each on its own: only the item the database refuses fails
      for (Pending<T> pending : batch) {
        try {
          writer.accept(List.of(pending.item));
          pending.complete(null);
        } catch (RuntimeException alone) {
          pending.complete(alone);
        }
      }
    } catch (Error e) {
      batch.forEach(p -> p.complete(new IllegalStateException("Writing the batch failed", e)));
      throw e;
    }
  }
}
