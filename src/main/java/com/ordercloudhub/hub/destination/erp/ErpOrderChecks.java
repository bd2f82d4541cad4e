package com.ordercloudhub.hub.destination.erp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ordercloudhub.hub.delivery.OutboundHttp;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * The ERP's credit or stock check for an order about to be submitted: {@code POST
 * {ERP_BASE_URL}/order-checks} with the order and its line items; the answer is {@code {"approved":
 * true|false, "message": "…"}}. Called in flight by the order-submit pre-hook, through {@link
 * OutboundHttp} for the pre-hook's exchange, so a dry run records it instead of making it.
 */
@Component
public class ErpOrderChecks {

  /** The ERP's answer. */
  public record Verdict(boolean approved, String message) {}

  private final ErpProperties properties;
  private final ErpAuth auth;
  private final ErpInstance settings;
  private final ObjectMapper mapper;
  private final OutboundHttp http;
  private final OutboundHttp.Target target;

  /** Pre-hooks ask the default instance, {@code erp}. */
  ErpOrderChecks(ErpInstances instances, ObjectMapper mapper, OutboundHttp http) {
    this.settings = instances.instance(ErpInstance.DEFAULT);
    this.properties = settings.properties();
    this.auth = settings.auth();
    this.mapper = mapper;
    this.http = http;
    this.target =
        new OutboundHttp.Target(
            "erp-order-checks",
            Duration.ofMillis(properties.connectTimeoutMs()),
            Duration.ofMillis(properties.readTimeoutMs()));
  }

  /** Whether the ERP is configured at all. */
  public boolean available() {
    return settings.missing().isEmpty();
  }

  /**
   * The ERP's verdict, asked for {@code on}; empty when the call had no answer (a dry run).
   *
   * @throws IOException the ERP unreachable, slow past its read timeout, or not answering 2xx
   */
  public Optional<Verdict> check(
      Exchange on, JsonNode order, List<JsonNode> lineItems, String idempotencyKey)
      throws IOException {
    ObjectNode body = mapper.createObjectNode();
    body.set("order", order);
    body.putArray("lineItems").addAll(lineItems);
    String base = properties.baseUrl().trim().replaceAll("/+$", "");
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json");
    headers.put("Accept", "application/json");
    headers.put("Idempotency-Key", idempotencyKey);
    auth.header(properties).ifPresent(value -> headers.put("Authorization", value));
    Optional<OutboundHttp.Answer> answer =
        http.send(
            on,
            target,
            OutboundHttp.Request.post(
                base + "/order-checks", headers, mapper.writeValueAsString(body)));
    if (answer.isEmpty()) {
      return Optional.empty();
    }
    if (answer.get().status() >= 300) {
      throw new IOException("The ERP's order check answered " + answer.get().status());
    }
    JsonNode verdict = mapper.readTree(answer.get().body());
    return Optional.of(
        new Verdict(
            verdict.path("approved").asBoolean(false), verdict.path("message").asText(null)));
  }
}
