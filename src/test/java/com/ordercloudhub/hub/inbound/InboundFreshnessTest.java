package com.ordercloudhub.hub.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ordercloudhub.hub.support.Fixtures;
import com.ordercloudhub.hub.support.HubClient;
import com.ordercloudhub.hub.support.HubTest;
import com.ordercloudhub.hub.support.Payloads;
import com.ordercloudhub.hub.support.StoreProbe;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/** With {@code hub.ordercloud.max-age} set, a signed webhook is judged by its Date. */
@HubTest
@TestPropertySource(properties = "hub.ordercloud.max-age=10m")
class InboundFreshnessTest {

  /** The Date format OrderCloud sends: 7 fractional digits and an offset. */
  private static final DateTimeFormatter OC_DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSSxxx");

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;

  HubClient hub;
  StoreProbe store;

  @BeforeEach
  void connect() {
    hub = new HubClient(port);
    store = new StoreProbe(jdbc);
  }

  private static ObjectNode dated(String fixture, String logId, OffsetDateTime date) {
    ObjectNode body = Payloads.node(fixture);
    body.put("LogID", logId);
    if (date != null) {
      body.put("Date", OC_DATE.format(date));
    } else {
      body.remove("Date");
    }
    return body;
  }

  private static OffsetDateTime minutesAgo(int minutes) {
    return OffsetDateTime.now(ZoneOffset.ofHours(-5)).minusMinutes(minutes);
  }

  @Test
  void anOldSignedDateIs401StaleAndNothingIsStored() {
    String post = UUID.randomUUID().toString();
    String pre = UUID.randomUUID().toString();
    int before = store.events();

    HttpResponse<String> stalePost =
        hub.signed(
            "/webhooks/ordercloud/post",
            Payloads.bytes(dated(Fixtures.POST_ORDER_SUBMIT, post, minutesAgo(60))));
    HttpResponse<String> stalePre =
        hub.signed(
            "/webhooks/ordercloud/pre",
            Payloads.bytes(dated(Fixtures.PRE_ADDRESS_SAVE, pre, minutesAgo(60))));
    HttpResponse<String> future =
        hub.signed(
            "/webhooks/ordercloud/post",
            Payloads.bytes(dated(Fixtures.POST_ORDER_SUBMIT, post, minutesAgo(-60))));

    for (HttpResponse<String> answer : new HttpResponse[] {stalePost, stalePre, future}) {
      assertThat(answer.statusCode()).isEqualTo(401);
      assertThat(json(answer).get("status").asInt()).isEqualTo(401);
      assertThat(json(answer).get("error").asText()).isEqualTo("stale_request");
    }
    assertThat(store.eventsWithLogId(post)).isZero();
    assertThat(store.eventsWithLogId(pre)).isZero();
    assertThat(store.events()).isEqualTo(before);
  }

  @Test
  void aFreshSignedDateIsAccepted() {
    String post = UUID.randomUUID().toString();
    String pre = UUID.randomUUID().toString();

    HttpResponse<String> postAnswer =
        hub.signed(
            "/webhooks/ordercloud/post",
            Payloads.bytes(dated(Fixtures.POST_ORDER_SUBMIT, post, minutesAgo(2))));
    HttpResponse<String> preAnswer =
        hub.signed(
            "/webhooks/ordercloud/pre",
            Payloads.bytes(dated(Fixtures.PRE_ADDRESS_SAVE, pre, minutesAgo(2))));

    assertThat(postAnswer.statusCode()).isEqualTo(202);
    assertThat(store.eventsWithLogId(post)).isEqualTo(1);
    assertThat(preAnswer.statusCode()).isEqualTo(200);
    assertThat(json(preAnswer).get("proceed").asBoolean()).isTrue();
  }

  @Test
  void theSignatureIsCheckedFirstAndAMissingDateIs400NamingTheField() {
    String logId = UUID.randomUUID().toString();
    byte[] old = Payloads.bytes(dated(Fixtures.POST_ORDER_SUBMIT, logId, minutesAgo(60)));

    HttpResponse<String> unsigned = hub.post("/webhooks/ordercloud/post", old, "forged");
    HttpResponse<String> undated =
        hub.signed(
            "/webhooks/ordercloud/post",
            Payloads.bytes(dated(Fixtures.POST_ORDER_SUBMIT, logId, null)));

    assertThat(unsigned.statusCode()).isEqualTo(401);
    assertThat(json(unsigned).get("error").asText()).isEqualTo("invalid_signature");
    assertThat(undated.statusCode()).isEqualTo(400);
    assertThat(json(undated).get("field").asText()).isEqualTo("Date");
    assertThat(store.eventsWithLogId(logId)).isZero();
  }

  @Test
  void messageSenderBodiesHaveNoDateAndAreStillAccepted() {
    HttpResponse<String> answer =
        hub.signed(
            "/webhooks/ordercloud/messages/ordersubmitted",
            Payloads.fresh(Fixtures.MESSAGE_ORDER_SUBMITTED));

    assertThat(answer.statusCode()).isEqualTo(202);
  }

  private static JsonNode json(HttpResponse<String> response) {
    return Fixtures.json(response.body().getBytes(StandardCharsets.UTF_8));
  }
}
