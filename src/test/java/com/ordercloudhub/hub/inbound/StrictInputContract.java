package com.ordercloudhub.hub.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ordercloudhub.hub.support.Fixtures;
import com.ordercloudhub.hub.support.HubClient;
import com.ordercloudhub.hub.support.Legs;
import com.ordercloudhub.hub.support.Payloads;
import com.ordercloudhub.hub.support.StoreProbe;
import com.ordercloudhub.hub.support.Webhooks;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Strict, exact input over real HTTP, on each database (H2 and PostgreSQL subclasses): a body that
 * could be read two ways, or whose identity cannot be stored as sent, is a 400 naming the property
 * and leaves nothing behind (on PostgreSQL a NUL in an identity used to be a 503 on every resend);
 * numbers reach oc_order exactly, and one its column cannot hold makes the leg dead, never rounded
 * or wrapped.
 */
abstract class StrictInputContract {

  static final String POST = "/webhooks/ordercloud/post";
  static final String PRE = "/webhooks/ordercloud/pre";
  static final String MESSAGES = "/webhooks/ordercloud/messages";

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;

  HubClient hub;
  StoreProbe store;
  Legs legs;

  @BeforeEach
  void connect() {
    hub = new HubClient(port);
    store = new StoreProbe(jdbc);
    legs = new Legs(jdbc);
  }

