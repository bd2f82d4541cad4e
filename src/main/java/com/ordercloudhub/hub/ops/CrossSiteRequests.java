package com.ordercloudhub.hub.ops;

import com.ordercloudhub.hub.config.Problem;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses, before any password is checked, a state-changing request (anything but GET, HEAD,
 * OPTIONS, TRACE) that a page on another site could have made the operator's browser send:
 *
 * <ul>
 *   <li>an {@code Origin} or {@code Referer} that is neither this hub's own origin (the request's
 *       scheme://host:port, forwarded headers honoured when enabled) nor one of {@code
 *       hub.ops.allowed-origins}; {@code Origin: null} is foreign;
 *   <li>{@code Sec-Fetch-Site: cross-site} or {@code same-site} without an allowed {@code Origin};
 *   <li>with HTTP Basic credentials: a body a plain HTML form can send ({@code
 *       application/x-www-form-urlencoded}, {@code multipart/form-data}, {@code text/plain}).
 * </ul>
 *
 * Together with the CSRF token required of every browser session, this makes a credential the
 * browser attaches by itself (a cookie, cached Basic) worthless to another site. Scripts (curl -u,
 * Prometheus) send no {@code Origin} and JSON or no body, and pass.
 */
final class CrossSiteRequests extends OncePerRequestFilter {

  static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
  private static final List<String> FORM_TYPES =
      List.of("application/x-www-form-urlencoded", "multipart/form-data", "text/plain");

  private final AllowedOrigins allowed;

  CrossSiteRequests(List<String> allowedOrigins) {
    this.allowed = new AllowedOrigins(allowedOrigins);
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String refusal = SAFE_METHODS.contains(request.getMethod()) ? null : refusal(request);
    if (refusal != null) {
      Problem.of(403, "cross_site_request", refusal).writeTo(response);
      return;
    }
    chain.doFilter(request, response);
  }

  /** Why the request is refused, or null. */
  String refusal(HttpServletRequest request) {
    String origin = request.getHeader("Origin");
    String own = ownOrigin(request);
    if (origin != null && !accepted(originOf(origin), own)) {
      return "A state-changing request from another origin is refused";
    }
    String referer = request.getHeader("Referer");
    if (referer != null && !accepted(originOf(referer), own)) {
      return "A state-changing request from another origin is refused";
    }
    String site = request.getHeader("Sec-Fetch-Site");
    if (site != null
        && (site.equalsIgnoreCase("cross-site") || site.equalsIgnoreCase("same-site"))
        && (origin == null || !listed(originOf(origin)))) {
      return "A state-changing request from another site is refused";
    }
    if (bringsBasic(request) && formType(request.getContentType())) {
      return "A state-changing request with HTTP Basic must not be a form post:"
          + " send JSON (Content-Type: application/json) or no body";
    }
    return null;
  }

  static boolean bringsBasic(HttpServletRequest request) {
    String authorization = request.getHeader("Authorization");
    return authorization != null && authorization.regionMatches(true, 0, "Basic", 0, 5);
  }

  private static boolean formType(String contentType) {
    if (contentType == null) {
      return false;
    }
    String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    return FORM_TYPES.contains(type);
  }

  /** An origin (as {@link #originOf} gives it) that is this hub's own or an allowed one. */
  private boolean accepted(String origin, String own) {
    return origin != null && (origin.equals(own) || listed(origin));
  }

  private boolean listed(String origin) {
    return allowed.contains(origin);
  }

  /** scheme://host[:port] of the request as the browser addressed it, default ports left out. */
  static String ownOrigin(HttpServletRequest request) {
    return origin(request.getScheme(), request.getServerName(), request.getServerPort());
  }

  /** scheme://host[:port] of a URL (Origin, Referer), or null when it has none ("null"). */
  private static String originOf(String url) {
    try {
      URI uri = URI.create(url.trim());
      return uri.getScheme() == null || uri.getHost() == null
          ? null
          : origin(uri.getScheme(), uri.getHost(), uri.getPort());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String origin(String scheme, String host, int port) {
    String s = scheme.toLowerCase(Locale.ROOT);
    boolean defaultPort =
        port < 0 || (s.equals("http") && port == 80) || (s.equals("https") && port == 443);
    String h = host.toLowerCase(Locale.ROOT);
    if (h.indexOf(':') >= 0 && !h.startsWith("[")) {
      h = "[" + h + "]";
    }
    return s + "://" + h + (defaultPort ? "" : ":" + port);
  }
}
