package com.ordercloudhub.hub.prehook;

import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.springboot.PlatformHttpMessage;

/**
 * When a pre-hook reached the hub. Its budget runs from there, end to end: a filter stamps the
 * request (the webhook door) before its body is read or a worker takes it, and the route's first
 * step keeps the stamp on the exchange (the HTTP message itself is replaced by the steps after it).
 * Time spent reading the body or waiting for a worker thus counts against the budget instead of
 * being added after it.
 */
public final class PreHookClock {

  /** The request attribute and exchange property holding the arrival, in System.nanoTime(). */
  public static final String RECEIVED_AT = "hubPreHookReceivedAt";

  private PreHookClock() {}

  /** Copies the request's arrival stamp onto the exchange; call it while the message is HTTP's. */
  static void keepArrival(Exchange exchange) {
    if (exchange.getIn() instanceof PlatformHttpMessage http
        && http.getRequest() != null
        && http.getRequest().getAttribute(RECEIVED_AT) instanceof Long receivedAt) {
      exchange.setProperty(RECEIVED_AT, receivedAt);
    }
  }

  /** Milliseconds since the pre-hook arrived (since its exchange began when it was not stamped). */
  static long elapsedMs(Exchange exchange) {
    long sinceExchange = exchange.getClock().elapsed();
    Long receivedAt = exchange.getProperty(RECEIVED_AT, Long.class);
    if (receivedAt == null) {
      return sinceExchange;
    }
    return Math.max(sinceExchange, (System.nanoTime() - receivedAt) / 1_000_000);
  }
}
