package com.ordercloudhub.hub.destination.ordercloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.ordercloudhub.hub.delivery.OutboundHttp;
import com.ordercloudhub.hub.delivery.PermanentDeliveryException;
import com.ordercloudhub.hub.event.ExactJson;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A small OrderCloud API client: the hub's own token (client credentials, cached until it expires)
 * or a caller's token in flight (a pre-hook's {@code UserToken}, never stored), and the few reads
 * the hub needs, every page of a list included. Every call goes through {@link OutboundHttp} for
 * the exchange it is made for, so a dry run records it (its Authorization shown as {@code Bearer
 * [redacted]}) instead of making it: a read then has no answer, and comes back empty.
 */
@Component
public class OrderCloudApi {

  private static final Logger log = LoggerFactory.getLogger(OrderCloudApi.class);

  /** A cached token is renewed this long before OrderCloud says it expires. */
  private static final long EXPIRY_SKEW_SECONDS = 60;

  private final OrderCloudApiProperties properties;
  private final ObjectReader exact;
  private final Clock clock;
  private final OutboundHttp http;
  private final OutboundHttp.Target target;
  private final Object tokenLock = new Object();
  private volatile CachedToken token;

  public OrderCloudApi(
      OrderCloudApiProperties properties, ObjectMapper mapper, Clock clock, OutboundHttp http) {
    this.properties = properties;
    // line items and orders as OrderCloud sent them: a double would turn 1234567890123.4567 into
    // …4568
    this.exact = ExactJson.reader(mapper);
    this.clock = clock;
    this.http = http;
    this.target =
        new OutboundHttp.Target(
            "ordercloud-api", properties.connectTimeout(), properties.readTimeout());
  }

  /** Whether the hub has its own API client (ORDERCLOUD_CLIENT_ID). */
  public boolean configured() {
    return properties.configured();
  }

  /**
   * Every line item of an order, read with the hub's own token for {@code on}; empty when a call
   * had no answer (a dry run).
   */
  public Optional<List<JsonNode>> lineItems(Exchange on, String direction, String orderId) {
    return hubToken(on).flatMap(hub -> lineItems(on, direction, orderId, hub));
  }

  /** Every line item of an order, read with the given bearer token; empty without an answer. */
  public Optional<List<JsonNode>> lineItems(
      Exchange on, String direction, String orderId, String bearerToken) {
    return all(
        on, "/v1/orders/" + encode(direction) + "/" + encode(orderId) + "/lineitems", bearerToken);
  }

  /** One order, read with the given bearer token; empty without an answer. */
  public Optional<JsonNode> order(
      Exchange on, String direction, String orderId, String bearerToken) {
    return get(on, "/v1/orders/" + encode(direction) + "/" + encode(orderId), bearerToken);
  }

  /** The token's user's cart (the order a cart submit submits); empty without an answer. */
  public Optional<JsonNode> cart(Exchange on, String bearerToken) {
    return get(on, "/v1/cart", bearerToken);
  }

  /** Every line item of the token's user's cart; empty without an answer. */
  public Optional<List<JsonNode>> cartLineItems(Exchange on, String bearerToken) {
    return all(on, "/v1/cart/lineitems", bearerToken);
  }

  /**
   * One page of a direction's orders changed after an instant, in the order of their change.
   *
   * @param items the orders as OrderCloud sent them (numbers exact)
   * @param page this page's number, from 1
   * @param totalPages {@code Meta.TotalPages}: how many pages the list has now
   */
  public record OrderPage(List<JsonNode> items, int page, int totalPages) {}

  /**
   * One page of the orders of {@code direction} ({@code Incoming}, {@code Outgoing}) changed after
   * {@code changedAfter}, oldest change first: {@code GET
   * v1/orders/{direction}?LastUpdated=>{changedAfter}&sortBy=LastUpdated&pageSize=…&page=…}, with
   * the hub's own token. Empty when the call had no answer (a dry run).
   *
   * @throws OrderCloudThrottledException OrderCloud answered 429 (with its Retry-After, if any)
   * @throws OrderCloudApiException unreachable, or any other failing answer
   */
  public Optional<OrderPage> ordersChangedAfter(
      Exchange on, String direction, Instant changedAfter, int page, int pageSize) {
    Optional<String> hub = hubToken(on);
    if (hub.isEmpty()) {
      return Optional.empty();
    }
    String path =
        "/v1/orders/"
            + encode(direction)
            + "?LastUpdated="
            + encode(">" + changedAfter)
            + "&sortBy=LastUpdated&pageSize="
            + pageSize
            + "&page="
            + page;
    Optional<OutboundHttp.Answer> answer =
        send(
            on,
            OutboundHttp.Request.get(
                stripSlash(properties.apiUrl()) + path,
                Map.of("Authorization", "Bearer " + hub.get(), "Accept", "application/json")));
    if (answer.isEmpty()) {
      return Optional.empty();
    }
    String what = "GET /v1/orders/" + direction + " page " + page;
    if (answer.get().status() == 429) {
      throw new OrderCloudThrottledException(
          "OrderCloud API " + what + " answered 429", retryAfter(answer.get().retryAfter()));
    }
    if (answer.get().status() == 401 && token != null && hub.get().equals(token.value())) {
      token = null; // revoked or expired early: the next call logs in again
    }
    JsonNode list = json(answer.get(), what);
    List<JsonNode> items = new ArrayList<>();
    list.path("Items").forEach(items::add);
    return Optional.of(
        new OrderPage(items, page, list.path("Meta").path("TotalPages").asInt(page)));
  }

