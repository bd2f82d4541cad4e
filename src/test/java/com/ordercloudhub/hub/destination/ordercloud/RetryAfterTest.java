package com.ordercloudhub.hub.destination.ordercloud;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * A 429's Retry-After as OrderCloud (or a proxy before it) may send it: seconds or an HTTP date.
 */
class RetryAfterTest {

  final OrderCloudApi api =
      new OrderCloudApi(
          new OrderCloudApiProperties(
              "http://127.0.0.1:9",
              "http://127.0.0.1:9",
              "client",
              "secret",
              "OrderReader",
              Duration.ofSeconds(2),
              Duration.ofSeconds(10),
              100),
          new ObjectMapper(),
          Clock.fixed(Instant.parse("2026-12-02T14:00:00Z"), ZoneOffset.UTC),
          null);

  @Test
  void secondsAreAWait() {
    assertThat(api.retryAfter("3")).isEqualTo(Duration.ofSeconds(3));
    assertThat(api.retryAfter(" 0 ")).isEqualTo(Duration.ZERO);
  }

  @Test
  void anHttpDateIsTheWaitUntilThen() {
    assertThat(api.retryAfter("Wed, 02 Dec 2026 14:00:30 GMT")).isEqualTo(Duration.ofSeconds(30));
    // a date already past: ask again at once
    assertThat(api.retryAfter("Wed, 02 Dec 2026 13:59:00 GMT")).isEqualTo(Duration.ZERO);
  }

  @Test
  void nothingOrSomethingUnreadableIsNoWaitGiven() {
    assertThat(api.retryAfter(null)).isNull();
    assertThat(api.retryAfter("")).isNull();
    assertThat(api.retryAfter("soon")).isNull();
    assertThat(api.retryAfter("-5")).isNull();
    assertThat(api.retryAfter("99999999999999")).isNull();
  }
}
