package com.ordercloudhub.hub.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.ordercloudhub.hub.event.ReceivedEvent;
import com.ordercloudhub.hub.support.Fixtures;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class OcFreshnessTest {

  private static final Instant NOW = Instant.parse("2025-03-14T16:10:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final OcEnvelope ENVELOPE = new OcEnvelope(new ObjectMapper());

  private static OcFreshness window(Duration maxAge) {
    return new OcFreshness(
        new SignatureProperties(List.of("k"), false, maxAge, Duration.ofMinutes(5)), CLOCK);
  }

  private static ReceivedEvent post(String dateJson) {
    String date = dateJson == null ? "" : ",\"Date\":" + dateJson;
    return ENVELOPE.parsePostHook(
        ("{\"Route\":\"v1/orders\",\"Verb\":\"POST\",\"LogID\":\"l\"" + date + "}")
            .getBytes(StandardCharsets.UTF_8));
  }

  private static ReceivedEvent pre(String date) {
    return ENVELOPE.parsePreHook(
        ("{\"Route\":\"v1/orders\",\"Verb\":\"POST\",\"LogID\":\"l\",\"Date\":\"" + date + "\"}")
            .getBytes(StandardCharsets.UTF_8));
  }

  private static void assertStale(Runnable check) {
    assertThatThrownBy(check::run)
        .isInstanceOfSatisfying(
            InboundRejection.class,
            r -> {
              assertThat(r.status()).isEqualTo(401);
              assertThat(r.error()).isEqualTo("stale_request");
            });
  }

  private static void assertBadDate(Runnable check, String value) {
    assertThatThrownBy(check::run)
        .isInstanceOfSatisfying(
            InboundRejection.class,
            r -> {
              assertThat(r.status()).isEqualTo(400);
              assertThat(r.field()).isEqualTo("Date");
              assertThat(r.getMessage()).doesNotContain(value);
            });
  }

  @Test
  void offByDefaultAnyDateAndNoDateAreAccepted() {
    OcFreshness off = window(null);

    assertThatCode(() -> off.check(post("\"2001-01-01T00:00:00.0000000+00:00\"")))
        .doesNotThrowAnyException();
    assertThatCode(() -> off.check(post(null))).doesNotThrowAnyException();
    assertThatCode(() -> off.check(post("\"yesterday\""))).doesNotThrowAnyException();
  }

  @Test
  void aDateWithinMaxAgeIsAcceptedAndAnOlderOneIsStale() {
    OcFreshness tenMinutes = window(Duration.ofMinutes(10));

    // the fixture's own Date: 8 minutes before NOW, 7 fractional digits and an offset
    assertThatCode(
            () ->
                tenMinutes.check(
                    ENVELOPE.parsePostHook(Fixtures.bytes(Fixtures.POST_ORDER_SUBMIT))))
        .doesNotThrowAnyException();
    // older than max-age but within the skew: OrderCloud's clock may be behind
    assertThatCode(() -> tenMinutes.check(post("\"2025-03-14T15:56:00.0000000+00:00\"")))
        .doesNotThrowAnyException();
    assertStale(() -> tenMinutes.check(post("\"2025-03-14T15:54:59.9999999+00:00\"")));
    assertStale(() -> tenMinutes.check(pre("2025-03-14T10:00:00.0000000-05:00")));
  }

  @Test
  void aDateAheadOfTheClockByMoreThanTheSkewIsStale() {
    OcFreshness tenMinutes = window(Duration.ofMinutes(10));

    assertThatCode(() -> tenMinutes.check(post("\"2025-03-14T16:14:59.0000000+00:00\"")))
        .doesNotThrowAnyException();
    assertStale(() -> tenMinutes.check(post("\"2025-03-14T16:15:01.0000000+00:00\"")));
    assertStale(() -> tenMinutes.check(post("\"2099-01-01T00:00:00+00:00\"")));
  }

  @Test
  void withTheWindowOnAMissingOrUnreadableDateIs400NamingTheFieldNotItsValue() {
    OcFreshness tenMinutes = window(Duration.ofMinutes(10));

    assertBadDate(() -> tenMinutes.check(post(null)), "LogID");
    assertBadDate(() -> tenMinutes.check(post("null")), "LogID");
    assertBadDate(() -> tenMinutes.check(post("\"sk_live_51Hx9dQ\"")), "sk_live_51Hx9dQ");
    assertBadDate(() -> tenMinutes.check(post("\"2024-07-01T08:00:00\"")), "2024-07-01");
    assertBadDate(() -> tenMinutes.check(post("1741968131")), "1741968131");
  }

  @Test
  void messageSenderBodiesHaveNoDateAndAreNotChecked() {
    ReceivedEvent message =
        ENVELOPE.parseMessage(Fixtures.bytes(Fixtures.MESSAGE_ORDER_SUBMITTED), "ordersubmitted");

    assertThatCode(() -> window(Duration.ofMinutes(10)).check(message)).doesNotThrowAnyException();
  }

  @Test
  void maxAgeMustBePositiveAndTheSkewNotNegative() {
    assertThatThrownBy(
            () -> new SignatureProperties(List.of("k"), false, Duration.ZERO, Duration.ZERO))
        .hasMessageContaining("hub.ordercloud.max-age");
    assertThatThrownBy(
            () ->
                new SignatureProperties(
                    List.of("k"), false, Duration.ofMinutes(1), Duration.ofMinutes(-1)))
        .hasMessageContaining("hub.ordercloud.clock-skew");
  }
}
