package com.ordercloudhub.hub.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class RetryScheduleTest {

  static final List<Duration> DEFAULT =
      List.of(
          Duration.ofSeconds(10),
          Duration.ofSeconds(30),
          Duration.ofMinutes(2),
          Duration.ofMinutes(10),
          Duration.ofMinutes(30),
          Duration.ofHours(1),
          Duration.ofHours(3),
          Duration.ofHours(6),
          Duration.ofHours(12),
          Duration.ofHours(24));

  @Test
  void theDefaultScheduleWaitsLongerAfterEachFailureThenGivesUp() {
    RetrySchedule schedule = new RetrySchedule(DEFAULT);

    assertThat(schedule.delayAfter(1)).contains(Duration.ofSeconds(10));
    assertThat(schedule.delayAfter(2)).contains(Duration.ofSeconds(30));
    assertThat(schedule.delayAfter(10)).contains(Duration.ofHours(24));
    assertThat(schedule.delayAfter(11)).isEmpty();
    assertThat(schedule.maxAttempts()).isEqualTo(11);
  }

  @Test
  void nonsenseAttemptCountsGetNoRetry() {
    assertThat(new RetrySchedule(DEFAULT).delayAfter(0)).isEmpty();
    assertThat(new RetrySchedule(List.of()).delayAfter(1)).isEmpty();
  }

  @Test
  void aDestinationsOwnScheduleReplacesTheDefault() {
    DeliveryProperties properties =
        new DeliveryProperties(
            true,
            null,
            Duration.ofSeconds(1),
            50,
            8,
            0,
            Duration.ofMinutes(5),
            Duration.ofSeconds(30),
            DEFAULT,
            Map.of(
                "crm", new DeliveryProperties.Destination(List.of(Duration.ofMinutes(1)), null),
                "erp", new DeliveryProperties.Destination(null, null)),
            Duration.ofMinutes(5),
            DeliveryProperties.Ordering.PER_KEY);

    assertThat(properties.scheduleFor("crm").delays()).containsExactly(Duration.ofMinutes(1));
    assertThat(properties.scheduleFor("crm").delayAfter(2)).isEmpty();
    assertThat(properties.scheduleFor("erp").delays()).isEqualTo(DEFAULT);
    assertThat(properties.scheduleFor("database").delays()).isEqualTo(DEFAULT);
  }

  @Test
  void orderingIsPerKeyUnlessADestinationOptsOut() {
    Binder binder =
        new Binder(
            new MapConfigurationPropertySource(
                Map.of(
                    "hub.delivery.destinations.email.ordering", "none",
                    "hub.delivery.destinations.erp.retry-schedule", "1s")));

    DeliveryProperties properties = binder.bindOrCreate("hub.delivery", DeliveryProperties.class);

    assertThat(properties.ordering()).isEqualTo(DeliveryProperties.Ordering.PER_KEY);
    assertThat(properties.orderingFor("email")).isEqualTo(DeliveryProperties.Ordering.NONE);
    assertThat(properties.orderingFor("erp")).isEqualTo(DeliveryProperties.Ordering.PER_KEY);
    assertThat(properties.orderingFor("database")).isEqualTo(DeliveryProperties.Ordering.PER_KEY);
    DeliveryProperties none =
        new Binder(
                new MapConfigurationPropertySource(
                    Map.of(
                        "hub.delivery.ordering", "none",
                        "hub.delivery.destinations.erp.ordering", "per-key")))
            .bindOrCreate("hub.delivery", DeliveryProperties.class);
    assertThat(none.orderingFor("database")).isEqualTo(DeliveryProperties.Ordering.NONE);
    assertThat(none.orderingFor("erp")).isEqualTo(DeliveryProperties.Ordering.PER_KEY);
  }
}
