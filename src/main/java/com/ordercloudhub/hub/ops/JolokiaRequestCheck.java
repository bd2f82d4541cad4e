package com.ordercloudhub.hub.ops;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.ordercloudhub.hub.config.CachedBodyRequest;
import com.ordercloudhub.hub.config.Problem;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.jolokia.core.util.EscapeUtil;
import org.jolokia.server.core.util.RequestType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Checks a Jolokia request before Jolokia parses it: the POST body must be one JSON object or an
 * array of them (a bulk request), within the size limit, UTF-8, without duplicate keys, and no
 * request may name a {@code target} (proxy mode: Jolokia connecting to another JMX server). The
 * body is parsed, not searched, so {@code "\u0074arget"} is a {@code target} here as it is for
 * Jolokia. What each request may do is {@link JolokiaAllowList}'s decision, after Jolokia's parse
 * (GET paths included).
 *
 * <p>The request type is checked here too: Jolokia never asks its restrictor about {@code
 * notification} requests (its notification handler skips the check), so without this an ops login
 * could subscribe to any MBean's notifications, hidden ones included. Only the types {@link
 * JolokiaAllowList#TYPES} lists pass, read from the GET path as Jolokia reads it ({@code ?p=},
 * {@code !} escapes, any case).
 */
final class JolokiaRequestCheck extends OncePerRequestFilter {

  static final String TYPE_REFUSED = "This Jolokia request type is not allowed";

  private final ObjectMapper json;
  private final long maxBodySize;

  JolokiaRequestCheck(long maxBodySize) {
    this.maxBodySize = maxBodySize;
    JsonFactory factory =
        JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(64)
                    .maxStringLength((int) Math.min(Integer.MAX_VALUE, maxBodySize))
                    .build())
            .build();
    this.json =
        JsonMapper.builder(factory).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (request.getParameter("target") != null) {
      refuse(response, 403, "proxy_refused", "Jolokia proxy requests are disabled");
      return;
    }
    if (!"POST".equalsIgnoreCase(request.getMethod())) {
      // Jolokia takes ?p= only when the path is empty; judging both covers either choice
      if (!allowedPath(request.getPathInfo()) || !allowedPath(request.getParameter("p"))) {
        refuse(response, 403, "type_refused", TYPE_REFUSED);
        return;
      }
      chain.doFilter(request, response); // GET: the allow-list judges Jolokia's parse of the path
      return;
    }
    String charset = request.getCharacterEncoding();
    if (charset != null && !"utf-8".equals(charset.toLowerCase(Locale.ROOT))) {
      refuse(response, 400, "invalid_json", "A Jolokia request must be UTF-8 JSON");
      return;
    }
    // over the limit: refused unread when declared so, else read one byte past the limit
    byte[] body =
        request.getContentLengthLong() > maxBodySize
            ? null
            : request.getInputStream().readNBytes((int) maxBodySize + 1);
    if (body == null || body.length > maxBodySize) {
      refuse(
          response,
          413,
          "body_too_large",
          "A Jolokia request is limited to " + maxBodySize + " bytes");
      return;
    }
    String problem = problem(body);
    if (problem != null) {
      if (problem.startsWith("proxy")) {
        refuse(response, 403, "proxy_refused", "Jolokia proxy requests are disabled");
      } else if (problem.equals(TYPE_REFUSED)) {
        refuse(response, 403, "type_refused", TYPE_REFUSED);
      } else {
        refuse(response, 400, "invalid_json", problem);
      }
      return;
    }
    chain.doFilter(new CachedBodyRequest(request, body), response);
  }

  /** What is wrong with the body (null: nothing); "proxy…" for a request naming a target. */
  String problem(byte[] body) {
    JsonNode root;
    try {
      // decoded as it is parsed: no second, char-sized copy of a body of up to max-body-size
      root =
          json.readTree(
              new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8));
    } catch (IOException e) {
      // Jackson's own message quotes the input: say only what kind of error it is
      String detail = e instanceof JsonProcessingException j ? j.getOriginalMessage() : null;
      return detail != null && detail.startsWith("Duplicate field")
          ? "A Jolokia request has a duplicate key"
          : "A Jolokia request must be JSON";
    }
    if (root == null || !(root.isObject() || root.isArray())) {
      return "A Jolokia request must be a JSON object or an array of them";
    }
    Iterator<JsonNode> requests = root.isArray() ? root.elements() : List.of(root).iterator();
    while (requests.hasNext()) {
      JsonNode each = requests.next();
      if (!each.isObject()) {
        return "Each request of a Jolokia bulk request must be a JSON object";
      }
      if (!allowedType(each.path("type").asText(null))) {
        return TYPE_REFUSED;
      }
      Iterator<String> keys = each.fieldNames();
      while (keys.hasNext()) {
        if ("target".equals(keys.next().toLowerCase(Locale.ROOT))) {
          return "proxy";
        }
      }
    }
    return null;
  }

  /** A GET path whose first element (the type, as Jolokia splits it) is allowed; none: version. */
  static boolean allowedPath(String path) {
    if (path == null || path.matches("/*")) {
      return true;
    }
    // as Jolokia's request factory: one leading slash dropped, then split with its escapes
    Deque<String> elements =
        EscapeUtil.extractElementsFromPath(path.startsWith("/") ? path.substring(1) : path);
    return elements.isEmpty() || allowedType(elements.peekFirst());
  }

  static boolean allowedType(String name) {
    if (name == null) {
      return false;
    }
    try {
      return JolokiaAllowList.TYPES.contains(RequestType.getTypeByName(name));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static void refuse(HttpServletResponse response, int status, String error, String message)
      throws IOException {
    Problem.of(status, error, message).writeTo(response);
  }
}
