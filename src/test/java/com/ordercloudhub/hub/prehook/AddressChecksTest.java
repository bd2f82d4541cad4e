package com.ordercloudhub.hub.prehook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ordercloudhub.hub.support.Fixtures;
import com.ordercloudhub.hub.support.Payloads;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The built-in address checks: each bad address blocks naming its field; good ones pass. */
class AddressChecksTest {

  private final AddressChecks checks =
      new AddressChecks(PreHookEvents.properties(), Fixtures.mapper(), null);

  /** The shared fixture's address (a US warehouse). */
  static ObjectNode fixtureAddress() {
    return (ObjectNode) Payloads.node(Fixtures.PRE_ADDRESS_SAVE).at("/Request/Body").deepCopy();
  }

  static ObjectNode address(Consumer<ObjectNode> change) {
    ObjectNode address = fixtureAddress();
    change.accept(address);
    return address;
  }

  private PreHookFindings check(String verb, JsonNode address) {
    PreHookFindings findings = new PreHookFindings();
    checks.builtIn(PreHookEvents.addressSaved(verb, address), findings);
    return findings;
  }

  /** name, how the fixture address is spoiled, the field the block must name. */
  static Stream<Arguments> badAddresses() {
    return Stream.of(
        bad("missing Street1", a -> a.remove("Street1"), "Street1"),
        bad("blank Street1", a -> a.put("Street1", "   "), "Street1"),
        bad("missing City", a -> a.putNull("City"), "City"),
        bad("missing Country", a -> a.remove("Country"), "Country"),
        bad("bad US ZIP 1234", a -> a.put("Zip", "1234"), "Zip"),
        bad("bad US ZIP+4 55425-12", a -> a.put("Zip", "55425-12"), "Zip"),
        bad(
            "bad Canadian code 12345",
            a -> a.put("Country", "CA").put("State", "ON").put("Zip", "12345"),
            "Zip"),
        bad(
            "Canadian code with a D (never used)",
            a -> a.put("Country", "CA").put("State", "ON").put("Zip", "D1A 1A1"),
            "Zip"),
        bad("US without State", a -> a.remove("State"), "State"),
        bad("US with blank State", a -> a.put("State", ""), "State"),
        bad(
            "Canada without State",
            a -> a.put("Country", "CA").put("Zip", "K1A 0B1").putNull("State"),
            "State"),
        bad("unknown country XX", a -> a.put("Country", "XX"), "Country"),
        bad("country name instead of code", a -> a.put("Country", "USA"), "Country"));
  }

