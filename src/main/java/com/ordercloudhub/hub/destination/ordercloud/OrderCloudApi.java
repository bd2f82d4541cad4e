package com.ordercloudhub.hub.destination.ordercloud;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.ordercloudhub.hub.delivery.PermanentDeliveryException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A small OrderCloud API client: the hub's own token (client credentials, cached until it expires)
 * or a caller's token in flight (a pre-hook's {@code UserToken}, never stored), and the few reads
 * the hub needs, every page of a list included.
 */
@Component
public class OrderCloudApi {

  private static final Logger log = LoggerFactory.getLogger(OrderCloudApi.class);

  /** A cached token is renewed this long before OrderCloud says it expires. */
  private static final long EXPIRY_SKEW_SECONDS = 60;

  private final OrderCloudApiProperties properties;
  private final ObjectMapper mapper;
  private final ObjectReader exact;
  private final Clock clock;
  private final HttpClient http;
  private final Object tokenLock = new Object();
  private volatile CachedToken token;

  public OrderCloudApi(OrderCloudApiProperties properties, ObjectMapper mapper, Clock clock) {
    this.properties = properties;
    this.mapper = mapper;
    // line items and orders as OrderCloud sent them: a double would turn 1234567890123.4567 into
    // …4568
    this.exact =
        mapper
            .readerFor(JsonNode.class)
            .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .without(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES);
    this.clock = clock;
    this.http = HttpClient.newBuilder().connectTimeout(properties.connectTimeout()).build();
  }

  /** Whether the hub has its own API client (ORDERCLOUD_CLIENT_ID). */
  public boolean configured() {
    return properties.configured();
  }

  /** Every line item of an order, read with the hub's own token. */
  public List<JsonNode> lineItems(String direction, String orderId) {
    return lineItems(direction, orderId, hubToken());
  }

  /** Every line item of an order, read with the given bearer token. */
  public List<JsonNode> lineItems(String direction, String orderId, String bearerToken) {
    return all(
        "/v1/orders/" + encode(direction) + "/" + encode(orderId) + "/lineitems", bearerToken);
  }

  /** One order, read with the given bearer token. */
  public JsonNode order(String direction, String orderId, String bearerToken) {
    return get("/v1/orders/" + encode(direction) + "/" + encode(orderId), bearerToken);
  }

  /** The token's user's cart (the order a cart submit submits). */
  public JsonNode cart(String bearerToken) {
    return get("/v1/cart", bearerToken);
  }

  /** Every line item of the token's user's cart. */
  public List<JsonNode> cartLineItems(String bearerToken) {
    return all("/v1/cart/lineitems", bearerToken);
  }

  /** Every item of a list, page by page. */
  private List<JsonNode> all(String path, String bearerToken) {
    List<JsonNode> items = new ArrayList<>();
    int page = 1;
    int pages;
    do {
      JsonNode answer =
          get(path + "?page=" + page + "&pageSize=" + properties.pageSize(), bearerToken);
      answer.path("Items").forEach(items::add);
      pages = answer.path("Meta").path("TotalPages").asInt(1);
      page++;
    } while (page <= pages);
    return items;
  }

  private JsonNode get(String path, String bearerToken) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(stripSlash(properties.apiUrl()) + path))
            .timeout(properties.readTimeout())
            .header("Authorization", "Bearer " + bearerToken)
            .header("Accept", "application/json")
            .GET()
            .build();
    HttpResponse<String> answer = send(request);
    if (answer.statusCode() == 401 && token != null && bearerToken.equals(token.value())) {
      token = null; // revoked or expired early: the next call logs in again
    }
    return json(answer, "GET " + path.replaceAll("\\?.*", ""));
  }

  /** The hub's own token, from cache or a new client-credentials login. */
  String hubToken() {
    if (!configured()) {
      throw new IllegalStateException("ORDERCLOUD_CLIENT_ID is not set");
    }
    CachedToken current = token;
    if (current != null && current.validAt(clock.instant())) {
      return current.value();
    }
    synchronized (tokenLock) {
      current = token;
      if (current != null && current.validAt(clock.instant())) {
        return current.value();
      }
      String form =
          "grant_type=client_credentials&client_id="
              + encode(properties.clientId())
              + "&client_secret="
              + encode(properties.clientSecret() == null ? "" : properties.clientSecret())
              + "&scope="
              + encode(properties.scope());
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(stripSlash(properties.authUrl()) + "/oauth/token"))
              .timeout(properties.readTimeout())
              .header("Content-Type", "application/x-www-form-urlencoded")
              .header("Accept", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(form))
              .build();
      JsonNode answer = json(send(request), "POST /oauth/token");
      String value = answer.path("access_token").asText(null);
      if (value == null) {
        throw new IllegalStateException("OrderCloud's token answer has no access_token");
      }
      long seconds = answer.path("expires_in").asLong(600);
      token =
          new CachedToken(
              value, clock.instant().plusSeconds(Math.max(0, seconds - EXPIRY_SKEW_SECONDS)));
      log.info(
          "OrderCloud API token obtained for client {}, valid {} s",
          properties.clientId(),
          seconds);
      return value;
    }
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new OrderCloudApiException("OrderCloud API unreachable: " + e, 0, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OrderCloudApiException("Interrupted calling the OrderCloud API", 0, e);
    }
  }

  private JsonNode json(HttpResponse<String> answer, String what) {
    int status = answer.statusCode();
    if (status >= 400) {
      String message =
          "OrderCloud API " + what + " answered " + status + ": " + shorten(answer.body());
      // a 4xx (but 408/429) will not get better by asking again
      if (status < 500 && status != 408 && status != 429) {
        throw new PermanentDeliveryException(
            message, new OrderCloudApiException(message, status, null));
      }
      throw new OrderCloudApiException(message, status, null);
    }
    try {
      return exact.readValue(answer.body());
    } catch (IOException e) {
      throw new OrderCloudApiException(
          "OrderCloud API " + what + " sent unreadable JSON", status, e);
    }
  }

  private static String shorten(String text) {
    if (text == null) {
      return "";
    }
    String clean = text.replaceAll("\\s+", " ");
    return clean.length() > 300 ? clean.substring(0, 300) + "…" : clean;
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private record CachedToken(String value, Instant validUntil) {
    boolean validAt(Instant now) {
      return now.isBefore(validUntil);
    }

    @Override
    public String toString() {
      return "CachedToken[valid until " + validUntil + "]";
    }
  }
}
