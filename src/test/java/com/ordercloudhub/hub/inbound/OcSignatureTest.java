package com.ordercloudhub.hub.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ordercloudhub.hub.config.SettingException;
import com.ordercloudhub.hub.support.Fixtures;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class OcSignatureTest {

  private final OcSignature signature =
      new OcSignature(properties(List.of(Fixtures.KEY, Fixtures.SECOND_KEY), false));

  @Test
  void specTestVectorVerifies() {
    // SPEC §3.3, from OrderCloud catalyst's UserAuthTests
    byte[] body =
        "{\"Route\":\"v1/buyers/{buyerID}/addresses/{addressID}\",\"Verb\":\"PUT\",\"Request\":{\"Body\":{\"City\":\"Minneapolis\"}},\"ConfigData\":{\"Foo\":\"blah\"}}"
            .getBytes(StandardCharsets.UTF_8);
    String expected = "4NPw1O9AviSOC1A3C+HqkDutRLNwyABneY/3M2OqByE=";

    assertThat(OcSignature.sign("myhashkey", body)).isEqualTo(expected);
    OcSignature withSpecKey = new OcSignature(properties(List.of("myhashkey"), false));
    assertThatCode(() -> withSpecKey.verify(body, expected, null)).doesNotThrowAnyException();
  }

  static Stream<Arguments> fixtures() {
    return Fixtures.hashes().entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void everySharedFixtureVerifiesWithItsPublishedHash(String fixture, String hash) {
    assertThatCode(() -> signature.verify(Fixtures.bytes(fixture), hash, null))
        .doesNotThrowAnyException();
  }

  @Test
  void aSecondConfiguredKeyIsAccepted() {
    byte[] body = Fixtures.bytes(Fixtures.POST_ORDER_SUBMIT);

    assertThatCode(() -> signature.verify(body, OcSignature.sign(Fixtures.SECOND_KEY, body), null))
        .doesNotThrowAnyException();
  }

  static Stream<Arguments> badSignatures() {
    byte[] body = Fixtures.bytes(Fixtures.POST_ORDER_SUBMIT);
    String good = Fixtures.hashes().get(Fixtures.POST_ORDER_SUBMIT);
    byte[] mac = java.util.Base64.getDecoder().decode(good);
    return Stream.of(
        Arguments.of("wrong key", OcSignature.sign("not-the-key", body), "invalid_signature"),
        Arguments.of("missing header", null, "missing_signature"),
        Arguments.of("empty header", "", "missing_signature"),
        Arguments.of("blank header", "   ", "missing_signature"),
        Arguments.of("hex instead of Base64", HexFormat.of().formatHex(mac), "invalid_signature"),
        // this fixture's MAC contains '/', which the URL-safe alphabet writes as '_'
        Arguments.of(
            "URL-safe Base64",
            java.util.Base64.getUrlEncoder().encodeToString(mac),
            "invalid_signature"),
        Arguments.of("truncated", good.substring(0, good.length() - 2), "invalid_signature"),
        Arguments.of(
            "two different values",
            List.of(good, OcSignature.sign("x", body)),
            "invalid_signature"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badSignatures")
  void badSignaturesAreRefusedWith401(String name, Object header, String error) {
    byte[] body = Fixtures.bytes(Fixtures.POST_ORDER_SUBMIT);

    assertThatThrownBy(() -> signature.verify(body, header, null))
        .isInstanceOfSatisfying(
            InboundRejection.class,
            r -> {
              assertThat(r.status()).isEqualTo(401);
              assertThat(r.error()).isEqualTo(error);
            });
  }

  @Test
  void aTamperedByteIsRefused() {
    byte[] body = Fixtures.bytes(Fixtures.POST_ORDER_SUBMIT);
    String hash = Fixtures.hashes().get(Fixtures.POST_ORDER_SUBMIT);
    body[body.length / 2] ^= 0x01;

    assertThatThrownBy(() -> signature.verify(body, hash, null))
        .isInstanceOfSatisfying(InboundRejection.class, r -> assertThat(r.status()).isEqualTo(401));
  }

  @Test
  void surroundingWhitespaceInTheHeaderIsTolerated() {
    byte[] body = Fixtures.bytes(Fixtures.POST_ORDER_SUBMIT);
    String hash = Fixtures.hashes().get(Fixtures.POST_ORDER_SUBMIT);

    assertThatCode(() -> signature.verify(body, " " + hash + " ", null)).doesNotThrowAnyException();
  }

  @Test
  void withoutKeysTheHubRefusesToStartAndNamesTheVariable() {
    assertThatThrownBy(() -> new OcSignature(properties(List.of(" ", ""), false)))
        .isInstanceOf(SettingException.class)
        .hasMessageContaining("OC_HASH_KEYS");
  }

  @Test
  void allowUnsignedAcceptsCallsWithoutHeaderButStillChecksAPresentOne() {
    OcSignature lenient = new OcSignature(properties(List.of(Fixtures.KEY), true));
    byte[] body = Fixtures.bytes(Fixtures.POST_ORDER_SUBMIT);

    assertThatCode(() -> lenient.verify(body, null, null)).doesNotThrowAnyException();
    assertThatThrownBy(() -> lenient.verify(body, OcSignature.sign("wrong", body), null))
        .isInstanceOf(InboundRejection.class);
  }

  @Test
  void keysFromTheEnvironmentAreTrimmedAndDeduplicated() {
    SignatureProperties properties = properties(List.of(" a ", "a", "", "b"), false);

    assertThat(properties.hashKeys()).containsExactly("a", "b");
  }

  /** Keys and the unsigned switch; the freshness window (off) is OcFreshnessTest's. */
  static SignatureProperties properties(List<String> hashKeys, boolean allowUnsigned) {
    return new SignatureProperties(hashKeys, allowUnsigned, null, Duration.ofMinutes(5));
  }
}