  static Arguments bad(String name, Consumer<ObjectNode> change, String field) {
    return Arguments.of(name, address(change), field);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badAddresses")
  void aBadAddressBlocksNamingItsField(String name, ObjectNode address, String field) {
    PreHookDecision decision = check("PUT", address).conclude("The address could not be accepted");

    assertThat(decision.proceed()).isFalse();
    assertThat(decision.body().get("message").asText())
        .isEqualTo("The address could not be accepted");
    JsonNode errors = decision.body().get("errors");
    assertThat(errors).as(name + ": exactly one error").hasSize(1);
    assertThat(errors.get(0).get("field").asText()).isEqualTo(field);
    assertThat(errors.get(0).get("message").asText()).isNotBlank();
    assertThat(decision.checks())
        .singleElement()
        .satisfies(c -> assertThat(c.outcome()).isEqualTo("failed"));
  }

  @Test
  void theMessagesSayWhatIsWrong() {
    assertThat(only(check("PUT", address(a -> a.put("Zip", "1234")))))
        .isEqualTo("\"1234\" is not a US ZIP code (12345 or 12345-6789)");
    assertThat(
            only(
                check(
                    "PUT",
                    address(a -> a.put("Country", "CA").put("State", "ON").put("Zip", "12345")))))
        .isEqualTo("\"12345\" is not a Canadian postal code (A1A 1A1)");
    assertThat(only(check("PUT", address(a -> a.remove("State")))))
        .isEqualTo("State is required for the US");
    assertThat(only(check("PUT", address(a -> a.put("Country", "XX")))))
        .isEqualTo("\"XX\" is not an ISO 3166 two-letter country code");
    assertThat(only(check("PUT", address(a -> a.remove("Street1")))))
        .isEqualTo("Street1 is required");
  }

  @Test
  void anAddressWithSeveralFaultsNamesEachField() {
    PreHookDecision decision =
        check("POST", address(a -> a.putNull("City").put("Zip", "1").remove("Street1")))
            .conclude("x");

    assertThat(decision.body().get("errors").findValuesAsText("field"))
        .containsExactly("Street1", "City", "Zip");
  }

  static Stream<Arguments> goodAddresses() {
    return Stream.of(
        Arguments.of("the shared fixture (US)", fixtureAddress()),
        Arguments.of("US ZIP+4", address(a -> a.put("Zip", "55425-1021"))),
        Arguments.of("US without a ZIP", address(a -> a.remove("Zip"))),
        Arguments.of("lower-case country", address(a -> a.put("Country", "us"))),
        Arguments.of(
            "Canada with space",
            address(a -> a.put("Country", "CA").put("State", "ON").put("Zip", "K1A 0B1"))),
        Arguments.of(
            "Canada without space, lower case",
            address(a -> a.put("Country", "CA").put("State", "ON").put("Zip", "k1a0b1"))),
        Arguments.of(
            "UK: no state, its own postcode",
            address(a -> a.put("Country", "GB").put("Zip", "SW1A 1AA").remove("State"))),
        Arguments.of(
            "Japan: no state",
            address(a -> a.put("Country", "JP").putNull("State").put("Zip", "100-0001"))),
        Arguments.of(
            "field names in another case",
            PreHookEvents.json(
                "{\"street1\":\"1 Main St\",\"CITY\":\"Austin\",\"state\":\"TX\",\"zip\":\"78701\","
                    + "\"country\":\"US\"}")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("goodAddresses")
  void aGoodAddressPasses(String name, ObjectNode address) {
    PreHookFindings findings = check("PUT", address);

    assertThat(findings.hasErrors()).isFalse();
    assertThat(findings.conclude("x").proceed()).isTrue();
    assertThat(findings.checks())
        .singleElement()
        .isEqualTo(
            new PreHookDecision.Check(
                "address-built-in", "passed", "required fields and formats valid"));
  }

  @Test
  void aPatchWithOnlyAValidZipPasses() {
    PreHookFindings findings = check("PATCH", PreHookEvents.json("{\"Zip\":\"55425\"}"));

    assertThat(findings.conclude("x").proceed()).isTrue();
    assertThat(findings.checks())
        .containsExactly(
            new PreHookDecision.Check("address-built-in", "passed", "changed fields valid"));
  }

  @Test
  void aPatchIsCheckedOnTheFieldsItChanges() {
    assertThat(only(check("PATCH", PreHookEvents.json("{\"Country\":\"XX\"}")))).contains("XX");
    assertThat(field(check("PATCH", PreHookEvents.json("{\"Country\":\"US\",\"Zip\":\"1234\"}"))))
        .isEqualTo("Zip");
    // a PATCH may leave Street1, City and State out: they are not being changed
    assertThat(check("PATCH", PreHookEvents.json("{\"Country\":\"CA\"}")).hasErrors()).isFalse();
  }

  @Test
  void aCallWithoutAnAddressIsSkippedAndProceeds() {
    PreHookFindings findings = check("POST", null);

    assertThat(findings.conclude("x").proceed()).isTrue();
    assertThat(findings.checks())
        .singleElement()
        .satisfies(c -> assertThat(c.outcome()).isEqualTo("skipped"));
  }

  private static String only(PreHookFindings findings) {
    JsonNode errors = findings.conclude("x").body().get("errors");
    assertThat(errors).hasSize(1);
    return errors.get(0).get("message").asText();
  }

  private static String field(PreHookFindings findings) {
    JsonNode errors = findings.conclude("x").body().get("errors");
    assertThat(errors).hasSize(1);
    return errors.get(0).get("field").asText();
  }
}
