package com.ordercloudhub.hub.ops;

import com.ordercloudhub.hub.config.CachedBodyRequest;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.jolokia.server.core.restrictor.policy.PolicyRestrictor;
import org.jolokia.server.core.service.api.Restrictor;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.io.ClassPathResource;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Jolokia, locked down: an access policy limited to what Hawtio's Camel and JMX views need, strict
 * origin checking against the configured origins, and no proxy mode (a request naming a remote
 * {@code target} is refused before Jolokia sees it).
 */
@Configuration(proxyBeanMethods = false)
class JolokiaConfig {

  static final String POLICY = "jolokia/hub-access.xml";

  /** A Restrictor bean takes precedence over Jolokia's own policy lookup. */
  @Bean
  Restrictor jolokiaRestrictor(OpsProperties ops) throws IOException {
    String template;
    try (InputStream in = new ClassPathResource(POLICY).getInputStream()) {
      template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    StringBuilder origins = new StringBuilder();
    for (String origin : ops.allowedOrigins()) {
      if (!origin.isBlank()) {
        origins
            .append("    <allow-origin>")
            .append(origin.trim().replace("&", "&amp;").replace("<", "&lt;"))
            .append("</allow-origin>\n");
      }
    }
    String policy = template.replace("ORIGINS", origins.toString());
    return new PolicyRestrictor(new ByteArrayInputStream(policy.getBytes(StandardCharsets.UTF_8)));
  }

  @Bean
  FilterRegistrationBean<NoProxyRequests> noJolokiaProxy() {
    FilterRegistrationBean<NoProxyRequests> registration =
        new FilterRegistrationBean<>(new NoProxyRequests());
    registration.addUrlPatterns("/actuator/jolokia/*", "/actuator/jolokia");
    registration.setOrder(Ordered.LOWEST_PRECEDENCE - 10);
    return registration;
  }

  /** Refuses Jolokia proxy requests: a JSON body or query naming a {@code target}. */
  static final class NoProxyRequests extends OncePerRequestFilter {

    private static final Pattern TARGET = Pattern.compile("\"target\"\\s*:");
    private static final int MAX_BODY = 1_000_000;

    @Override
    protected void doFilterInternal(
        HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      if (request.getParameter("target") != null) {
        refuse(response);
        return;
      }
      if (!"POST".equalsIgnoreCase(request.getMethod())) {
        chain.doFilter(request, response);
        return;
      }
      byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
      if (body.length > MAX_BODY
          || TARGET.matcher(new String(body, StandardCharsets.UTF_8)).find()) {
        refuse(response);
        return;
      }
      chain.doFilter(new CachedBodyRequest(request, body), response);
    }

    private static void refuse(HttpServletResponse response) throws IOException {
      response.setStatus(HttpServletResponse.SC_FORBIDDEN);
      response.setContentType("application/json");
      response
          .getOutputStream()
          .write(
              "{\"status\":403,\"error\":\"proxy_refused\",\"message\":\"Jolokia proxy requests are disabled\"}"
                  .getBytes(StandardCharsets.UTF_8));
    }
  }
}
