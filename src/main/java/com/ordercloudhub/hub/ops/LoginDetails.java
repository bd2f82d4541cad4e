package com.ordercloudhub.hub.ops;

import jakarta.servlet.http.HttpServletRequest;
import java.io.Serializable;
import org.springframework.security.authentication.AuthenticationDetailsSource;

/**
 * What the throttle needs from the request that brings a password: the client address ({@code
 * getRemoteAddr()}, which Tomcat's RemoteIpValve rewrites only when forwarded headers are enabled
 * and the proxy is trusted), and for HTTP Basic the header's keyed hash (the cache key).
 *
 * @param address the client address
 * @param basicMac the Authorization header's HMAC, or null for the login form
 */
record LoginDetails(String address, String basicMac) implements Serializable {

  /** For the login form. */
  static AuthenticationDetailsSource<HttpServletRequest, LoginDetails> form() {
    return request -> new LoginDetails(request.getRemoteAddr(), null);
  }

  /** For HTTP Basic. */
  static AuthenticationDetailsSource<HttpServletRequest, LoginDetails> basic(
      VerifiedBasicLogins cache) {
    return request -> {
      String header = request.getHeader("Authorization");
      return new LoginDetails(request.getRemoteAddr(), header == null ? null : cache.mac(header));
    };
  }
}
