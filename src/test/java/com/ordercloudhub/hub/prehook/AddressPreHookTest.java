package com.ordercloudhub.hub.prehook;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ordercloudhub.hub.support.Fixtures;
import com.ordercloudhub.hub.support.HubTest;
import com.ordercloudhub.hub.support.Payloads;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;

/**
 * address.saved over HTTP: the shared fixture proceeds, each bad address is answered 200 with a
 * block naming its field, the address service's verdict and suggestion reach the answer, and every
 * decision shows in the operations API and the metrics.
 */
@HubTest
@AutoConfigureObservability(tracing = false)
class AddressPreHookTest extends PreHookHub {

  @Test
  void theSharedAddressFixtureProceedsAfterTheAddressServiceSaidValid() {
    HttpResponse<String> answer = hub.signed(PRE, Payloads.fresh(Fixtures.PRE_ADDRESS_SAVE));

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
    assertThat(answer.body()).isEqualTo("{\"proceed\":true}");
    // the address itself was posted to the service, as JSON
    addressService.verify(
        postRequestedFor(urlEqualTo("/validate"))
            .withHeader("Content-Type", equalTo("application/json"))
            .withRequestBody(equalToJson(fixtureAddress().toString())));
  }

  static Stream<Arguments> badAddresses() {
    return Stream.of(
        bad("missing Street1", a -> a.remove("Street1"), "Street1"),
        bad("missing City", a -> a.remove("City"), "City"),
        bad("bad US ZIP 1234", a -> a.put("Zip", "1234"), "Zip"),
        bad(
            "bad Canadian postal code 12345",
            a -> a.put("Country", "CA").put("State", "ON").put("Zip", "12345"),
            "Zip"),
        bad("US without State", a -> a.putNull("State"), "State"),
        bad("unknown country XX", a -> a.put("Country", "XX"), "Country"));
  }

  static Arguments bad(String name, Consumer<ObjectNode> change, String field) {
    ObjectNode address = fixtureAddress();
    change.accept(address);
    return Arguments.of(name, address, field);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badAddresses")
  void aBadAddressIsAnswered200WithABlockNamingItsField(
      String name, ObjectNode address, String field) {
    JsonNode answer = preHook(addressSave(address));

    assertThat(answer.get("proceed").asBoolean()).isFalse();
    assertThat(answer.at("/body/message").asText()).isEqualTo("The address could not be accepted");
    JsonNode errors = answer.at("/body/errors");
    assertThat(errors).as(name).hasSize(1);
    assertThat(errors.get(0).get("field").asText()).isEqualTo(field);
    assertThat(errors.get(0).get("message").asText()).isNotBlank();
    assertThat(answer.at("/body").has("suggestion")).isFalse();
  }

  @Test
  void theAddressServicesVerdictAndSuggestionReachTheAnswer() {
    String zip =
        String.valueOf(90000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(9000));
    ObjectNode address = fixtureAddress().put("Zip", zip);
    String suggestion =
        "{\"Street1\":\"77 Commerce Way\",\"City\":\"Bloomington\",\"State\":\"MN\","
            + "\"Zip\":\"55425-1021\",\"Country\":\"US\"}";
    addressService.stubFor(
        post(urlEqualTo("/validate"))
            .withRequestBody(matchingJsonPath("$.Zip", equalTo(zip)))
            .atPriority(1)
            .willReturn(
                okJson(
                    "{\"verdict\":\"invalid\",\"messages\":[{\"field\":\"Zip\","
                        + "\"message\":\"ZIP does not match city\"}],\"suggestion\":"
                        + suggestion
                        + "}")));
    OffsetDateTime since = now();
    ObjectNode payload = addressSave(address);

    JsonNode answer = preHook(payload);

    assertThat(answer.get("proceed").asBoolean()).isFalse();
    assertThat(answer.at("/body/message").asText()).isEqualTo("The address could not be verified");
    assertThat(answer.at("/body/errors"))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.get("field").asText()).isEqualTo("Zip");
              assertThat(e.get("rule").asText()).isEqualTo("address-external");
              assertThat(e.get("message").asText()).isEqualTo("ZIP does not match city");
            });
    assertThat(answer.at("/body/suggestion"))
        .isEqualTo(Fixtures.json(suggestion.getBytes(java.nio.charset.StandardCharsets.UTF_8)));

    // the operations API shows the decision: the answer sent, the checks that ran, the time taken
    JsonNode event = recordedEvent(payload.get("LogID").asText(), since);
    assertThat(event.get("eventType").asText()).isEqualTo("address.saved");
    assertThat(event.at("/payload/UserToken").asText()).isEqualTo("[not stored]");
    JsonNode decision = event.get("decisions").get(0);
    assertThat(event.get("decisions")).hasSize(1);
    assertThat(decision.get("proceed").asBoolean()).isFalse();
    assertThat(decision.get("answer")).isEqualTo(answer);
    assertThat(checks(decision))
        .containsExactly(
            "address-built-in passed: required fields and formats valid",
            "address-external failed: ZIP does not match city");
    assertThat(decision.get("durationMs").isInt()).isTrue();
    assertThat(decision.get("durationMs").asInt()).isBetween(0, 3000);
    assertThat(decision.get("decidedAt").asText()).isNotBlank();
  }

  @Test
  void aValidVerdictWithASuggestionStillProceeds() {
    String street = "1 Suggestion Street " + UUID.randomUUID();
    addressService.stubFor(
        post(urlEqualTo("/validate"))
            .withRequestBody(matchingJsonPath("$.Street1", equalTo(street)))
            .atPriority(1)
            .willReturn(okJson("{\"verdict\":\"valid\",\"suggestion\":{\"Zip\":\"55425-1021\"}}")));

    assertThat(preHook(addressSave(fixtureAddress().put("Street1", street)))).isEqualTo(proceed());
  }

  @Test
  void aProceedingAddressIsRecordedWithTheChecksThatRan() {
    OffsetDateTime since = now();
    ObjectNode payload = addressSave(fixtureAddress());

    assertThat(preHook(payload)).isEqualTo(proceed());

    JsonNode decision = recordedEvent(payload.get("LogID").asText(), since).get("decisions").get(0);
    assertThat(decision.get("proceed").asBoolean()).isTrue();
    assertThat(decision.get("answer")).isEqualTo(proceed());
    assertThat(checks(decision))
        .containsExactly(
            "address-built-in passed: required fields and formats valid",
            "address-external passed: verdict valid");
  }

  @Test
  void decisionsAreCountedByEventAndOutcomeWithALatencyHistogram() {
    preHook(addressSave(fixtureAddress()));
    preHook(addressSave(fixtureAddress().put("Zip", "1234")));

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(metrics())
                    .contains(
                        "hub_prehook_decisions_total{event=\"address.saved\",outcome=\"proceed\"}")
                    .contains(
                        "hub_prehook_decisions_total{event=\"address.saved\",outcome=\"block\"}")
                    .contains("hub_prehook_latency_seconds_bucket{event=\"address.saved\",le=")
                    .contains("hub_prehook_latency_seconds_count{event=\"address.saved\"}"));
    assertThat(hub.get("/actuator/prometheus").statusCode()).isEqualTo(401);
  }
}
