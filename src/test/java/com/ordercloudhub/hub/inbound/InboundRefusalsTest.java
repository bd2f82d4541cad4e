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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Refusals of signed bodies over HTTP, on every endpoint that parses OrderCloud's payloads: the
 * answer names the problem and the field, never a piece of what was sent; and, with the freshness
 * window off (the default), an old Date is no reason to refuse.
 */
@HubTest
class InboundRefusalsTest {

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;

  HubClient hub;
  StoreProbe store;

  @BeforeEach
  void connect() {
    hub = new HubClient(port);
    store = new StoreProbe(jdbc);
  }

  @Test
  void aSecretLookingTokenInABadBodyIsNeverEchoed() {
    String secret = "sk_live_abc123";
    String badVerb = "tok_9x2";
    String webhook = "{\"Route\": " + secret + ", \"Verb\": \"POST\", \"LogID\": \"x\"}";
    String verb = "{\"Route\":\"v1/orders\",\"Verb\":\"" + badVerb + "\",\"LogID\":\"x\"}";
    String message = "{\"MessageType\": " + secret + "}";
    int before = store.events();

    Map<String, HttpResponse<String>> answers = new LinkedHashMap<>();
    answers.put("post", hub.signed("/webhooks/ordercloud/post", webhook));
    answers.put("pre", hub.signed("/webhooks/ordercloud/pre", webhook));
    answers.put("messages", hub.signed("/webhooks/ordercloud/messages", message));
    answers.put("typed messages", hub.signed("/webhooks/ordercloud/messages/x", message));
    answers.put("simulate", hub.opsPost("/api/simulate", bytes(webhook)));
    answers.put("simulate message", hub.opsPost("/api/simulate?kind=message", bytes(message)));
    answers.put("post, bad Verb", hub.signed("/webhooks/ordercloud/post", verb));
    answers.put("pre, bad Verb", hub.signed("/webhooks/ordercloud/pre", verb));
    answers.put("simulate, bad Verb", hub.opsPost("/api/simulate", bytes(verb)));

    answers.forEach(
        (name, answer) -> {
          assertThat(answer.statusCode()).as(name).isEqualTo(400);
          assertThat(answer.headers().firstValue("Content-Type"))
              .as(name)
              .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
          JsonNode body = json(answer);
          assertThat(body.get("status").asInt()).as(name).isEqualTo(400);
          assertThat(body.get("message").asText()).as(name).isNotBlank();
          EnvelopeParsingTest.assertQuotesNothingOf(answer.body(), secret);
          EnvelopeParsingTest.assertQuotesNothingOf(answer.body(), badVerb);
        });
    assertThat(json(answers.get("post")).get("error").asText()).isEqualTo("malformed_json");
    assertThat(json(answers.get("post")).get("message").asText()).contains("line 1, column");
    assertThat(json(answers.get("post, bad Verb")).get("field").asText()).isEqualTo("Verb");
    assertThat(store.events()).isEqualTo(before);
  }

  @Test
  void withoutAFreshnessWindowAnOldDateIsAccepted() {
    String logId = UUID.randomUUID().toString();
    ObjectNode old = Payloads.node(Fixtures.POST_ORDER_SUBMIT);
    old.put("LogID", logId).put("Date", "2001-01-01T00:00:00.0000000+00:00");

    HttpResponse<String> answer = hub.signed("/webhooks/ordercloud/post", Payloads.bytes(old));

    assertThat(answer.statusCode()).isEqualTo(202);
    assertThat(store.eventsWithLogId(logId)).isEqualTo(1);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static JsonNode json(HttpResponse<String> response) {
    return Fixtures.json(bytes(response.body()));
  }
}
