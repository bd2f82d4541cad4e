package com.ordercloudhub.hub.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.ordercloudhub.hub.support.Fixtures;
import com.ordercloudhub.hub.support.HubClient;
import com.ordercloudhub.hub.support.HubTest;
import com.ordercloudhub.hub.support.Payloads;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The operations API and the monitoring endpoints: who may see what, and what they see. */
@HubTest
class OpsApiTest {

  @LocalServerPort int port;
  HubClient hub;

  @BeforeEach
  void connect() {
    hub = new HubClient(port);
  }

  static JsonNode json(HttpResponse<String> response) {
    return Fixtures.json(response.body().getBytes(StandardCharsets.UTF_8));
  }

  private String store(String path, byte[] body) {
    HttpResponse<String> answer = hub.signed(path, body);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
    return json(answer).get("eventId").asText();
  }

  @Test
  void everythingButWebhooksAndHealthNeedsTheOpsUser() {
    for (String path :
        List.of(
            "/api/events",
            "/api/events/x",
            "/actuator/hawtio/",
            "/actuator/jolokia",
            "/actuator/info")) {
      assertThat(hub.get(path).statusCode()).as(path).isEqualTo(401);
    }
    HttpResponse<String> wrongPassword =
        hub.send(
            HttpRequest.newBuilder(hub.uri("/api/events"))
                .header("Authorization", HubClient.basic(HubClient.OPS_USER, "nope"))
                .build());
    assertThat(wrongPassword.statusCode()).isEqualTo(401);
    assertThat(hub.get("/actuator/health").statusCode()).isEqualTo(200);
    assertThat(hub.get("/actuator/health/readiness").statusCode()).isEqualTo(200);
    assertThat(hub.opsGet("/actuator/info").statusCode()).isEqualTo(200);
  }

  @Test
  void eventsAreListedNewestFirstWithFiltersAndPages() {
    OffsetDateTime before = OffsetDateTime.now().minusSeconds(1);
    String marker = UUID.randomUUID().toString();
    String first =
        store(
            "/webhooks/ordercloud/post", Payloads.fresh(Fixtures.POST_ORDER_SUBMIT, marker + "-1"));
    String second =
        store(
            "/webhooks/ordercloud/post",
            Payloads.webhook("v1/buyers/{buyerID}/addresses", "POST", marker + "-2")
                .getBytes(StandardCharsets.UTF_8));
    String third =
        store(
            "/webhooks/ordercloud/messages/ordersubmitted",
            Payloads.fresh(Fixtures.MESSAGE_ORDER_SUBMITTED));

    JsonNode all = json(hub.opsGet("/api/events?since=" + before + "&size=2"));
    assertThat(ids(all)).containsExactly(third, second);
    assertThat(all.get("hasMore").asBoolean()).isTrue();
    JsonNode next = json(hub.opsGet("/api/events?since=" + before + "&size=2&page=1"));
    assertThat(ids(next)).containsExactly(first);
    assertThat(next.get("hasMore").asBoolean()).isFalse();

    assertThat(ids(json(hub.opsGet("/api/events?since=" + before + "&type=order.submitted"))))
        .containsExactly(first);
    assertThat(ids(json(hub.opsGet("/api/events?since=" + before + "&type=address.*"))))
        .containsExactly(second);
    assertThat(ids(json(hub.opsGet("/api/events?since=" + before + "&kind=message"))))
        .containsExactly(third);
    assertThat(ids(json(hub.opsGet("/api/events?since=" + OffsetDateTime.now().plusHours(1)))))
        .isEmpty();
  }

  private static List<String> ids(JsonNode page) {
    return StreamSupport.stream(page.get("items").spliterator(), false)
        .map(item -> item.get("id").asText())
        .toList();
  }

  @Test
  void oneEventShowsItsRedactedPayloadAndAPreHookItsDecision() {
    String id = store("/webhooks/ordercloud/post", Payloads.fresh(Fixtures.POST_ORDER_SUBMIT));

    JsonNode event = json(hub.opsGet("/api/events/" + id));

    assertThat(event.get("kind").asText()).isEqualTo("post");
    assertThat(event.get("eventType").asText()).isEqualTo("order.submitted");
    assertThat(event.at("/payload/Response/Body/ID").asText()).isEqualTo("SO-100234");
    assertThat(event.at("/payload/UserToken").asText()).isEqualTo("[not stored]");
  }

  @Test
  void badParametersAndUnknownIdsAreClearJsonErrors() {
    HttpResponse<String> badKind = hub.opsGet("/api/events?kind=sideways");
    HttpResponse<String> badSince = hub.opsGet("/api/events?since=yesterday");
    HttpResponse<String> badSize = hub.opsGet("/api/events?size=100000");
    HttpResponse<String> missing = hub.opsGet("/api/events/" + UUID.randomUUID());

    assertThat(badKind.statusCode()).isEqualTo(400);
    assertThat(json(badKind).get("message").asText()).contains("kind");
    assertThat(badSince.statusCode()).isEqualTo(400);
    assertThat(json(badSince).get("message").asText()).contains("since");
    assertThat(badSize.statusCode()).isEqualTo(400);
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(json(missing).get("error").asText()).isEqualTo("not_found");
  }

  @Test
  void hawtioIsServedBehindTheLoginAndJmxListsTheHubsRoutesById() {
    assertThat(hub.opsGet("/actuator/hawtio/").statusCode()).isEqualTo(200);

    HttpResponse<String> routes =
        hub.send(
            HttpRequest.newBuilder(hub.uri("/actuator/jolokia"))
                .header(
                    "Authorization", HubClient.basic(HubClient.OPS_USER, HubClient.OPS_PASSWORD))
                .header("Content-Type", "application/json")
                // Jolokia checks origins strictly (as a browser running Hawtio sends them)
                .header("Origin", "http://127.0.0.1:" + port)
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"type\":\"read\",\"mbean\":\"org.apache.camel:context=*,type=routes,name=*\","
                            + "\"attribute\":\"RouteId\"}"))
                .build());

    assertThat(routes.statusCode()).isEqualTo(200);
    assertThat(routes.body())
        .contains(
            "inbound-receive-post-hook",
            "inbound-receive-pre-hook",
            "inbound-receive-message",
            "inbound-receive-typed-message",
            "inbound-store-event",
            "prehook-decide");
  }
}
