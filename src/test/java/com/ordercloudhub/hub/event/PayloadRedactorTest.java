package com.ordercloudhub.hub.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ordercloudhub.hub.config.SecretRule;
import com.ordercloudhub.hub.support.Fixtures;
import com.ordercloudhub.hub.support.SecretShapes;
import com.ordercloudhub.hub.support.SecretShapes.Shape;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PayloadRedactorTest {

  static StoreProperties defaults() {
    return StoreProperties.of(
        SecretBox.newKey(),
        List.of("UserToken"),
        List.of(
            "PasswordRenewalAccessToken", "PasswordRenewalVerificationCode", "OneTimePassword"));
  }

  private final PayloadRedactor redactor = new PayloadRedactor(defaults(), defaults().secretRule());

  @Test
  void theUserTokenIsNotKeptAnywhereAndTheOriginalIsUntouched() {
    ObjectNode payload = (ObjectNode) Fixtures.json(Fixtures.bytes(Fixtures.POST_ORDER_SUBMIT));
    String token = payload.get("UserToken").asText();

    PayloadRedactor.Redacted safe = redactor.redact(payload);

    assertThat(safe.payload().toString()).doesNotContain(token);
    assertThat(safe.payload().get("UserToken").asText()).isEqualTo(PayloadRedactor.REMOVED);
    assertThat(safe.secrets()).isEmpty();
    assertThat(payload.get("UserToken").asText()).isEqualTo(token);
  }

  @Test
  void secretsALaterStepNeedsAreLiftedOutByPointerAndRedacted() {
    ObjectNode payload =
        (ObjectNode)
            Fixtures.json(
                ("{\"MessageType\":\"ForgottenPassword\",\"userToken\":\"jwt-x\",\"EventBody\":{"
                        + "\"Username\":\"jdoe\",\"PasswordRenewalUrl\":\"https://shop/reset\","
                        + "\"PasswordRenewalVerificationCode\":\"code-123\","
                        + "\"passwordrenewalaccesstoken\":\"reset-jwt\"}}")
                    .getBytes());

    PayloadRedactor.Redacted safe = redactor.redact(payload);

    assertThat(safe.secrets())
        .containsEntry("/EventBody/PasswordRenewalVerificationCode", "code-123")
        .containsEntry("/EventBody/passwordrenewalaccesstoken", "reset-jwt")
        .hasSize(2);
    String stored = safe.payload().toString();
    assertThat(stored).doesNotContain("code-123", "reset-jwt", "jwt-x");
    assertThat(stored).contains("https://shop/reset", "jdoe");
    // only sealed names are sealed, in any case
    assertThat(redactor.isSealed("oneTimePassword")).isTrue();
    assertThat(redactor.isSealed("Password")).isFalse();
    assertThat(redactor.isSealed("UserToken")).isFalse();
  }

  @Test
  void passwordsAndTokensAreRedactedAtAnyDepthIncludingInArrays() {
    ObjectNode payload =
        (ObjectNode)
            Fixtures.json(
                ("{\"Request\":{\"Body\":{\"Users\":[{\"Password\":\"p1\"},{\"password\":\"p2\"}],"
                        + "\"NewPassword\":\"p3\"}},\"Response\":{\"Body\":{\"access_token\":\"at\","
                        + "\"Password\":null}},\"RouteParams\":{\"verificationCode\":\"vc\"}}")
                    .getBytes());

    String stored = redactor.redact(payload).payload().toString();

    assertThat(stored).doesNotContain("p1", "p2", "p3", "\"at\"", "\"vc\"");
    assertThat(stored).contains("\"Password\":null");
  }

  static Stream<Shape> table() {
    return SecretShapes.all().stream();
  }

  @Test
  void theTableHasAtLeastThirtyShapes() {
    assertThat(SecretShapes.all()).hasSizeGreaterThanOrEqualTo(30);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void noSecretOfAnOrderCloudShapeIsStoredAndItsNeighboursAre(Shape shape) {
    ObjectNode payload =
        (ObjectNode) Fixtures.json(shape.payload().getBytes(StandardCharsets.UTF_8));

    ObjectNode stored = redactor.redact(payload).payload();

    String values = values(stored);
    for (String secret : shape.secrets()) {
      assertThat(stored.toString()).as("secret %s", secret).doesNotContain(secret);
    }
    for (String kept : shape.kept()) {
      assertThat(values + stored).as("kept %s", kept).contains(kept);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void theSameShapeEchoedAsTextInAnErrorIsMasked(Shape shape) {
    SecretRule rule = defaults().secretRule();
    String masked = rule.mask(shape.payload());
    for (String secret : shape.secrets()) {
      if (shape.payload().contains("\"UserToken\"")) {
        continue; // removed by name when stored; as text only its JWT shape counts (checked below)
      }
      assertThat(masked).as("secret %s", secret).doesNotContain(secret);
    }
  }

  /** Every text and number of a tree, one a line. */
  static String values(JsonNode node) {
    StringBuilder out = new StringBuilder();
    if (node.isContainerNode()) {
      node.forEach(child -> out.append(values(child)));
    } else {
      out.append(node.asText()).append('\n');
    }
    return out.toString();
  }

  /** Not a timed assertion: the figure is logged, so a slow rule shows in the build output. */
  @Test
  void aThreeMegabytePayloadIsRedactedOnceAndTheFigureIsLogged() {
    ObjectNode payload = (ObjectNode) Fixtures.json(Fixtures.bytes(Fixtures.POST_ORDER_SUBMIT));
    var items = payload.putObject("Response").putObject("Body").putArray("Items");
    for (int i = 0; i < 12_000; i++) {
      items
          .addObject()
          .put("ID", "LI-" + i)
          .put("ProductID", "P-" + i)
          .put("Comments", "Please deliver to dock " + i + " before noon, ring twice")
          .put("Url", "https://shop.example/p/" + i + "?ref=mail&utm=x")
          .putObject("xp")
          .put("color", "red")
          .put("note", "key account: ACME " + i)
          .put("apiKey", "k-" + i);
    }
    int bytes = payload.toString().length();
    redactor.redact(payload); // warm-up
    long started = System.nanoTime();
    ObjectNode stored = redactor.redact(payload).payload();
    long ms = (System.nanoTime() - started) / 1_000_000;
    System.out.printf("Redacted a %,d-byte payload (%,d line items) in %d ms%n", bytes, 12_000, ms);

    assertThat(stored.toString()).doesNotContain("\"k-1\"").contains("dock 11999");
  }

  /**
   * Intake writes the stored JSON while it redacts (no copy of the tree): the same text and the
   * same sealed secrets as redacting a copy and writing it, for every fixture and every secret
   * shape, and the payload is left as it was.
   */
  @Test
  void theJsonWrittenWhileRedactingIsTheRedactedCopyWritten() throws Exception {
    var mapper = Fixtures.mapper();
    List<ObjectNode> payloads = new java.util.ArrayList<>();
    for (String fixture :
        List.of(
            Fixtures.POST_ORDER_SUBMIT,
            Fixtures.PRE_ORDER_SUBMIT,
            Fixtures.PRE_ADDRESS_SAVE,
            Fixtures.MESSAGE_ORDER_SUBMITTED)) {
      payloads.add((ObjectNode) Fixtures.json(Fixtures.bytes(fixture)));
    }
    SecretShapes.all().forEach(shape -> payloads.add(shape.webhook()));
    ObjectNode sealed = mapper.createObjectNode();
    sealed
        .putObject("EventBody")
        .put("PasswordRenewalVerificationCode", "code-1")
        .putArray("List")
        .addObject()
        .put("OneTimePassword", "otp-1")
        .put("Weird/~Name", "x");
    payloads.add(sealed);
    for (ObjectNode payload : payloads) {
      String before = payload.toString();
      PayloadRedactor.Redacted copy = redactor.redact(payload);
      PayloadRedactor.RedactedJson written = redactor.redactToJson(payload, mapper);
      assertThat(written.json()).isEqualTo(mapper.writeValueAsString(copy.payload()));
      assertThat(written.secrets()).isEqualTo(copy.secrets());
      assertThat(payload.toString()).isEqualTo(before);
    }
  }

  /**
   * Numbers, booleans and nulls are written as the mapper writes them, whatever kind of number node
   * the parser made (doubles, exact decimals with their trailing zeros, big integers).
   */
  @Test
  void everyKindOfNumberIsWrittenAsTheMapperWritesIt() throws Exception {
    var mapper = Fixtures.mapper();
    ObjectNode payload = mapper.createObjectNode();
    payload
        .put("int", 7)
        .put("short", (short) -3)
        .put("long", 9_007_199_254_740_993L)
        .put("double", 12.8)
        .put("float", 0.1f)
        .put("decimal", new java.math.BigDecimal("150.00"))
        .put("small", new java.math.BigDecimal("1E-12"))
        .put("big", new java.math.BigInteger("123456789012345678901234567890"))
        .put("yes", true)
        .putNull("none");
    payload.putArray("mixed").add(1).add(2.5).add(false).addNull().add("x");
    ObjectNode exact =
        (ObjectNode)
            mapper
                .reader()
                .with(
                    com.fasterxml.jackson.databind.DeserializationFeature
                        .USE_BIG_DECIMAL_FOR_FLOATS)
                .readTree("{\"Total\":172.80,\"Fees\":0.0,\"Tiny\":1e-7,\"Huge\":1E+400}");

    for (ObjectNode each : List.of(payload, exact)) {
      assertThat(redactor.redactToJson(each, mapper).json())
          .isEqualTo(mapper.writeValueAsString(each));
    }
  }

  @Test
  void aSealedSecretsPointerEscapesTheNamesOnItsWay() {
    ObjectNode payload = Fixtures.mapper().createObjectNode();
    payload
        .putObject("a/b")
        .putArray("c~d")
        .addObject()
        .putObject("e")
        .put("OneTimePassword", "otp-9");

    assertThat(redactor.redactToJson(payload, Fixtures.mapper()).secrets())
        .containsExactly(java.util.Map.entry("/a~1b/c~0d/0/e/OneTimePassword", "otp-9"));
    assertThat(redactor.redact(payload).secrets())
        .containsExactly(java.util.Map.entry("/a~1b/c~0d/0/e/OneTimePassword", "otp-9"));
  }

  /**
   * A stored payload is shown as stored when today's rule would change nothing in it; it is written
   * again only when the rule would (a row stored under a narrower rule).
   */
  @Test
  void aPayloadChangesWhenRedactingItWouldAndAStoredOneDoesNot() throws Exception {
    var mapper = Fixtures.mapper();
    List<ObjectNode> payloads = new java.util.ArrayList<>();
    for (String fixture :
        List.of(
            Fixtures.POST_ORDER_SUBMIT,
            Fixtures.PRE_ORDER_SUBMIT,
            Fixtures.PRE_ADDRESS_SAVE,
            Fixtures.MESSAGE_ORDER_SUBMITTED)) {
      payloads.add((ObjectNode) Fixtures.json(Fixtures.bytes(fixture)));
    }
    SecretShapes.all().forEach(shape -> payloads.add(shape.webhook()));
    payloads.add(
        (ObjectNode)
            Fixtures.json(
                "{\"ID\":\"o-1\",\"Password\":null,\"Active\":true,\"xp\":{\"n\":[1,\"a\"]}}"
                    .getBytes(StandardCharsets.UTF_8)));
    int changing = 0;
    for (ObjectNode payload : payloads) {
      boolean changes =
          !mapper
              .writeValueAsString(redactor.redact(payload).payload())
              .equals(mapper.writeValueAsString(payload));
      assertThat(redactor.wouldChange(payload)).as(payload.toString()).isEqualTo(changes);
      changing += changes ? 1 : 0;
      ObjectNode stored =
          (ObjectNode)
              Fixtures.json(
                  redactor.redactToJson(payload, mapper).json().getBytes(StandardCharsets.UTF_8));
      assertThat(redactor.wouldChange(stored)).as(stored.toString()).isFalse();
    }
    assertThat(changing).isGreaterThan(30).isLessThan(payloads.size());
  }
}
