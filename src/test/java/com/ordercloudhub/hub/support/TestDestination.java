package com.ordercloudhub.hub.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * A downstream system for delivery tests, on 127.0.0.1: it answers what the test tells it to, can
 * be stopped (connections refused) and started again on the same port, and honours {@code
 * Idempotency-Key} the way a well-behaved target does: a key it has written before is answered 200
 * without a second write. {@link #writes(String)} counts real writes per key.
 */
public final class TestDestination implements AutoCloseable {

  /** What the destination answers a request with, by its idempotency key. */
  public interface Behaviour extends Function<String, Integer> {}

  public static final Behaviour ACCEPT = key -> 200;

  /**
   * Answers {@code status} after {@code pause}, as a slow peer does (the pause runs on the fake
   * server's handler thread, not the test's).
   */
  public static Behaviour after(Duration pause, int status) {
    return key -> {
      long deadline = System.nanoTime() + pause.toNanos();
      for (long left = pause.toNanos(); left > 0; left = deadline - System.nanoTime()) {
        LockSupport.parkNanos(left);
      }
      return status;
    };
  }

  private volatile Behaviour behaviour = ACCEPT;
  private final Map<String, AtomicInteger> writes = new ConcurrentHashMap<>();
  private final Set<String> written = ConcurrentHashMap.newKeySet();
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final AtomicInteger inProgress = new AtomicInteger();
  private final ExecutorService handlers;
  private HttpServer server;
  private boolean listening;

  /** A request as it arrived. */
  public record Received(String key, String body, int answeredWith) {}

  private TestDestination(ExecutorService handlers) {
    this.handlers = handlers;
  }

  /** A destination that handles one request at a time. */
  public static TestDestination start() {
    TestDestination destination = new TestDestination(null);
    destination.listen(0);
    return destination;
  }

  /** A destination that handles up to {@code threads} requests at once, as a real server does. */
  public static TestDestination concurrent(int threads) {
    TestDestination destination =
        new TestDestination(
            Executors.newFixedThreadPool(
                threads,
                task -> {
                  Thread thread = new Thread(task, "test-destination");
                  thread.setDaemon(true);
                  return thread;
                }));
    destination.listen(0);
    return destination;
  }

  private synchronized void listen(int onPort) {
    try {
      server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 50);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(
        "/",
        exchange -> {
          inProgress.incrementAndGet();
          try {
            String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            String body =
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int status = behaviour.apply(key);
            if (status >= 200 && status < 300 && key != null && written.add(key)) {
              writes.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            }
            received.add(new Received(key, body, status));
            byte[] answer = ("{\"status\":" + status + "}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
          } finally {
            inProgress.decrementAndGet();
          }
        });
    if (handlers != null) {
      server.setExecutor(handlers);
    }
    server.start();
    listening = true;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public String url() {
    return "http://127.0.0.1:" + port() + "/deliveries";
  }

  public void answer(Behaviour behaviour) {
    this.behaviour = behaviour;
  }

  /** Stops listening: connections are refused until {@link #resume()}. */
  public synchronized void stopListening() {
    server.stop(0);
    listening = false;
  }

  /** Listens again on the same port (nothing to do when it listens). */
  public synchronized void resume() {
    if (!listening) {
      listen(server.getAddress().getPort());
    }
  }

  /** Requests being handled right now: arrived, not answered yet. */
  public int inProgress() {
    return inProgress.get();
  }

  public List<Received> received() {
    return List.copyOf(received);
  }

  public List<Received> receivedWithKey(String key) {
    return received.stream().filter(r -> key.equals(r.key())).toList();
  }

  /** Successful first-time writes for this key (a repeated key is not written again). */
  public int writes(String key) {
    AtomicInteger count = writes.get(key);
    return count == null ? 0 : count.get();
  }

  /** Every key written, with how often (never more than once if the hub reuses its keys). */
  public Map<String, Integer> allWrites() {
    Map<String, Integer> all = new ConcurrentHashMap<>();
    writes.forEach((k, v) -> all.put(k, v.get()));
    return all;
  }

  @Override
  public synchronized void close() {
    server.stop(0);
    if (handlers != null) {
      handlers.shutdownNow();
    }
  }
}
