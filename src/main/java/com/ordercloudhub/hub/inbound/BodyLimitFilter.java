package com.ordercloudhub.hub.inbound;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.ordercloudhub.hub.config.CachedBodyRequest;
import com.ordercloudhub.hub.config.Problem;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads an inbound body up to the limit before any route sees it. A larger body is answered 413
 * with a JSON error and never reaches Camel; the bytes that pass are handed on unchanged, so the
 * signature is checked over exactly what OrderCloud sent.
 *
 * <p>The body is always JSON to the hub, whatever Content-Type the caller declared: the request is
 * presented as {@code application/json}, so no layer tries to read it as a form (Camel would
 * otherwise split a form-typed body into headers and quote it, token included, in its errors).
 */
public class BodyLimitFilter extends OncePerRequestFilter {

  private static final Logger log = LoggerFactory.getLogger(BodyLimitFilter.class);
  private final long maxBytes;
  private final long maxDrainBytes;
  private final ObjectMapper mapper;

  public BodyLimitFilter(InboundProperties properties, ObjectMapper mapper) {
    this.maxBytes = properties.maxBodySize().toBytes();
    this.maxDrainBytes = properties.maxDrainSize().toBytes();
    this.mapper = mapper;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long declared = request.getContentLengthLong();
    if (declared > maxBytes) {
      refuse(request, response, declared);
      return;
    }
    ByteArrayOutputStream buffer = new ByteArrayOutputStream(declared > 0 ? (int) declared : 8192);
    InputStream in = request.getInputStream();
    byte[] chunk = new byte[8192];
    long total = 0;
    for (int n; (n = in.read(chunk)) != -1; ) {
      total += n;
      if (total > maxBytes) {
        refuse(request, response, -1);
        return;
      }
      buffer.write(chunk, 0, n);
    }
    chain.doFilter(new CachedBody(request, buffer.toByteArray()), response);
  }

  private void refuse(HttpServletRequest request, HttpServletResponse response, long declared)
      throws IOException {
    log.warn(
        "Refused call to {}: 413 body over {} bytes{}",
        request.getRequestURI(),
        maxBytes,
        declared > 0 ? " (Content-Length " + declared + ")" : "");
    // read the rest (up to a bound) so the caller, still sending, gets to see the answer
    boolean drained = drain(request.getInputStream());
    response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
    response.setContentType("application/json");
    if (!drained) {
      response.setHeader("Connection", "close");
    }
    mapper.writeValue(
        response.getOutputStream(),
        Problem.of(
            413,
            "body_too_large",
            "The request body is over the limit of "
                + maxBytes
                + " bytes (hub.inbound.max-body-size); nothing was stored."));
  }

  private boolean drain(InputStream in) {
    byte[] chunk = new byte[65536];
    long total = 0;
    try {
      for (int n; (n = in.read(chunk)) != -1; ) {
        total += n;
        if (total > maxDrainBytes) {
          return false;
        }
      }
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** The request with its body in memory, presented as JSON whatever was declared. */
  static final class CachedBody extends CachedBodyRequest {

    private static final String JSON = "application/json";

    CachedBody(HttpServletRequest request, byte[] body) {
      super(request, body);
    }

    @Override
    public String getContentType() {
      return JSON;
    }

    @Override
    public String getHeader(String name) {
      return "content-type".equalsIgnoreCase(name) ? JSON : super.getHeader(name);
    }

    @Override
    public java.util.Enumeration<String> getHeaders(String name) {
      return "content-type".equalsIgnoreCase(name)
          ? java.util.Collections.enumeration(java.util.List.of(JSON))
          : super.getHeaders(name);
    }

    @Override
    public String getCharacterEncoding() {
      return null; // bytes are signed and parsed as they are; no text decoding is implied
    }

    @Override
    public java.util.Map<String, String[]> getParameterMap() {
      return java.util.Map.of(); // a body is never parameters here
    }

    @Override
    public java.util.Enumeration<String> getParameterNames() {
      return java.util.Collections.emptyEnumeration();
    }

    @Override
    public String getParameter(String name) {
      return null;
    }

    @Override
    public String[] getParameterValues(String name) {
      return null;
    }
  }
}
