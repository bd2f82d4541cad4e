package com.ordercloudhub.hub.inbound;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.tomcat.util.threads.TaskQueue;
import org.apache.tomcat.util.threads.TaskThreadFactory;
import org.apache.tomcat.util.threads.ThreadPoolExecutor;

/**
 * The main port's request threads, with a bound on the requests waiting for one. Tomcat's own queue
 * has none: under a flood every request waits behind every other, and a refusal the door would give
 * in microseconds leaves only after seconds in the line. Beyond {@code capacity} waiting requests,
 * a request runs on one of a few overflow threads instead, and the door answers a webhook call
 * there {@code 503 overloaded} at once without reading its body; other paths (health, ops) run
 * there as usual.
 */
final class RequestQueue implements Executor {

  private static final ThreadLocal<Boolean> OVERFLOW = new ThreadLocal<>();

  private final ThreadPoolExecutor threads;
  private final java.util.concurrent.ThreadPoolExecutor overflow;
  private final TaskQueue queue;
  private final int capacity;
  private final Counter overflowed;

  RequestQueue(
      String name,
      int maxThreads,
      int minSpareThreads,
      int capacity,
      int overflowThreads,
      MeterRegistry meters) {
    this.capacity = capacity;
    // Tomcat's own executor and queue (threads are added up to the maximum before anything
    // waits), so the connector behaves as with its internal one
    this.queue = new TaskQueue();
    this.threads =
        new ThreadPoolExecutor(
            Math.min(minSpareThreads, maxThreads),
            maxThreads,
            60,
            TimeUnit.SECONDS,
            queue,
            new TaskThreadFactory(name + "-exec-", true, Thread.NORM_PRIORITY));
    queue.setParent(threads);
    this.overflow =
        new java.util.concurrent.ThreadPoolExecutor(
            overflowThreads,
            overflowThreads,
            60,
            TimeUnit.SECONDS,
            // no bound of its own: a connection has at most one socket event waiting, so this line
            // is bounded by server.tomcat.max-connections, each entry a few bytes and a refusal of
            // microseconds; a bounded line made Tomcat close the connection and log a warning with
            // a stack trace per refused call, a log any caller could fill
            new LinkedBlockingQueue<>(),
            daemons(name + "-overflow-"));
    this.overflow.allowCoreThreadTimeOut(true);
    this.overflowed =
        Counter.builder("hub.inbound.request.queue.overflowed")
            .description("Requests on the main port that found its request queue full")
            .register(meters);
    Gauge.builder("hub.inbound.request.queue", queue, TaskQueue::size)
        .description("Requests on the main port waiting for a request thread")
        .register(meters);
    Gauge.builder("hub.inbound.request.threads.busy", threads, ThreadPoolExecutor::getActiveCount)
        .description("The main port's request threads that are serving a request")
        .register(meters);
  }

  private static ThreadFactory daemons(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** Whether the request on this thread found the queue full (the door then refuses it). */
  static boolean overflowing() {
    return OVERFLOW.get() != null;
  }

  @Override
  public void execute(Runnable task) {
    if (queue.size() < capacity) {
      threads.execute(task);
      return;
    }
    overflowed.increment();
    overflow.execute(
        () -> {
          OVERFLOW.set(Boolean.TRUE);
          try {
            task.run();
          } finally {
            OVERFLOW.remove();
          }
        });
  }

  /**
   * Runs an admitted call's route: on this thread, unless it is an overflow thread. Those are kept
   * for refusals; but any socket event (a body's next bytes, the end of a body) may land on one
   * while the queue is full, so a call whose body ends there runs on a request thread instead.
   */
  void runAdmitted(Runnable route) {
    if (overflowing()) {
      threads.execute(route);
    } else {
      route.run();
    }
  }

  void shutdown() {
    threads.shutdownNow();
    overflow.shutdownNow();
  }
}
