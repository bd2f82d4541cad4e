package com.ordercloudhub.hub.dryrun;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.ordercloudhub.hub.config.SecretRule;
import com.ordercloudhub.hub.delivery.Destination;
import com.ordercloudhub.hub.delivery.DryRun;
import com.ordercloudhub.hub.event.ExactJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.util.URISupport;
import org.springframework.stereotype.Component;

/**
 * Describes a call a dry run did not make, as the system on the other end would have received it.
 * Each {@link Destination} describes its own components' calls first (a Salesforce upsert, an SQL
 * statement, an email); otherwise an HTTP request is shown as method, URL, headers and body, and
 * anything else as the endpoint, headers and body. Credentials are never shown: a header the secret
 * rule names a secret keeps only its scheme ({@code Bearer [redacted]}), URIs are sanitised, and
 * the whole description passes the rule.
 */
@Component
class DryRunCalls {

  private final List<Destination> destinations;
  private final ObjectMapper mapper;
  private final ObjectReader exact;
  private final SecretRule rule;

  DryRunCalls(List<Destination> destinations, ObjectMapper mapper, SecretRule rule) {
    this.destinations = List.copyOf(destinations);
    this.mapper = mapper;
    // a request body is shown with its numbers as they would be sent (no doubles)
    this.exact = ExactJson.reader(mapper);
    this.rule = rule;
  }

  /** The call, with everything the secret rule calls a secret masked (names and values). */
  @SuppressWarnings("unchecked")
  Map<String, Object> describe(Endpoint endpoint, Exchange exchange) {
    JsonNode tree;
    try {
      // through text and the exact reader: valueToTree would strip trailing zeros (172.80 → 172.8)
      tree = exact.readValue(mapper.writeValueAsBytes(call(endpoint, exchange)));
    } catch (IOException e) {
      throw new UncheckedIOException("The dry run could not describe the call", e);
    }
    return mapper.convertValue(rule.maskJson(tree), Map.class);
  }

  private Map<String, Object> call(Endpoint endpoint, Exchange exchange) {
    for (Destination destination : destinations) {
      Optional<Map<String, Object>> own = destination.describe(endpoint, exchange);
      if (own.isPresent()) {
        return own.get();
      }
    }
    String scheme = DryRunGuard.scheme(endpoint.getEndpointUri());
    if (scheme.equals("http") || scheme.equals("https")) {
      return http(endpoint, exchange);
    }
    Map<String, Object> call = new LinkedHashMap<>();
    call.put("system", scheme);
    call.put("endpoint", URISupport.sanitizeUri(endpoint.getEndpointUri()));
    call.put("headers", headers(exchange));
    call.put("body", DryRun.bodyOf(exchange, exact));
    return call;
  }

  private Map<String, Object> http(Endpoint endpoint, Exchange exchange) {
    String uri = exchange.getMessage().getHeader(Exchange.HTTP_URI, String.class);
    String method = exchange.getMessage().getHeader(Exchange.HTTP_METHOD, String.class);
    Object body = DryRun.bodyOf(exchange, exact);
    Map<String, Object> call = new LinkedHashMap<>();
    call.put("system", "http");
    call.put("method", method != null ? method : body == null ? "GET" : "POST");
    call.put("url", uri != null ? uri : URISupport.sanitizeUri(endpoint.getEndpointUri()));
    call.put("headers", headers(exchange));
    call.put("body", body);
    return call;
  }

  /** What a component would send as headers: the hub's own and Camel's are not sent. */
  private Map<String, Object> headers(Exchange exchange) {
    Map<String, Object> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    exchange
        .getMessage()
        .getHeaders()
        .forEach(
            (name, value) -> {
              String lower = name.toLowerCase(Locale.ROOT);
              if (lower.startsWith("camel") || lower.startsWith("hub")) {
                return;
              }
              headers.put(
                  name,
                  rule.isSecretName(name)
                      ? SecretRule.maskKeepingScheme(String.valueOf(value))
                      : value);
            });
    return headers;
  }
}
