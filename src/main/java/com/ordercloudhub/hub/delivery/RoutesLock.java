package com.ordercloudhub.hub.delivery;

import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Keeps routing decisions and route reloads apart: an event is planned either by the routes before
 * a reload or by those after it, never while a routing route is being replaced (when it would
 * briefly not exist and the event would fall to the catch-all).
 */
@Component
public class RoutesLock {

  private final ReadWriteLock lock = new ReentrantReadWriteLock(true);

  /** Runs a routing decision; waits while routes are being replaced. */
  public <T> T whileStable(Supplier<T> decision) {
    lock.readLock().lock();
    try {
      return decision.get();
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Replaces routes once no decision is running; decisions wait until it is done. */
  public void update(Runnable change) {
    lock.writeLock().lock();
    try {
      change.run();
    } finally {
      lock.writeLock().unlock();
    }
  }
}
