package com.ordercloudhub.hub.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ordercloudhub.hub.event.EventIds;
import com.ordercloudhub.hub.support.Fixtures;
import com.ordercloudhub.hub.support.HubClient;
import com.ordercloudhub.hub.support.Payloads;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Delivery against each database (H2 and PostgreSQL subclasses): signed post-hooks end as rows in
 * the reporting tables with their legs delivered; sending them again changes nothing; the claim
 * queue skips locked rows and honours leases.
 */
abstract class DeliveryContract {

  static final String POST = "/webhooks/ordercloud/post";

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired DataSource dataSource;
  @Autowired DispatchQueue queue;
  @Autowired CamelContext camel;

  HubClient hub;

  @BeforeEach
  void connect() {
    hub = new HubClient(port);
  }

  static JsonNode json(HttpResponse<String> response) {
    return Fixtures.json(response.body().getBytes(StandardCharsets.UTF_8));
  }

  String store(byte[] body) {
    HttpResponse<String> answer = hub.signed(POST, body);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
    return json(answer).get("eventId").asText();
  }

  void awaitDelivered(String eventId) {
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(
                        jdbc.queryForList(
                            "SELECT status FROM hub_delivery_leg WHERE event_id = ?"
                                + " AND destination = 'database'",
                            String.class,
                            eventId))
                    .isNotEmpty()
                    .containsOnly("delivered"));
  }

  static byte[] webhook(String route, String verb, Map<String, String> routeParams, JsonNode body) {
    ObjectNode root = Fixtures.mapper().createObjectNode();
    root.put("Route", route).put("Verb", verb).put("LogID", UUID.randomUUID().toString());
    root.put("Date", OffsetDateTime.now(ZoneOffset.UTC).toString());
    routeParams.forEach(root.putObject("RouteParams")::put);
    root.putObject("Request").set("Body", body);
    root.putObject("Response").set("Body", body);
    root.put("UserToken", Fixtures.USER_TOKEN_PREFIX + ".x.y");
    return Payloads.bytes(root);
  }

  static ObjectNode entity(String json) {
    return (ObjectNode) Fixtures.json(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void anOrderShipmentAndUserEndAsTypedRowsWithTheirLegsDelivered() {
    String orderId = "SO-" + UUID.randomUUID();
    ObjectNode order = (ObjectNode) Payloads.node(Fixtures.POST_ORDER_SUBMIT);
    ((ObjectNode) order.at("/Response/Body")).put("ID", orderId);
    order.put("LogID", UUID.randomUUID().toString());
    String shipmentId = "SH-" + UUID.randomUUID();
    String userId = "U-" + UUID.randomUUID();

    String orderEvent = store(Payloads.bytes(order));
    String shipmentEvent =
        store(
            webhook(
                "v1/shipments",
                "POST",
                Map.of(),
                entity(
                    "{\"ID\":\""
                        + shipmentId
                        + "\",\"BuyerID\":\"ACME\",\"Shipper\":\"UPS\",\"TrackingNumber\":\"1Z999\","
                        + "\"DateShipped\":\"2025-03-15T10:00:00+00:00\",\"Cost\":12.5,"
                        + "\"ToAddressID\":\"addr-ship-01\",\"xp\":{}}")));
    String userEvent =
        store(
            webhook(
                "v1/buyers/{buyerID}/users",
                "POST",
                Map.of("buyerID", "ACME"),
                entity(
                    "{\"ID\":\""
                        + userId
                        + "\",\"Username\":\"jdoe2\",\"FirstName\":\"Jo\",\"LastName\":\"Doe\","
                        + "\"Email\":\"jo@acme.example\",\"Active\":true,\"Password\":null,"
                        + "\"DateCreated\":\"2025-03-14T09:00:00+00:00\"}")));

    awaitDelivered(orderEvent);
    awaitDelivered(shipmentEvent);
    awaitDelivered(userEvent);

    Map<String, Object> orderRow = jdbc.queryForMap("SELECT * FROM oc_order WHERE id = ?", orderId);
    assertThat(orderRow)
        .containsEntry("status", "Open")
        .containsEntry("from_company_id", "ACME")
        .containsEntry("direction", "Outgoing")
        .containsEntry("last_event_id", orderEvent)
        .containsEntry("last_event_type", "order.submitted");
    assertThat((BigDecimal) orderRow.get("total")).isEqualByComparingTo("172.8");
    assertThat((BigDecimal) orderRow.get("tax_cost")).isEqualByComparingTo("12.8");
    assertThat(
            jdbc.queryForObject(
                "SELECT date_submitted FROM oc_order WHERE id = ?", OffsetDateTime.class, orderId))
        .isEqualTo(OffsetDateTime.parse("2025-03-14T16:02:11.39Z"));
    assertThat((String) orderRow.get("raw_json")).contains("\"PO-7781\"");
    // written through the hub's sql: component, which prepares each statement's text once
    assertThat(camel.getComponent("sql").getClass().getSimpleName())
        .isEqualTo("PreparedSqlComponent");

    Map<String, Object> shipmentRow =
        jdbc.queryForMap("SELECT * FROM oc_shipment WHERE id = ?", shipmentId);
    assertThat(shipmentRow)
        .containsEntry("shipper", "UPS")
        .containsEntry("tracking_number", "1Z999")
        .containsEntry("buyer_id", "ACME");
    assertThat((BigDecimal) shipmentRow.get("cost")).isEqualByComparingTo("12.5");

    Map<String, Object> userRow =
        jdbc.queryForMap("SELECT * FROM oc_user WHERE company_id = 'ACME' AND id = ?", userId);
    assertThat(userRow)
        .containsEntry("user_type", "buyer")
        .containsEntry("email", "jo@acme.example")
        .containsEntry("active", true);

    // every leg carried its idempotency key and was attempted once
    assertThat(
            jdbc.queryForMap(
                "SELECT attempts, idempotency_key FROM hub_delivery_leg WHERE event_id = ?"
                    + " AND destination = 'database'",
                orderEvent))
        .containsEntry("attempts", 1)
        .containsEntry("idempotency_key", orderEvent + ":database");
    // destinations without configuration are skipped, with the reason, never errors
    assertThat(
            jdbc.queryForList(
                "SELECT destination, status, last_error FROM hub_delivery_leg WHERE event_id = ?"
                    + " AND destination <> 'database' ORDER BY destination",
                orderEvent))
        .extracting(
            row -> row.get("destination") + " " + row.get("status") + ": " + row.get("last_error"))
        .containsExactly(
            "crm skipped: SALESFORCE_CLIENT_ID is not set",
            "erp skipped: ERP_BASE_URL is not set",
            "notice skipped: ORDER_NOTICE_TO is not set");
  }

  @Test
  void sendingTheSamePostHookAgainChangesNothing() {
    String orderId = "SO-" + UUID.randomUUID();
    ObjectNode order = (ObjectNode) Payloads.node(Fixtures.POST_ORDER_SUBMIT);
    ((ObjectNode) order.at("/Response/Body")).put("ID", orderId);
    order.put("LogID", UUID.randomUUID().toString());
    byte[] body = Payloads.bytes(order);
    String eventId = store(body);
    awaitDelivered(eventId);
    Map<String, Object> before = jdbc.queryForMap("SELECT * FROM oc_order WHERE id = ?", orderId);

    HttpResponse<String> again = hub.signed(POST, body);

    assertThat(json(again).get("duplicate").asBoolean()).isTrue();
    assertThat(json(again).get("eventId").asText()).isEqualTo(eventId);
    // give the dispatcher a chance to do something it must not do
    queue.release(eventId, "nobody", OffsetDateTime.now(ZoneOffset.UTC));
    await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(3))
        .untilAsserted(
            () -> {
              assertThat(jdbc.queryForMap("SELECT * FROM oc_order WHERE id = ?", orderId))
                  .isEqualTo(before);
              assertThat(
                      jdbc.queryForObject(
                          "SELECT COUNT(*) FROM hub_delivery_attempt a JOIN hub_delivery_leg l"
                              + " ON l.id = a.leg_id WHERE l.event_id = ?",
                          Integer.class,
                          eventId))
                  .isEqualTo(1); // the database leg's; the unconfigured ones were skipped
            });
  }

  @Test
  void anOlderEventNeverOverwritesANewerRow() {
    String orderId = "SO-" + UUID.randomUUID();
    ObjectNode newer = (ObjectNode) Payloads.node(Fixtures.POST_ORDER_SUBMIT);
    ((ObjectNode) newer.at("/Response/Body")).put("ID", orderId).put("Status", "Completed");
    newer.put("LogID", UUID.randomUUID().toString()).put("Date", "2025-03-20T00:00:00+00:00");
    ObjectNode older = newer.deepCopy();
    older.put("LogID", UUID.randomUUID().toString()).put("Date", "2025-03-10T00:00:00+00:00");
    older.put("Route", "v1/orders/{direction}/{orderID}").put("Verb", "PATCH");
    ((ObjectNode) older.at("/Response/Body")).put("Status", "Open");

    awaitDelivered(store(Payloads.bytes(newer)));
    awaitDelivered(store(Payloads.bytes(older)));

    assertThat(
            jdbc.queryForObject("SELECT status FROM oc_order WHERE id = ?", String.class, orderId))
        .isEqualTo("Completed");
  }

  @Test
  void addressesAreSavedPerOwnerAndMarkedDeleted() {
    String addressId = "A-" + UUID.randomUUID();
    ObjectNode address =
        entity(
            "{\"ID\":\""
                + addressId
                + "\",\"Street1\":\"77 Commerce Way\",\"City\":\"Bloomington\",\"State\":\"MN\","
                + "\"Zip\":\"55425\",\"Country\":\"US\"}");
    Map<String, String> params = Map.of("buyerID", "ACME", "addressID", addressId);

    awaitDelivered(
        store(webhook("v1/buyers/{buyerID}/addresses/{addressID}", "PUT", params, address)));
    awaitDelivered(
        store(
            webhook(
                "v1/buyers/{buyerID}/addresses/{addressID}",
                "DELETE",
                params,
                Fixtures.mapper().nullNode())));

    Map<String, Object> row =
        jdbc.queryForMap("SELECT * FROM oc_address WHERE owner_id = 'ACME' AND id = ?", addressId);
    assertThat(row)
        .containsEntry("owner_type", "buyer")
        .containsEntry("city", "Bloomington")
        .containsEntry("deleted", true)
        .containsEntry("last_event_type", "address.deleted");
  }

  @Test
  void aRecordTheDatabaseRejectsIsDeadAtOnce() {
    ObjectNode order = (ObjectNode) Payloads.node(Fixtures.POST_ORDER_SUBMIT);
    ((ObjectNode) order.at("/Response/Body")).put("ID", "X".repeat(150)); // oc_order.id is 100
    order.put("LogID", UUID.randomUUID().toString());

    String eventId = store(Payloads.bytes(order));

    await()
        .atMost(Duration.ofSeconds(20))
        // the leg exists once the dispatcher has planned the event, a moment after the 202
        .ignoreException(EmptyResultDataAccessException.class)
        .untilAsserted(
            () ->
                assertThat(
                        jdbc.queryForMap(
                            "SELECT status, attempts, last_error FROM hub_delivery_leg"
                                + " WHERE event_id = ? AND destination = 'database'",
                            eventId))
                    .containsEntry("status", "dead")
                    .containsEntry("attempts", 1)
                    .hasEntrySatisfying(
                        "last_error",
                        e -> assertThat((String) e).contains("oc_order.id", "150 characters")));
  }

  @Test
  void anEventTypeWithoutRoutingIsRecordedWithNoLegs() {
    String eventId =
        store(Payloads.webhook("v1/products", "POST", UUID.randomUUID().toString()).getBytes());

    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                jdbc.queryForObject(
                        "SELECT routed_at FROM hub_event WHERE id = ?",
                        OffsetDateTime.class,
                        eventId)
                    != null);
    assertThat(
            jdbc.queryForObject(
                "SELECT COUNT(*) FROM hub_delivery_leg WHERE event_id = ?", Integer.class, eventId))
        .isZero();
    assertThat(
            jdbc.queryForObject(
                "SELECT dispatch_due_at FROM hub_event WHERE id = ?",
                OffsetDateTime.class,
                eventId))
        .isNull();
  }

  // --- the claim queue --------------------------------------------------------------------------

  /**
   * Events due far in the future: the running dispatcher never sees them; the test's "now" does.
   */
  private List<String> futureEvents(int count, OffsetDateTime due) {
    // earlier claim tests' rows are out of the way
    jdbc.update(
        "UPDATE hub_event SET dispatch_due_at = NULL, claimed_by = NULL, claimed_until = NULL"
            + " WHERE event_type = 'test.claim'");
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String id = EventIds.next(Clock.systemUTC());
      jdbc.update(
          "INSERT INTO hub_event (id, kind, event_type, dedupe_key, body_sha256, body_bytes,"
              + " received_at, payload, dispatch_due_at) VALUES (?, 'post', 'test.claim', ?, 'x', 2,"
              + " ?, '{}', ?)",
          id,
          UUID.randomUUID().toString().replace("-", ""),
          OffsetDateTime.now(ZoneOffset.UTC),
          due.plusNanos(i * 1000L));
      ids.add(id);
    }
    return ids;
  }

  @Test
  void aClaimSkipsRowsLockedByAnotherInstanceInsteadOfWaiting() throws Exception {
    OffsetDateTime due = OffsetDateTime.now(ZoneOffset.UTC).plusYears(50).plusSeconds(port);
    List<String> ids = futureEvents(3, due);
    OffsetDateTime now = due.plusSeconds(1);

    try (Connection other = dataSource.getConnection()) {
      other.setAutoCommit(false);
      try (PreparedStatement lock =
          other.prepareStatement("SELECT id FROM hub_event WHERE id = ? FOR UPDATE")) {
        lock.setString(1, ids.get(0));
        try (ResultSet rs = lock.executeQuery()) {
          assertThat(rs.next()).isTrue();
        }
      }
      List<String> claimed =
          CompletableFuture.supplyAsync(
                  () -> queue.claim("instance-b", 10, Duration.ofMinutes(5), now))
              .get(10, TimeUnit.SECONDS);

      assertThat(claimed).containsExactly(ids.get(1), ids.get(2));
      other.rollback();
    }
    assertThat(queue.claim("instance-c", 10, Duration.ofMinutes(5), now))
        .containsExactly(ids.get(0));
  }

  @Test
  void aClaimHoldsForItsLeaseAndIsFreeOnceTheLeaseExpires() {
    OffsetDateTime due = OffsetDateTime.now(ZoneOffset.UTC).plusYears(60).plusSeconds(port);
    String id = futureEvents(1, due).get(0);
    OffsetDateTime t0 = due.plusSeconds(1);

    assertThat(queue.claim("instance-a", 10, Duration.ofSeconds(30), t0)).containsExactly(id);
    assertThat(queue.claim("instance-b", 10, Duration.ofSeconds(30), t0.plusSeconds(29))).isEmpty();
    assertThat(queue.claim("instance-b", 10, Duration.ofSeconds(30), t0.plusSeconds(31)))
        .containsExactly(id);
    assertThat(
            jdbc.queryForObject("SELECT claimed_by FROM hub_event WHERE id = ?", String.class, id))
        .isEqualTo("instance-b");

    // the dead instance's late release does not take the event from the new owner
    queue.release(id, "instance-a", t0.plusSeconds(32));
    assertThat(
            jdbc.queryForObject("SELECT claimed_by FROM hub_event WHERE id = ?", String.class, id))
        .isEqualTo("instance-b");
    assertThat(queue.releaseAll("instance-b")).isEqualTo(1);
    assertThat(queue.claim("instance-c", 10, Duration.ofSeconds(30), t0.plusSeconds(33)))
        .containsExactly(id);
  }
}
