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
import java.util.stream.Collectors;
import java.util.stream.IntStream;
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
  void anOrderSyncIsKeyedByItsOrderFlatAsDocumentedOrInsideAWorksheet() {
    String flat =
        "{\"Headers\":{\"type\":\"sitecore.ordercloud.messages.ordersync.updated\"},"
            + "\"Payload\":{\"ID\":\"SO-1\",\"LastUpdated\":\"2025-03-14T16:02:11Z\","
            + "\"LineItems\":[{\"ID\":\"L1\"}]}}";
    String worksheet =
        "{\"Headers\":{\"type\":\"sitecore.ordercloud.messages.ordersync.updated\"},"
            + "\"Payload\":{\"Order\":{\"ID\":\"SO-1\",\"LastUpdated\":\"2025-03-14T16:02:11Z\"},"
            + "\"LineItems\":[{\"ID\":\"L1\"}]}}";

    ReceivedEvent one = envelope.parseDelivery(flat.getBytes(StandardCharsets.UTF_8), null);
    ReceivedEvent other = envelope.parseDelivery(worksheet.getBytes(StandardCharsets.UTF_8), null);

    for (ReceivedEvent event : new ReceivedEvent[] {one, other}) {
      assertThat(event.kind()).isEqualTo(EventKind.SYNC);
      assertThat(event.messageType()).isEqualTo("sitecore.ordercloud.messages.ordersync.updated");
      assertThat(event.logId()).isEqualTo("SO-1");
      assertThat(event.occurredAt()).isEqualTo(OffsetDateTime.parse("2025-03-14T16:02:11Z"));
    }
    // the same order at the same LastUpdated is the same message, whichever shape it came in
    assertThat(one.dedupeKey()).isEqualTo(other.dedupeKey());
    assertThat(other.payload().has("LineItems")).isTrue();
  }

  @Test
  void aWorksheetsOrderIsReadOnlyWhenTheTopHasNoIdOfItsOwn() {
    String body =
        "{\"ID\":\"U-1\",\"Order\":{\"ID\":\"SO-9\"},\"LastUpdated\":\"2025-03-14T16:02:11Z\"}";

    ReceivedEvent event =
        envelope.parseDelivery(
            body.getBytes(StandardCharsets.UTF_8),
            "sitecore.ordercloud.messages.entitysync.buyeruser.updated");

    assertThat(event.logId()).isEqualTo("U-1");
    assertThat(event.occurredAt()).isEqualTo(OffsetDateTime.parse("2025-03-14T16:02:11Z"));
  }

  @Test
  void aWorksheetsOrderIdThatIsNoTextIsRefusedByItsPath() {
    String body = "{\"Order\":{\"ID\":7}}";

    assertThatThrownBy(
            () ->
                envelope.parseDelivery(
                    body.getBytes(StandardCharsets.UTF_8),
                    "sitecore.ordercloud.messages.ordersync.updated"))
        .isInstanceOfSatisfying(
            InboundRejection.class, e -> assertThat(e.field()).isEqualTo("Order.ID"));
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

  // --- strict, exact input ---------------------------------------------------------------------

  private static final String OK = "\"Route\":\"v1/cart/submit\",\"Verb\":\"POST\",\"LogID\":\"L\"";

  static Stream<Arguments> duplicateProperties() {
    // 100 names: wider than the pairwise comparison, so the set takes over
    String wide =
        IntStream.range(0, 100)
            .mapToObj(i -> "\"k" + i + "\":" + i)
            .collect(Collectors.joining(","));
    return Stream.of(
        Arguments.of("post", "{" + OK + ",\"Verb\":\"DELETE\"}", "Verb"),
        Arguments.of("post", "{" + OK + ",\"LOGID\":\"L2\"}", "LOGID"),
        Arguments.of(
            "post", "{\"logid\":\"a\"," + OK.replace("LogID", "Lx") + ",\"LOGID\":\"b\"}", "LOGID"),
        Arguments.of("post", "{" + OK + ",\"verb\":\"DELETE\"}", "verb"),
        Arguments.of(
            "post",
            "{" + OK + ",\"Request\":{\"Body\":{\"Verb\":\"POST\",\"Verb\":\"DELETE\"}}}",
            "Request.Body.Verb"),
        Arguments.of(
            "post",
            "{" + OK + ",\"Response\":{\"Body\":{\"Total\":1,\"total\":2}}}",
            "Response.Body.total"),
        Arguments.of("post", "{" + OK + ",\"Request\":{},\"request\":{}}", "request"),
        Arguments.of(
            "post",
            "{" + OK + ",\"Response\":{\"Body\":{\"Items\":[{},{\"ID\":\"a\",\"ID\":\"b\"}]}}}",
            "Response.Body.Items[1].ID"),
        Arguments.of(
            "message",
            "{\"MessageType\":\"OrderSubmitted\",\"Recipient\":{\"ID\":\"u1\",\"id\":\"u2\"}}",
            "Recipient.id"),
        Arguments.of(
            "message",
            "{\"MessageType\":\"OrderSubmitted\",\"EventBody\":{\"Order\":{},\"ORDER\":{}}}",
            "EventBody.ORDER"),
        Arguments.of(
            "message",
            "{\"MessageType\":\"OrderSubmitted\",\"messagetype\":\"OrderApproved\"}",
            "messagetype"),
        Arguments.of(
            "post",
            "{" + OK + ",\"Response\":{\"Body\":{\"Items\":[],\"Items\":[1]}}}",
            "Response.Body.Items"),
        Arguments.of("post", "{" + OK + ",\"xp\":{" + wide + ",\"K7\":1}}", "xp.K7"),
        Arguments.of("post", "{" + OK + ",\"xp\":{" + wide + ",\"k99\":1}}", "xp.k99"),
        Arguments.of("post", "{" + OK + ",\"xp\":{\"x1\":1,\"X1\":2," + wide + "}}", "xp.X1"),
        // in another case inside arrays, and among other names of the same length
        Arguments.of(
            "post",
            "{"
                + OK
                + ",\"Response\":{\"Body\":{\"Items\":[[{\"ab\":1}],[{\"ID\":1,\"xp\":2,\"iD\":3}]]}}}",
            "Response.Body.Items[1][0].iD"),
        Arguments.of("post", "{" + OK + ",\"xp\":{\"Fees\":1,\"Zone\":2,\"fEES\":3}}", "xp.fEES"));
  }

  @ParameterizedTest(name = "{2}")
  @MethodSource("duplicateProperties")
  void aPropertyTwiceInOneObjectExactlyOrInAnotherCaseIsRefusedByItsPath(
      String kind, String body, String path) {
    assertThatThrownBy(() -> parse(kind, body.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(
            InboundRejection.class,
            r -> {
              assertThat(r.status()).isEqualTo(400);
              assertThat(r.error()).isEqualTo("duplicate_property");
              assertThat(r.field()).isEqualTo(path);
              assertThat(r.getMessage()).contains(path);
            });
  }

  @Test
  void aDuplicateIsNamedWithoutItsValueAndAHostileNameIsEscapedAndBounded() {
    String name = "x\u202e\u0007" + "n".repeat(100);
    String body =
        "{"
            + OK
            + ",\""
            + name.replace("\u0007", "\\u0007")
            + "\":\"s3cr3t-first\",\""
            + name.replace("\u0007", "\\u0007")
            + "\":\"s3cr3t-second\"}";

    assertThatThrownBy(() -> envelope.parsePostHook(body.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(
            InboundRejection.class,
            r -> {
              assertThat(r.error()).isEqualTo("duplicate_property");
              assertQuotesNothingOf(r.getMessage(), "s3cr3t-first");
              assertQuotesNothingOf(r.getMessage(), "s3cr3t-second");
              assertThat(r.field()).startsWith("[\"x\\u202e\\u0007nnn").endsWith("n…\"]");
              assertThat(r.field()).doesNotContain("\u202e").doesNotContain("\u0007");
              assertThat(r.getMessage()).hasSizeLessThan(400).doesNotContain("\u202e");
            });
  }

  static Stream<Arguments> identitiesThatCannotBeStored() {
    return Stream.of(
        Arguments.of("post", "{" + OK.replace("\"L\"", "\"L\\u0000\"") + "}", "LogID"),
        Arguments.of("post", "{" + OK.replace("\"L\"", "\"\\u0000L\"") + "}", "LogID"),
        Arguments.of("post", "{" + OK.replace("cart/submit", "cart\\u0000/submit") + "}", "Route"),
        Arguments.of("post", "{" + OK.replace("\"L\"", "\"L\\ud800\"") + "}", "LogID"),
        Arguments.of("post", "{" + OK.replace("\"L\"", "\"\\udc00L\"") + "}", "LogID"),
        Arguments.of("pre", "{" + OK.replace("cart/submit", "cart\\udbff") + "}", "Route"),
        Arguments.of(
            "message",
            "{\"MessageType\":\"OrderSubmitted\",\"OcLogIdHeader\":\"o\\u0000\"}",
            "OcLogIdHeader"),
        Arguments.of(
            "message",
            "{\"MessageType\":\"OrderSubmitted\",\"Recipient\":{\"ID\":\"u\\u0000\"}}",
            "Recipient.ID"),
        Arguments.of(
            "message",
            "{\"MessageType\":\"OrderSubmitted\",\"Recipient\":{\"Email\":\"a\\u0000@x.example\"}}",
            "Recipient.Email"),
        Arguments.of(
            "message",
            "{\"MessageType\":\"OrderSubmitted\",\"Recipient\":{\"ID\":\"u\\ud800\"}}",
            "Recipient.ID"),
        // anywhere else an unpaired surrogate is refused too: it would be stored as "?"
        Arguments.of(
            "post",
            "{" + OK + ",\"Response\":{\"Body\":{\"Comments\":\"C\\ud800x\"}}}",
            "Response.Body.Comments"),
        Arguments.of("post", "{" + OK + ",\"xp\":{\"k\\udfff\":1}}", "xp[\"k\\udfff\"]"),
        // escapes in upper or mixed case, and after an escaped backslash
        Arguments.of(
            "post",
            "{" + OK + ",\"Response\":{\"Body\":{\"Comments\":[\"C\\uDBFFx\"]}}}",
            "Response.Body.Comments[0]"),
        Arguments.of("post", "{" + OK + ",\"xp\":{\"\\\\\\uDc00\":1}}", "xp[\"\\u005c\\udc00\"]"));
  }

  @Test
  void aPairedSurrogateEscapeAndAnEscapedBackslashBeforeUAreText() {
    String body = "{" + OK + ",\"xp\":{\"smile\":\"\\uD83D\\ude00\",\"path\":\"C:\\\\ud800\"}}";

    ReceivedEvent event = envelope.parsePostHook(body.getBytes(StandardCharsets.UTF_8));

    assertThat(event.payload().at("/xp/smile").textValue()).isEqualTo("\ud83d\ude00");
    assertThat(event.payload().at("/xp/path").textValue()).isEqualTo("C:\\ud800");
  }

  @Test
  void onlyASurrogateEscapeCanMakeTextThatIsNotUnicode() {
    assertThat(StrictJson.maySpellSurrogate(bytes("\"a\\ud800\""))).isTrue();
    assertThat(StrictJson.maySpellSurrogate(bytes("\"a\\uDFFF\""))).isTrue();
    assertThat(StrictJson.maySpellSurrogate(bytes("\"a\\uDa00\""))).isTrue();
    assertThat(StrictJson.maySpellSurrogate(bytes("\"a\\ud7ff \\ue000 \\u0d80 \\ud\""))).isFalse();
    assertThat(StrictJson.maySpellSurrogate(bytes("{\"\ud83d\ude00\":\"\u00e9\"}"))).isFalse();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @ParameterizedTest(name = "{2}: {1}")
  @MethodSource("identitiesThatCannotBeStored")
  void aNulInAnIdentityOrAnUnpairedSurrogateAnywhereIsRefusedNamingTheField(
      String kind, String body, String field) {
    assertThatThrownBy(() -> parse(kind, body.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(
            InboundRejection.class,
            r -> {
              assertThat(r.status()).isEqualTo(400);
              assertThat(r.error()).isEqualTo("invalid_field");
              assertThat(r.field()).isEqualTo(field);
              assertThat(r.getMessage()).contains(field);
            });
  }

  @Test
  void aNulOutsideTheIdentitiesIsKeptAsSent() {
    String body = "{" + OK + ",\"Response\":{\"Body\":{\"Comments\":\"C\\u0000x\"}}}";

    ReceivedEvent event = envelope.parsePostHook(body.getBytes(StandardCharsets.UTF_8));

    assertThat(event.payload().at("/Response/Body/Comments").textValue()).isEqualTo("C\u0000x");
  }

  static Stream<Arguments> bytesThatAreNotUtf8() {
    return Stream.of(
        Arguments.of("overlong NUL", new int[] {0xC0, 0x80}),
        Arguments.of("overlong slash", new int[] {0xE0, 0x80, 0xAF}),
        Arguments.of("encoded surrogate", new int[] {0xED, 0xA0, 0x80}),
        Arguments.of("above U+10FFFF", new int[] {0xF4, 0x90, 0x80, 0x80}),
        Arguments.of("cut sequence", new int[] {0xE2, 0x82}),
        Arguments.of("raw NUL byte", new int[] {0x00}));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bytesThatAreNotUtf8")
  void bytesJacksonWouldAcceptButThatAreNotUtf8AreMalformed(String name, int[] bad) {
    byte[] head = ("{" + OK.replace("\"L\"", "\"L")).getBytes(StandardCharsets.UTF_8);
    byte[] tail = "\"}".getBytes(StandardCharsets.UTF_8);
    byte[] body = new byte[head.length + bad.length + tail.length];
    System.arraycopy(head, 0, body, 0, head.length);
    for (int i = 0; i < bad.length; i++) {
      body[head.length + i] = (byte) bad[i];
    }
    System.arraycopy(tail, 0, body, head.length + bad.length, tail.length);

    assertThatThrownBy(() -> envelope.parsePostHook(body))
        .isInstanceOfSatisfying(
            InboundRejection.class,
            r -> {
              assertThat(r.error()).isEqualTo("malformed_json");
              assertThat(r.getMessage()).contains("not UTF-8").contains("byte " + head.length);
            });
  }

  @Test
  void aUtf16BodyIsNotReadAsJson() {
    byte[] body = ("{" + OK + "}").getBytes(StandardCharsets.UTF_16BE);

    assertThatThrownBy(() -> envelope.parsePostHook(body))
        .isInstanceOfSatisfying(
            InboundRejection.class, r -> assertThat(r.error()).isEqualTo("malformed_json"));
  }

  @Test
  void aVerbIsOnlyEverAsciiInAnyCase() {
    String longS = "{" + OK.replace("\"POST\"", "\"po\u017ft\"") + "}"; // ſ upper-cases to S

    assertThatThrownBy(() -> envelope.parsePostHook(longS.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(
            InboundRejection.class, r -> assertThat(r.field()).isEqualTo("Verb"));
    assertThat(
            envelope
                .parsePostHook(("{" + OK.replace("\"POST\"", "\"pAtCh\"") + "}").getBytes())
                .verb())
        .isEqualTo("PATCH");
  }

  @Test
  void identitiesAreKeptExactlyAsSentAndNeverCut() {
    String body = "{\"Route\":\" v1/cart/submit\",\"Verb\":\"POST\",\"LogID\":\"L \"}";
    ReceivedEvent event = envelope.parsePostHook(body.getBytes(StandardCharsets.UTF_8));
    assertThat(event.logId()).isEqualTo("L ");
    assertThat(event.route()).isEqualTo(" v1/cart/submit");

    String longEmail =
        "{\"MessageType\":\"OrderSubmitted\",\"OcLogIdHeader\":\"o\","
            + "\"Recipient\":{\"Email\":\""
            + "a".repeat(201)
            + "@x.example\"}}";
    assertThatThrownBy(
            () -> envelope.parseMessage(longEmail.getBytes(StandardCharsets.UTF_8), null))
        .isInstanceOfSatisfying(
            InboundRejection.class, r -> assertThat(r.field()).isEqualTo("Recipient.Email"));
  }

  @Test
  void numbersAreReadExactly() {
    String body =
        "{"
            + OK
            + ",\"Response\":{\"Body\":{\"Total\":1234567890123.4567,"
            + "\"Big\":18446744073709551617,\"Cost\":172.80}}}";

    ReceivedEvent event = envelope.parsePostHook(body.getBytes(StandardCharsets.UTF_8));

    assertThat(event.payload().at("/Response/Body/Total").decimalValue())
        .isEqualByComparingTo("1234567890123.4567");
    assertThat(event.payload().at("/Response/Body/Big").bigIntegerValue())
        .isEqualTo(new java.math.BigInteger("18446744073709551617"));
    assertThat(event.payload().at("/Response/Body").toString())
        .contains("1234567890123.4567", "18446744073709551617", "172.80");
  }

  private ReceivedEvent parse(String kind, byte[] raw) {
    return switch (kind) {
      case "pre" -> envelope.parsePreHook(raw);
      case "message" -> envelope.parseMessage(raw, null);
      default -> envelope.parsePostHook(raw);
    };
  }
}
