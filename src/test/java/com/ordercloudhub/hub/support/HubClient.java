package com.ordercloudhub.hub.support;

import com.ordercloudhub.hub.inbound.OcSignature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** Calls a running hub on 127.0.0.1 the way OrderCloud and operators do. */
public final class HubClient {

  public static final String OPS_USER = "ops-test";
  public static final String OPS_PASSWORD = "ops-test-password";

  private final String base;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public HubClient(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  /**
   * A signed order.submitted post-hook with this LogID, as a request to send with a client of the
   * test's own (to send several at once).
   */
  public HttpRequest signedPostHook(String logId) {
    byte[] body = Payloads.fresh(Fixtures.POST_ORDER_SUBMIT, logId);
    return HttpRequest.newBuilder(uri("/webhooks/ordercloud/post"))
        .timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json")
        .header("X-oc-hash", OcSignature.sign(Fixtures.KEY, body))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
  }

  /** POST signed with the fixtures' key, as OrderCloud sends it. */
  public HttpResponse<String> signed(String path, byte[] body) {
    return post(path, body, OcSignature.sign(Fixtures.KEY, body));
  }

  public HttpResponse<String> signed(String path, String body) {
    return signed(path, body.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * A signed post-hook of the test destination's event ({@code POST v1/test/deliveries}), with a
   * fresh LogID; answers its event id.
   */
  public String postTestDelivery() {
    HttpResponse<String> answer =
        signed(
            "/webhooks/ordercloud/post",
            Payloads.webhook("v1/test/deliveries", "POST", java.util.UUID.randomUUID().toString()));
    if (answer.statusCode() != 202) {
      throw new IllegalStateException(
          "post-hook answered " + answer.statusCode() + ": " + answer.body());
    }
    return Fixtures.json(answer.body().getBytes(StandardCharsets.UTF_8)).get("eventId").asText();
  }

  /** POST with the given X-oc-hash (null: no header). */
  public HttpResponse<String> post(String path, byte[] body, String hash) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (hash != null) {
      request.header("X-oc-hash", hash);
    }
    return send(request.build());
  }

  public HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** GET as the ops user (HTTP Basic). */
  public HttpResponse<String> opsGet(String path) {
    return send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Authorization", basic(OPS_USER, OPS_PASSWORD))
            .GET()
            .build());
  }

  /** POST a JSON body as the ops user (HTTP Basic). */
  public HttpResponse<String> opsPost(String path, byte[] body) {
    return send(
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", basic(OPS_USER, OPS_PASSWORD))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build());
  }

  public HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET().build());
  }

  public URI uri(String path) {
    return URI.create(base + path);
  }

  public static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }
}
