package com.ordercloudhub.hub.dryrun;

import com.ordercloudhub.hub.delivery.DryRun;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.camel.AsyncCallback;
import org.apache.camel.AsyncProducer;
import org.apache.camel.CamelContext;
import org.apache.camel.Component;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.PollingConsumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.EndpointStrategy;
import org.apache.camel.support.DefaultAsyncProducer;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.util.URISupport;
import org.springframework.beans.factory.annotation.Value;

/**
 * Makes a dry run unable to reach anything outside the hub. Every endpoint the CamelContext
 * creates, for any route, {@code to}, {@code toD}, enrich, wire tap or producer template, except
 * the local ones ({@code direct:}, {@code mapping:}, {@code jsonata:}, {@code log:}, …), is wrapped
 * so that an exchange flagged with {@link DryRun} is recorded (what would have been sent, as {@link
 * DryRunCalls} describes it) and never handed to the real producer. Unflagged exchanges pass
 * through untouched. It is installed when the bean is created, before Camel builds any route, so no
 * route holds an unwrapped endpoint.
 *
 * <p>In a hub that only dry-runs ({@link Simulator#REFUSE_UNFLAGGED}: the change-impact run's inert
 * hubs) an unflagged exchange is refused too, with an exception, so nothing there can send: not a
 * route of a proposed file, not a timer.
 */
@org.springframework.stereotype.Component
class DryRunGuard implements EndpointStrategy {

  /** Schemes that never leave the process (or only consume), so a dry run may use them. */
  static final Set<String> LOCAL =
      Set.of(
          "direct",
          "mapping",
          "jsonata",
          "log",
          "platform-http",
          "timer",
          "scheduler",
          "mock",
          "stub");

  static final String REFUSE_UNFLAGGED = Simulator.REFUSE_UNFLAGGED;

  private final DryRunCalls calls;
  private final boolean refuseUnflagged;

  DryRunGuard(
      CamelContext camel,
      DryRunCalls calls,
      @Value("${" + Simulator.REFUSE_UNFLAGGED + ":false}") boolean refuseUnflagged) {
    this.calls = calls;
    this.refuseUnflagged = refuseUnflagged;
    camel.getCamelContextExtension().registerEndpointCallback(this);
  }

  @Override
  public Endpoint registerEndpoint(String uri, Endpoint endpoint) {
    if (endpoint instanceof Guarded || LOCAL.contains(scheme(endpoint.getEndpointUri()))) {
      return endpoint;
    }
    return new Guarded(endpoint, calls, refuseUnflagged);
  }

  static String scheme(String uri) {
    int colon = uri == null ? -1 : uri.indexOf(':');
    return colon < 0 ? "" : uri.substring(0, colon).toLowerCase(Locale.ROOT);
  }

  /** The endpoint as routes see it: the real one, except that a dry run only records. */
  static final class Guarded implements Endpoint {

    private final Endpoint real;
    private final DryRunCalls calls;
    private final boolean refuseUnflagged;

    Guarded(Endpoint real, DryRunCalls calls, boolean refuseUnflagged) {
      this.real = real;
      this.calls = calls;
      this.refuseUnflagged = refuseUnflagged;
    }

    Endpoint real() {
      return real;
    }

    @Override
    public Producer createProducer() throws Exception {
      return createAsyncProducer();
    }

    @Override
    public AsyncProducer createAsyncProducer() throws Exception {
      return new Recording(this, real.createAsyncProducer(), calls, refuseUnflagged);
    }

    @Override
    public boolean isSingletonProducer() {
      return real.isSingletonProducer();
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
      return real.createConsumer(processor);
    }

    @Override
    public PollingConsumer createPollingConsumer() throws Exception {
      return real.createPollingConsumer();
    }

    @Override
    public String getEndpointUri() {
      return real.getEndpointUri();
    }

    @Override
    public String getEndpointBaseUri() {
      return real.getEndpointBaseUri();
    }

    @Override
    public String getEndpointKey() {
      return real.getEndpointKey();
    }

    @Override
    public ExchangePattern getExchangePattern() {
      return real.getExchangePattern();
    }

    @Override
    public Exchange createExchange() {
      return real.createExchange();
    }

    @Override
    public Exchange createExchange(ExchangePattern pattern) {
      return real.createExchange(pattern);
    }

    @Override
    public void configureExchange(Exchange exchange) {
      real.configureExchange(exchange);
    }

    @Override
    public CamelContext getCamelContext() {
      return real.getCamelContext();
    }

    @Override
    public void setCamelContext(CamelContext context) {
      real.setCamelContext(context);
    }

    @Override
    public void configureProperties(Map<String, Object> options) {
      real.configureProperties(options);
    }

    @Override
    public boolean isLenientProperties() {
      return real.isLenientProperties();
    }

    @Override
    public boolean isRemote() {
      return real.isRemote();
    }

    @Override
    public boolean isSingleton() {
      return real.isSingleton();
    }

    @Override
    public Component getComponent() {
      return real.getComponent();
    }

    @Override
    public void setComponent(Component component) {
      real.setComponent(component);
    }

    @Override
    public void start() {
      ServiceHelper.startService(real);
    }

    @Override
    public void stop() {
      ServiceHelper.stopService(real);
    }

    @Override
    public String toString() {
      return real.toString();
    }
  }

  /** Hands real exchanges to the real producer; records a dry run's and stops there. */
  static final class Recording extends DefaultAsyncProducer {

    private final AsyncProducer real;
    private final DryRunCalls calls;
    private final boolean refuseUnflagged;

    Recording(Guarded endpoint, AsyncProducer real, DryRunCalls calls, boolean refuseUnflagged) {
      super(endpoint);
      this.real = real;
      this.calls = calls;
      this.refuseUnflagged = refuseUnflagged;
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
      if (exchange.getProperty(DryRun.PROPERTY) instanceof DryRun run) {
        try {
          run.record(calls.describe(((Guarded) getEndpoint()).real(), exchange));
        } catch (RuntimeException e) {
          exchange.setException(e);
        }
        callback.done(true);
        return true;
      }
      if (refuseUnflagged) {
        exchange.setException(
            new IllegalStateException(
                "This hub only dry-runs ("
                    + REFUSE_UNFLAGGED
                    + "): nothing is sent to "
                    + URISupport.sanitizeUri(getEndpoint().getEndpointUri())));
        callback.done(true);
        return true;
      }
      return real.process(exchange, callback);
    }

    @Override
    public boolean isSingleton() {
      return real.isSingleton();
    }

    @Override
    protected void doStart() throws Exception {
      ServiceHelper.startService(real);
    }

    @Override
    protected void doStop() throws Exception {
      ServiceHelper.stopService(real);
    }
  }
}