  /** A Retry-After value: seconds, or an HTTP date; null when absent or unreadable. */
  Duration retryAfter(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String text = value.trim();
    if (text.chars().allMatch(Character::isDigit) && text.length() <= 9) {
      return Duration.ofSeconds(Long.parseLong(text));
    }
    try {
      Instant until = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration wait = Duration.between(clock.instant(), until);
      return wait.isNegative() ? Duration.ZERO : wait;
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /**
   * PATCHes an order with the hub's own token ({@code PATCH v1/orders/{direction}/{orderID}}, which
   * needs the OrderAdmin or FullAccess role): {@code partialOrder} is the JSON of the partial
   * order, e.g. {@code {"xp":{…}}}. A call for no exchange ({@code on} null) is made for real.
   *
   * @return the order as OrderCloud answered it; empty without an answer (a dry run)
   * @throws PermanentDeliveryException a 4xx other than 408/429 (no role, no such order)
   * @throws OrderCloudApiException no answer, 5xx, 408 or 429: may pass
   */
  public Optional<JsonNode> patchOrder(
      Exchange on, String direction, String orderId, String partialOrder) {
    Optional<String> hub = hubToken(on);
    if (hub.isEmpty()) {
      return Optional.empty();
    }
    String path = "/v1/orders/" + encode(direction) + "/" + encode(orderId);
    Optional<OutboundHttp.Answer> answer =
        send(
            on,
            new OutboundHttp.Request(
                "PATCH",
                stripSlash(properties.apiUrl()) + path,
                Map.of(
                    "Authorization",
                    "Bearer " + hub.get(),
                    "Content-Type",
                    "application/json",
                    "Accept",
                    "application/json"),
                partialOrder));
    if (answer.isEmpty()) {
      return Optional.empty();
    }
    if (answer.get().status() == 401 && token != null && hub.get().equals(token.value())) {
      token = null; // revoked or expired early: the next call logs in again
    }
    if (answer.get().status() < 400 && answer.get().body().length == 0) {
      return Optional.of(exact.createObjectNode());
    }
    return Optional.of(json(answer.get(), "PATCH " + path));
  }

  /** Every item of a list, page by page. */
  private Optional<List<JsonNode>> all(Exchange on, String path, String bearerToken) {
    List<JsonNode> items = new ArrayList<>();
    int page = 1;
    int pages;
    do {
      Optional<JsonNode> answer =
          get(on, path + "?page=" + page + "&pageSize=" + properties.pageSize(), bearerToken);
      if (answer.isEmpty()) {
        return Optional.empty();
      }
      answer.get().path("Items").forEach(items::add);
      pages = answer.get().path("Meta").path("TotalPages").asInt(1);
      page++;
    } while (page <= pages);
    return Optional.of(items);
  }

  private Optional<JsonNode> get(Exchange on, String path, String bearerToken) {
    Optional<OutboundHttp.Answer> answer =
        send(
            on,
            OutboundHttp.Request.get(
                stripSlash(properties.apiUrl()) + path,
                Map.of("Authorization", "Bearer " + bearerToken, "Accept", "application/json")));
    if (answer.isEmpty()) {
      return Optional.empty();
    }
    if (answer.get().status() == 401 && token != null && bearerToken.equals(token.value())) {
      token = null; // revoked or expired early: the next call logs in again
    }
    return Optional.of(json(answer.get(), "GET " + path.replaceAll("\\?.*", "")));
  }

  /**
   * The hub's own token, from cache or a new client-credentials login; empty when the login had no
   * answer (a dry run: nothing is cached).
   */
  Optional<String> hubToken(Exchange on) {
    if (!configured()) {
      throw new IllegalStateException("ORDERCLOUD_CLIENT_ID is not set");
    }
    CachedToken current = token;
    if (current != null && current.validAt(clock.instant())) {
      return Optional.of(current.value());
    }
    synchronized (tokenLock) {
      current = token;
      if (current != null && current.validAt(clock.instant())) {
        return Optional.of(current.value());
      }
      String form =
          "grant_type=client_credentials&client_id="
              + encode(properties.clientId())
              + "&client_secret="
              + encode(properties.clientSecret() == null ? "" : properties.clientSecret())
              + "&scope="
              + encode(properties.scope());
      Optional<OutboundHttp.Answer> login =
          send(
              on,
              OutboundHttp.Request.post(
                  stripSlash(properties.authUrl()) + "/oauth/token",
                  Map.of(
                      "Content-Type",
                      "application/x-www-form-urlencoded",
                      "Accept",
                      "application/json"),
                  form));
      if (login.isEmpty()) {
        return Optional.empty();
      }
      JsonNode answer = json(login.get(), "POST /oauth/token");
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
      return Optional.of(value);
    }
  }

  private Optional<OutboundHttp.Answer> send(Exchange on, OutboundHttp.Request request) {
    try {
      return http.send(on, target, request);
    } catch (IOException e) {
      throw new OrderCloudApiException("OrderCloud API unreachable: " + e, 0, e);
    }
  }

  private JsonNode json(OutboundHttp.Answer answer, String what) {
    int status = answer.status();
    if (status >= 400) {
      String message =
          "OrderCloud API " + what + " answered " + status + ": " + shorten(answer.text());
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
