package com.ordercloudhub.hub.inbound;

import com.ordercloudhub.hub.config.Problem;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.apache.catalina.connector.Connector;

/**
 * A second port for what must answer while the main one is flooded: pre-hooks (a shopper's checkout
 * waits on them) and health (a load balancer judges the instance by it). It has its own socket,
 * accept queue, connections and request threads, so a flood of post-hooks on the main port cannot
 * queue in front of them; anything else asked of it is 404.
 */
final class PriorityPort implements Filter {

  static final String PRE_HOOK = "/webhooks/ordercloud/pre";

  private final Integer port;
  private volatile Connector connector;

  /** The port once it is bound (Tomcat's own lookup is by reflection, on every request). */
  private volatile int boundPort = -1;

  PriorityPort(Integer port) {
    this.port = port;
  }

  boolean configured() {
    return port != null;
  }

  /** The connector for the priority port: its own threads, connections and limits. */
  Connector connector(int maxHeaderBytes, int connectionTimeoutMillis) {
    Connector created = new Connector("org.apache.coyote.http11.Http11NioProtocol");
    created.setPort(port);
    created.setProperty("maxThreads", "64");
    created.setProperty("minSpareThreads", "4");
    created.setProperty("maxConnections", "1024");
    created.setProperty("acceptCount", "100");
    created.setProperty("connectionTimeout", String.valueOf(connectionTimeoutMillis));
    created.setProperty("maxHttpRequestHeaderSize", String.valueOf(maxHeaderBytes));
    created.setProperty("maxKeepAliveRequests", "100");
    this.connector = created;
    this.boundPort = -1;
    return created;
  }

  /** The port it listens on (the actual one when configured as 0), or -1 when off. */
  int localPort() {
    int known = boundPort;
    if (known > 0) {
      return known;
    }
    Connector c = connector;
    int now = c == null ? -1 : c.getLocalPort();
    if (now > 0) {
      boundPort = now;
    }
    return now;
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    if (!refused((HttpServletRequest) req, (HttpServletResponse) res)) {
      chain.doFilter(req, res);
    }
  }

  /** Answers 404 (and says so) for anything but pre-hooks and health asked on the priority port. */
  boolean refused(HttpServletRequest request, HttpServletResponse response) throws IOException {
    if (connector == null || request.getLocalPort() != localPort() || allowed(request)) {
      return false;
    }
    Problem.of(404, "not_found", "This port answers pre-hooks and health only.").writeTo(response);
    return true;
  }

  private static boolean allowed(HttpServletRequest request) {
    String uri = request.getRequestURI();
    return uri.equals(PRE_HOOK)
        || uri.equals("/actuator/health")
        || uri.startsWith("/actuator/health/");
  }
}
