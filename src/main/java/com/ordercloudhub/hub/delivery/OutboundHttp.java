package com.ordercloudhub.hub.delivery;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.camel.component.http.HttpMethods;
import org.apache.camel.support.DefaultExchange;
import org.apache.hc.client5.http.impl.DefaultHttpRequestRetryStrategy;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.util.TimeValue;
import org.springframework.stereotype.Component;

/**
 * A call a bean makes to a system outside the hub (the OrderCloud API, the address service, the
 * ERP's order check), sent through a Camel http endpoint as a route's {@code to} is, so the dry-run
 * guard covers it like every other endpoint. The call travels on an exchange of its own that
 * carries the properties of the exchange it is made for (a dry run's recorder among them): a dry
 * run records the call instead of making it, and then there is no answer, so {@link #send} returns
 * empty and the caller says what it could not check. The bean never asks whether it is in a dry
 * run.
 *
 * <p>A real call answers (any status, the caller maps it) or throws: no answer in time, no
 * connection. As with java.net.http before: no redirects followed, no cookies kept (callers carry
 * their own credentials, a shopper's among them), and an answered request is never sent again (a
 * 503 is the caller's, within its budget). The endpoint's own host name is never contacted: the URL
 * is the request's.
 */
@Component
public class OutboundHttp {

  /** The client settings above, as the endpoints name them. */
  static final String CLIENT = "hubOutboundHttpClient";

  /**
   * Connections per system: as many as callers can use at once (pre-hook check workers and delivery
   * workers), so no call waits for a pooled one (the http component's default is 20).
   */
  static final int CONNECTIONS = 500;

  /**
   * An exchange property: when the caller's answer is due, in System.nanoTime() (a pre-hook's
   * budget). A call for such an exchange waits for its answer no longer than that, so a slow system
   * frees the caller's worker with the budget: the blocking client cannot be interrupted.
   */
  public static final String DEADLINE = "hubOutboundDeadline";

  /**
   * A deadline's response timeout is rounded up to this step, so a target has a few endpoints (one
   * per step up to its own timeout), not one per call.
   */
  static final long DEADLINE_STEP_MS = 250;

  /**
   * A system the hub calls.
   *
   * @param name the endpoint's name, e.g. {@code ordercloud-api} (shown in Camel's endpoint list)
   */
  public record Target(String name, Duration connectTimeout, Duration responseTimeout) {}

  /** What is sent: the method, the whole URL, the headers and the body (null for none). */
  public record Request(String method, String url, Map<String, String> headers, String body) {

    public static Request get(String url, Map<String, String> headers) {
      return new Request("GET", url, headers, null);
    }

    public static Request post(String url, Map<String, String> headers, String body) {
      return new Request("POST", url, headers, body);
    }
  }

  /**
   * What came back.
   *
   * @param retryAfter the answer's {@code Retry-After} header as sent (a 429's or 503's wait), or
   *     null; the only response header a caller needs, so no other one (nor any request header) is
   *     kept
   */
  public record Answer(int status, byte[] body, String retryAfter) {

    public Answer(int status, byte[] body) {
      this(status, body, null);
    }

    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private final CamelContext camel;
  private final ProducerTemplate producer;

  public OutboundHttp(CamelContext camel, ProducerTemplate producer) {
    this.camel = camel;
    this.producer = producer;
    camel.getRegistry().bind(CLIENT, HttpClientConfigurer.class, new Client());
  }

  /**
   * Sends the request for {@code on} (may be null: a call for no exchange).
   *
   * @return the answer, or empty when none came because the call was only recorded (a dry run)
   * @throws IOException no connection, or no answer within the response timeout
   */
  public Optional<Answer> send(Exchange on, Target target, Request request) throws IOException {
    Exchange call = new DefaultExchange(camel, ExchangePattern.InOut);
    if (on != null) {
      on.getProperties().forEach(call::setProperty);
    }
    Message message = call.getMessage();
    // the component's own type, not a String it would convert on every send
    message.setHeader(Exchange.HTTP_METHOD, HttpMethods.valueOf(request.method()));
    message.setHeader(Exchange.HTTP_URI, request.url());
    request.headers().forEach(message::setHeader);
    message.setBody(request.body());
    Exchange done = producer.send(uri(within(target, call), request.url()), call);
    Exception failure = done.getException();
    if (failure instanceof IOException io) {
      throw io;
    }
    if (failure instanceof RuntimeException runtime) {
      throw runtime;
    }
    if (failure != null) {
      throw new IOException(failure.getMessage(), failure);
    }
    Integer status = done.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
    if (status == null) {
      return Optional.empty();
    }
    byte[] body = done.getMessage().getBody(byte[].class);
    return Optional.of(
        new Answer(
            status,
            body == null ? new byte[0] : body,
            done.getMessage().getHeader("Retry-After", String.class)));
  }

  /** The target, its response timeout cut to the exchange's deadline (rounded up), if any. */
  static Target within(Target target, Exchange call) {
    Long deadline = call.getProperty(DEADLINE, Long.class);
    if (deadline == null) {
      return target;
    }
    long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
    long stepped = ((left + DEADLINE_STEP_MS - 1) / DEADLINE_STEP_MS) * DEADLINE_STEP_MS;
    return stepped >= target.responseTimeout().toMillis()
        ? target
        : new Target(target.name(), target.connectTimeout(), Duration.ofMillis(stepped));
  }

  static String uri(Target target, String url) {
    String scheme = url.toLowerCase(Locale.ROOT).startsWith("https:") ? "https" : "http";
    long connect = target.connectTimeout().toMillis();
    return scheme
        + ":"
        + target.name()
        + "?connectTimeout="
        + connect
        // waiting for a pooled connection counts as connecting
        + "&connectionRequestTimeout="
        + connect
        + "&responseTimeout="
        + target.responseTimeout().toMillis()
        + "&throwExceptionOnFailure=false"
        + "&connectionsPerRoute="
        + CONNECTIONS
        + "&maxTotalConnections="
        + CONNECTIONS
        + "&httpClientConfigurer=#"
        + CLIENT;
  }

  /** The client settings: no redirects, no cookies, no second try of an answered request. */
  static final class Client implements HttpClientConfigurer {

    @Override
    public void configureHttpClient(HttpClientBuilder builder) {
      builder
          .disableRedirectHandling()
          .disableCookieManagement()
          // a request that failed before any answer is tried once more if idempotent (as the
          // JDK's client did); the default would also wait and resend on 429 or 503
          .setRetryStrategy(
              new DefaultHttpRequestRetryStrategy(1, TimeValue.ZERO_MILLISECONDS) {
                @Override
                public boolean retryRequest(HttpResponse response, int count, HttpContext context) {
                  return false;
                }
              });
    }
  }
}