  static JsonNode json(HttpResponse<String> response) {
    return Fixtures.json(response.body().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The shared order-submit post-hook, fresh LogID, as JSON text with LogID and Comments marked.
   */
  static String order(String orderId) {
    ObjectNode root = Webhooks.orderSubmitted(orderId);
    root.put("LogID", "LOGID-" + UUID.randomUUID());
    ((ObjectNode) root.at("/Response/Body")).put("Comments", "COMMENTS");
    return root.toString();
  }

  static String message(String recipient) {
    return "{\"MessageType\":\"OrderSubmitted\",\"OcLogIdHeader\":\""
        + UUID.randomUUID()
        + "\",\"Recipient\":"
        + recipient
        + ",\"EventBody\":{}}";
  }

  static Stream<Arguments> badInput() {
    String order = order("SO-strict");
    return Stream.of(
        Arguments.of(
            POST,
            order.replace("\"Verb\":\"POST\"", "\"Verb\":\"POST\",\"Verb\":\"DELETE\""),
            "duplicate_property",
            "Verb"),
        Arguments.of(
            POST,
            order.replace("\"Verb\":\"POST\"", "\"Verb\":\"POST\",\"verb\":\"DELETE\""),
            "duplicate_property",
            "verb"),
        Arguments.of(
            POST,
            order.replace("\"LogID\":", "\"logid\":\"other\",\"LOGID\":"),
            "duplicate_property",
            "LOGID"),
        Arguments.of(
            POST,
            order.replace("\"Response\":{\"Body\":{", "\"Response\":{\"Body\":{\"id\":\"x\","),
            "duplicate_property",
            "Response.Body.ID"),
        Arguments.of(POST, order.replace("LOGID-", "L\\u0000"), "invalid_field", "LogID"),
        Arguments.of(PRE, order.replace("LOGID-", "L\\u0000"), "invalid_field", "LogID"),
        Arguments.of(
            POST,
            order.replace("v1/orders/{direction}", "v1/orders\\u0000/{direction}"),
            "invalid_field",
            "Route"),
        Arguments.of(POST, order.replace("LOGID-", "L\\ud800"), "invalid_field", "LogID"),
        Arguments.of(
            POST,
            order.replace("COMMENTS", "C\\udc00x"),
            "invalid_field",
            "Response.Body.Comments"),
        Arguments.of(MESSAGES, message("{\"ID\":\"u\\u0000\"}"), "invalid_field", "Recipient.ID"),
        Arguments.of(
            MESSAGES,
            message("{\"ID\":\"u1\",\"id\":\"u2\"}"),
            "duplicate_property",
            "Recipient.id"),
        Arguments.of(
            MESSAGES,
            message("{\"Email\":\"a\\ud800@x.example\"}"),
            "invalid_field",
            "Recipient.Email"));
  }

  @ParameterizedTest(name = "{0} {2} {3}")
  @MethodSource("badInput")
  void aBodyReadableTwoWaysOrAnIdentityThatCannotBeStoredIs400AndStoresNothing(
      String path, String body, String error, String field) {
    int before = store.events();

    HttpResponse<String> answer = hub.signed(path, body);

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
    JsonNode problem = json(answer);
    assertThat(problem.get("error").asText()).isEqualTo(error);
    assertThat(problem.get("field").asText()).isEqualTo(field);
    assertThat(problem.get("message").asText()).contains(field);
    assertThat(store.events()).isEqualTo(before);
  }

  @Test
  void twoLogIdsThatDifferOnlyInUnpairedSurrogatesAreNeverMergedButRefused() {
    String order = order("SO-" + UUID.randomUUID());
    int before = store.events();

    HttpResponse<String> first = hub.signed(POST, order.replace("LOGID-", "L\\ud800"));
    HttpResponse<String> second = hub.signed(POST, order.replace("LOGID-", "L\\udc00"));

    assertThat(first.statusCode()).isEqualTo(400);
    assertThat(second.statusCode()).as("not answered duplicate:true").isEqualTo(400);
    assertThat(json(second).get("error").asText()).isEqualTo("invalid_field");
    assertThat(store.events()).isEqualTo(before);
  }

  @Test
  void aNulOutsideTheIdentitiesIsStoredAsSentAndTheColumnThatCannotHoldItMakesTheLegDead() {
    String body = order("SO-" + UUID.randomUUID()).replace("COMMENTS", "C\\u0000x");

    HttpResponse<String> answer = hub.signed(POST, body);

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
    String eventId = json(answer).get("eventId").asText();
    assertThat((String) store.event(eventId).get("payload")).contains("C\\u0000x");
    Map<String, Object> leg = legs.awaitStatus(eventId, "database", "dead");
    assertThat(leg).containsEntry("attempts", 1);
    assertThat((String) leg.get("last_error")).contains("oc_order.comments", "U+0000");
  }

  @Test
  void exactNumbersReachOcOrder() {
    String orderId = "SO-" + UUID.randomUUID();
    ObjectNode root = Webhooks.orderSubmitted(orderId);
    ((ObjectNode) root.at("/Response/Body"))
        .put("Total", new BigDecimal("1234567890123.4567"))
        .put("Subtotal", new BigInteger("99999999999999")) // 14 digits: NUMERIC(18,4)'s most
        .put("ShippingCost", new BigDecimal("0.10"));

    String eventId = json(hub.signed(POST, Payloads.bytes(root))).get("eventId").asText();

    legs.awaitStatus(eventId, "database", "delivered");
    Map<String, Object> row = jdbc.queryForMap("SELECT * FROM oc_order WHERE id = ?", orderId);
    assertThat((BigDecimal) row.get("total")).isEqualByComparingTo("1234567890123.4567");
    assertThat((BigDecimal) row.get("subtotal")).isEqualByComparingTo("99999999999999");
    assertThat((BigDecimal) row.get("shipping_cost")).isEqualByComparingTo("0.1");
    assertThat((String) row.get("raw_json")).contains("1234567890123.4567");
    assertThat((String) store.event(eventId).get("payload"))
        .contains("\"Total\":1234567890123.4567", "\"ShippingCost\":0.10");
  }

  static Stream<Arguments> numbersAColumnCannotHold() {
    return Stream.of(
        Arguments.of("Total", "18446744073709551617", "oc_order.total"), // was wrapped to 1.0000
        Arguments.of("Total", "1.23456", "oc_order.total"), // would be rounded to 1.2346
        Arguments.of(
            "TaxCost", "123456789012345", "oc_order.tax_cost"), // 15 digits before the point
        Arguments.of("LineItemCount", "2.5", "oc_order.line_item_count"),
        Arguments.of("LineItemCount", "3000000000", "oc_order.line_item_count"));
  }

  @ParameterizedTest(name = "{0} = {1}")
  @MethodSource("numbersAColumnCannotHold")
  void aNumberItsColumnCannotHoldMakesTheLegDeadNamingColumnAndValue(
      String property, String value, String column) {
    String orderId = "SO-" + UUID.randomUUID();
    String body =
        order(orderId)
            .replaceFirst("\"" + property + "\":[0-9.]+", "\"" + property + "\":" + value);
    assertThat(body).contains("\"" + property + "\":" + value);

    HttpResponse<String> answer = hub.signed(POST, body);

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
    String eventId = json(answer).get("eventId").asText();
    Map<String, Object> leg = legs.awaitStatus(eventId, "database", "dead");
    assertThat(leg).containsEntry("attempts", 1);
    assertThat((String) leg.get("last_error")).contains(column, value);
    assertThat(
            jdbc.queryForObject(
                "SELECT COUNT(*) FROM oc_order WHERE id = ?", Integer.class, orderId))
        .isZero();
  }

  @Test
  void aTextLongerThanItsColumnMakesTheLegDeadNamingColumnAndLength() {
    String orderId = "SO-" + UUID.randomUUID();
    String body = order(orderId).replace("COMMENTS", "c".repeat(2001)); // oc_order.comments: 2000

    String eventId = json(hub.signed(POST, body)).get("eventId").asText();

    Map<String, Object> leg = legs.awaitStatus(eventId, "database", "dead");
    assertThat((String) leg.get("last_error"))
        .contains("oc_order.comments", "2001 characters")
        .hasSizeLessThan(400);
  }
}
