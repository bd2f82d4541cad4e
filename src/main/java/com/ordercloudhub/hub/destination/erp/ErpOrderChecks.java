package com.ordercloudhub.hub.destination.erp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The ERP's credit or stock check for an order about to be submitted: {@code POST
 * {ERP_BASE_URL}/order-checks} with the order and its line items; the answer is {@code {"approved":
 * true|false, "message": "…"}}. Called in flight by the order-submit pre-hook.
 */
@Component
public class ErpOrderChecks {

  /** The ERP's answer. */
  public record Verdict(boolean approved, String message) {}

  private final ErpProperties properties;
  private final ErpAuth auth;
  private final ErpInstance settings;
  private final ObjectMapper mapper;
  private final HttpClient http;

  /** Pre-hooks ask the default instance, {@code erp}. */
  ErpOrderChecks(ErpInstances instances, ObjectMapper mapper) {
    this.settings = instances.instance(ErpInstance.DEFAULT);
    this.properties = settings.properties();
    this.auth = settings.auth();
    this.mapper = mapper;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofMillis(properties.connectTimeoutMs()))
            .build();
  }

  /** Whether the ERP is configured at all. */
  public boolean available() {
    return settings.missing().isEmpty();
  }

  public Verdict check(JsonNode order, List<JsonNode> lineItems, String idempotencyKey)
      throws IOException, InterruptedException {
    ObjectNode body = mapper.createObjectNode();
    body.set("order", order);
    body.putArray("lineItems").addAll(lineItems);
    String base = properties.baseUrl().trim().replaceAll("/+$", "");
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + "/order-checks"))
            .timeout(Duration.ofMillis(properties.readTimeoutMs()))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .header("Idempotency-Key", idempotencyKey)
            .POST(HttpRequest.BodyPublishers.ofString(mapper.writeValueAsString(body)));
    auth.header(properties).ifPresent(value -> request.header("Authorization", value));
    HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() >= 300) {
      throw new IOException("The ERP's order check answered " + answer.statusCode());
    }
    JsonNode verdict = mapper.readTree(answer.body());
    return new Verdict(
        verdict.path("approved").asBoolean(false), verdict.path("message").asText(null));
  }
}
