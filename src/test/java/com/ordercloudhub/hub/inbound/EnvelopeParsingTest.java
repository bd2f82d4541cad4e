package com.ordercloudhub.hub.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.ordercloudhub.hub.event.EventKind;
import com.ordercloudhub.hub.event.ReceivedEvent;
import com.ordercloudhub.hub.support.Fixtures;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EnvelopeParsingTest {

  private final OcEnvelope envelope = new OcEnvelope(boundedMapper());

  static ObjectMapper boundedMapper() {
    ObjectMapper mapper = new ObjectMapper();
    mapper
        .getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder().maxNestingDepth(64).maxStringLength(1000).build());
    return mapper;
  }

  @Test
  void aPostHookFixtureBecomesAnEventWithItsEnvelope() {
    ReceivedEvent event = envelope.parsePostHook(Fixtures.bytes(Fixtures.POST_ORDER_SUBMIT));

    assertThat(event.kind()).isEqualTo(EventKind.POST);
    assertThat(event.route()).isEqualTo("v1/orders/{direction}/{orderID}/submit");
    assertThat(event.verb()).isEqualTo("POST");
    assertThat(event.logId()).isEqualTo("5f0c9a1e-8b7d-4c2e-9a51-3e6f0b2d7c11");
    assertThat(event.occurredAt()).isEqualTo(OffsetDateTime.parse("2025-03-14T16:02:11.4471234Z"));
    assertThat(event.bodyBytes()).isEqualTo(2064);
  }

  @Test
  void aMessageFixtureTakesItsTypeAndRecipientFromTheBody() {
    ReceivedEvent event =
        envelope.parseMessage(Fixtures.bytes(Fixtures.MESSAGE_ORDER_SUBMITTED), "shipmentcreated");

    assertThat(event.kind()).isEqualTo(EventKind.MESSAGE);
    assertThat(event.messageType()).isEqualTo("OrderSubmitted");
    assertThat(event.ocLogId()).isEqualTo("e7a1c0b4-3f2d-4a9e-8c61-5b0d9f2e4a18");
    assertThat(event.recipient()).isEqualTo("buyer-user-01");
  }

  @Test
  void propertyNamesMatchInAnyCaseAndUnknownPropertiesAreKept() {
    String body =
        "{\"route\":\"v1/cart/submit\",\"VERB\":\"post\",\"logId\":\"L-1\",\"Brand\":{\"x\":1}}";

    ReceivedEvent event = envelope.parsePostHook(body.getBytes(StandardCharsets.UTF_8));

    assertThat(event.route()).isEqualTo("v1/cart/submit");
    assertThat(event.verb()).isEqualTo("POST");
    assertThat(event.logId()).isEqualTo("L-1");
    assertThat(event.payload().get("Brand").get("x").asInt()).isEqualTo(1);
  }

  @Test
  void anUnreadableDateIsNotARefusal() {
    String body =
        "{\"Route\":\"v1/cart/submit\",\"Verb\":\"POST\",\"LogID\":\"L\",\"Date\":\"soon\"}";

    assertThat(envelope.parsePostHook(body.getBytes(StandardCharsets.UTF_8)).occurredAt()).isNull();
  }

  static Stream<Arguments> refusedWebhooks() {
    return Stream.of(
        Arguments.of("empty", "", "empty_body", null),
        Arguments.of("whitespace", "  \n ", "empty_body", null),
        Arguments.of("not JSON", "Route=v1/cart/submit", "malformed_json", null),
        Arguments.of(
            "truncated", "{\"Route\":\"v1/cart/submit\",\"Verb\":", "malformed_json", null),
        Arguments.of("trailing garbage", "{\"Route\":\"a\"} x", "malformed_json", null),
        Arguments.of("array", "[{\"Route\":\"v1/cart/submit\"}]", "not_an_object", null),
        Arguments.of("string", "\"hello\"", "not_an_object", null),
        Arguments.of("null", "null", "not_an_object", null),
        Arguments.of(
            "deep nesting", "[".repeat(20_000) + "]".repeat(20_000), "json_limit_exceeded", null),
        Arguments.of(
            "long string", "{\"Route\":\"" + "x".repeat(5000) + "\"}", "json_limit_exceeded", null),
        Arguments.of(
            "no Route", "{\"Verb\":\"POST\",\"LogID\":\"L\"}", "invalid_envelope", "Route"),
        Arguments.of(
            "Route a number",
            "{\"Route\":42,\"Verb\":\"POST\",\"LogID\":\"L\"}",
            "invalid_envelope",
            "Route"),
        Arguments.of(
            "Route null",
            "{\"Route\":null,\"Verb\":\"POST\",\"LogID\":\"L\"}",
            "invalid_envelope",
            "Route"),
        Arguments.of(
            "Route empty",
            "{\"Route\":\" \",\"Verb\":\"POST\",\"LogID\":\"L\"}",
            "invalid_envelope",
            "Route"),
        Arguments.of(
            "no Verb", "{\"Route\":\"v1/cart\",\"LogID\":\"L\"}", "invalid_envelope", "Verb"),
        Arguments.of(
            "Verb GET",
            "{\"Route\":\"v1/cart\",\"Verb\":\"GET\",\"LogID\":\"L\"}",
            "invalid_envelope",
            "Verb"),
        Arguments.of(
            "Verb an array",
            "{\"Route\":\"v1/cart\",\"Verb\":[\"POST\"],\"LogID\":\"L\"}",
            "invalid_envelope",
            "Verb"),
        Arguments.of(
            "no LogID", "{\"Route\":\"v1/cart\",\"Verb\":\"PUT\"}", "invalid_envelope", "LogID"),
        Arguments.of(
            "LogID an object",
            "{\"Route\":\"v1/cart\",\"Verb\":\"PUT\",\"LogID\":{}}",
            "invalid_envelope",
            "LogID"),
        Arguments.of(
            "RouteParams a string",
            "{\"Route\":\"v1/cart\",\"Verb\":\"PUT\",\"LogID\":\"L\",\"RouteParams\":\"x\"}",
            "invalid_envelope",
            "RouteParams"),
        Arguments.of(
            "UserToken a number",
            "{\"Route\":\"v1/cart\",\"Verb\":\"PUT\",\"LogID\":\"L\",\"UserToken\":5}",
            "invalid_envelope",
            "UserToken"),
        Arguments.of(
            "Route too long",
            "{\"Route\":\"" + "v1/".repeat(200) + "\",\"Verb\":\"PUT\",\"LogID\":\"L\"}",
            "invalid_envelope",
            "Route"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusedWebhooks")
  void hostileOrBrokenWebhooksAreRefusedWith400NamingTheProblem(
      String name, String body, String error, String field) {
    assertThatThrownBy(() -> envelope.parsePostHook(body.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(
            InboundRejection.class,
            r -> {
              assertThat(r.status()).isEqualTo(400);
              assertThat(r.error()).isEqualTo(error);
              assertThat(r.field()).isEqualTo(field);
              assertThat(r.getMessage()).isNotBlank();
            });
  }

  static Stream<Arguments> refusedMessages() {
    return Stream.of(
        Arguments.of("no MessageType", "{\"Recipient\":{}}", "MessageType"),
        Arguments.of("MessageType a number", "{\"MessageType\":3}", "MessageType"),
        Arguments.of("MessageType with a path", "{\"MessageType\":\"../x\"}", "MessageType"),
        Arguments.of(
            "Recipient a string",
            "{\"MessageType\":\"OrderSubmitted\",\"Recipient\":\"x\"}",
            "Recipient"),
        Arguments.of(
            "EventBody an array",
            "{\"MessageType\":\"OrderSubmitted\",\"EventBody\":[]}",
            "EventBody"),
        Arguments.of(
            "CCList a number", "{\"MessageType\":\"OrderSubmitted\",\"CCList\":1}", "CCList"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusedMessages")
  void brokenMessagesAreRefusedWith400(String name, String body, String field) {
    assertThatThrownBy(() -> envelope.parseMessage(body.getBytes(StandardCharsets.UTF_8), null))
        .isInstanceOfSatisfying(
            InboundRejection.class,
            r -> {
              assertThat(r.status()).isEqualTo(400);
              assertThat(r.field()).isEqualTo(field);
            });
  }

  @Test
  void ccListMayBeAnArrayOrAString() {
    for (String cc : new String[] {"[\"a@x.example\"]", "\"a@x.example, b@x.example\"", "null"}) {
      String body = "{\"MessageType\":\"OrderSubmitted\",\"CCList\":" + cc + "}";
      assertThat(envelope.parseMessage(body.getBytes(StandardCharsets.UTF_8), null).messageType())
          .isEqualTo("OrderSubmitted");
    }
  }

  @Test
  void aMalformedBodyIsNeverQuotedBackAtLength() {
    // an unquoted token: Jackson's own message would quote it in full
    String token = "eyJhbGciOiJSUzI1NiJ9payloadthatislong";
    String body = "{\"UserToken\": " + token + "}";

    assertThatThrownBy(() -> envelope.parsePostHook(body.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(
            InboundRejection.class,
            r -> {
              assertThat(r.error()).isEqualTo("malformed_json");
              assertThat(r.getMessage()).doesNotContain("payloadthatislong");
            });
  }

  /**
   * Bodies whose fault is a secret-looking piece of input; the refusal must not quote any of it.
   */
  static Stream<Arguments> secretsInBadBodies() {
    String ok = "\"Route\":\"v1/orders\",\"LogID\":\"l\"";
    return Stream.of(
        Arguments.of("post", "{\"Route\": sk_live_abc123}", "sk_live_abc123", "malformed_json"),
        Arguments.of("post", "{\"UserToken\": eyJhbGc.x9}", "eyJhbGc.x9", "malformed_json"),
        Arguments.of("post", "{\"Route\":\"a\",pk_q1x:\"v\"}", "pk_q1x", "malformed_json"),
        Arguments.of("post", "{" + ok + "} tok_9x2Z", "tok_9x2Z", "malformed_json"),
        Arguments.of("post", "{\"Route\":\"\\qs3cr3t\"}", "qs3cr3t", "malformed_json"),
        Arguments.of("post", "{" + ok + ",\"n\":00731}", "00731", "malformed_json"),
        Arguments.of("post", "{\"Route\":\"a\u0001hunter2x\"}", "hunter2x", "malformed_json"),
        Arguments.of("post", "{" + ok + ",\"Verb\":\"tok_9x2\"}", "tok_9x2", "invalid_envelope"),
        Arguments.of("pre", "{\"Verb\": s3cr3tV}", "s3cr3tV", "malformed_json"),
        Arguments.of("message", "{\"MessageType\": sk_live_m1}", "sk_live_m1", "malformed_json"),
        Arguments.of(
            "message", "{\"MessageType\":\"sk-live-m2\"}", "sk-live-m2", "invalid_envelope"));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("secretsInBadBodies")
  void aRefusalNamesTheProblemButQuotesNoInput(
      String kind, String body, String secret, String error) {
    byte[] raw = body.getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(
            () -> {
              switch (kind) {
                case "pre" -> envelope.parsePreHook(raw);
                case "message" -> envelope.parseMessage(raw, null);
                default -> envelope.parsePostHook(raw);
              }
            })
        .isInstanceOfSatisfying(
            InboundRejection.class,
            r -> {
              assertThat(r.status()).isEqualTo(400);
              assertThat(r.error()).isEqualTo(error);
              assertThat(r.getMessage()).isNotBlank();
              assertQuotesNothingOf(r.getMessage(), secret);
              if (error.equals("malformed_json")) {
                assertThat(r.getMessage()).containsPattern("line \\d+, column \\d+");
              }
            });
  }

  /** Not the value, not any five characters of it, in any case. */
  static void assertQuotesNothingOf(String message, String secret) {
    String text = message.toLowerCase(java.util.Locale.ROOT);
    String value = secret.toLowerCase(java.util.Locale.ROOT);
    for (int i = 0; i + 5 <= value.length(); i++) {
      assertThat(text).as("%s quotes input", message).doesNotContain(value.substring(i, i + 5));
    }
  }
}
