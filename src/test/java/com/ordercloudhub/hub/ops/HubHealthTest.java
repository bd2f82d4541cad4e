package com.ordercloudhub.hub.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.ordercloudhub.hub.delivery.DeliveryGauges;
import com.ordercloudhub.hub.delivery.DeliveryProperties;
import com.ordercloudhub.hub.delivery.Destination;
import com.ordercloudhub.hub.delivery.Dispatcher;
import com.ordercloudhub.hub.event.EventStore;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;

/**
 * Readiness details from the ledger's figures: the dispatcher's lag and each destination's recent
 * record. Neither indicator has a way to call a destination: they only read DeliveryGauges.
 */
class HubHealthTest {

  final Dispatcher dispatcher = mock(Dispatcher.class);
  final DeliveryGauges gauges = mock(DeliveryGauges.class);

  static DeliveryProperties delivery(boolean enabled, Duration lagWarning) {
    return new DeliveryProperties(
        enabled,
        null,
        Duration.ofSeconds(1),
        50,
        8,
        0,
        Duration.ofMinutes(5),
        Duration.ofSeconds(30),
        List.of(Duration.ofSeconds(10)),
        Map.of(),
        lagWarning,
        DeliveryProperties.Ordering.PER_KEY);
  }

  static Destination destination(String name, String missing) {
    return new Destination() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Optional<String> missing() {
        return Optional.ofNullable(missing);
      }
    };
  }

  Health dispatcherHealth(DeliveryProperties delivery) {
    when(dispatcher.instance()).thenReturn("hub-1");
    HealthIndicator indicator = new HubHealth().dispatcherHealth(dispatcher, gauges, delivery);
    return indicator.health();
  }

  @Test
  void theDispatcherIsUpWhileTheOldestDueLegIsYoungerThanTheWarning() {
    when(dispatcher.isRunning()).thenReturn(true);
    when(gauges.oldestDue()).thenReturn(Duration.ofSeconds(20));

    Health health = dispatcherHealth(delivery(true, Duration.ofMinutes(5)));

    assertThat(health.getStatus()).isEqualTo(Status.UP);
    assertThat(health.getDetails()).containsEntry("oldestDueSeconds", 20L);
  }

  @Test
  void aDueLegOlderThanTheWarningDegradesTheDispatcherButKeepsTheHubReady() {
    when(dispatcher.isRunning()).thenReturn(true);
    when(gauges.oldestDue()).thenReturn(Duration.ofMinutes(6));

    Health health = dispatcherHealth(delivery(true, Duration.ofMinutes(5)));

    assertThat(health.getStatus()).isEqualTo(HubHealth.DEGRADED);
    assertThat(health.getDetails())
        .containsEntry("oldestDueSeconds", 360L)
        .containsEntry("lagWarningSeconds", 300L);
  }

  @Test
  void aStoppedDispatcherIsDownAndADisabledOneIsNotExpectedToRun() {
    when(dispatcher.isRunning()).thenReturn(false);
    when(gauges.oldestDue()).thenReturn(Duration.ZERO);

    assertThat(dispatcherHealth(delivery(true, Duration.ofMinutes(5))).getStatus())
        .isEqualTo(Status.DOWN);
    Health disabled = dispatcherHealth(delivery(false, Duration.ofMinutes(5)));
    assertThat(disabled.getStatus()).isEqualTo(Status.UP);
    assertThat(disabled.getDetails()).containsEntry("enabled", false);
  }

  @Test
  void aDestinationWhoseLatestAttemptFailedDegradesAndAnUnconfiguredOneSaysWhy() {
    OffsetDateTime now = OffsetDateTime.now();
    when(gauges.recentByDestination())
        .thenReturn(
            Map.of(
                "erp",
                new DeliveryGauges.DestinationRecord(3, now.minusMinutes(10), now.minusMinutes(1)),
                "database",
                new DeliveryGauges.DestinationRecord(1, now.minusMinutes(1), now.minusMinutes(5))));
    HealthIndicator indicator =
        new HubHealth()
            .destinationsHealth(
                gauges,
                List.of(
                    destination("erp", null),
                    destination("database", null),
                    destination("crm", "SALESFORCE_CLIENT_ID is not set")));

    Health health = indicator.health();

    assertThat(health.getStatus()).isEqualTo(HubHealth.DEGRADED);
    assertThat(health.getDetails().get("erp"))
        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .containsEntry("failing", true)
        .containsEntry("recentFailures", 3L);
    assertThat(health.getDetails().get("database"))
        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .containsEntry("failing", false);
    assertThat(health.getDetails().get("crm"))
        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .containsEntry("configured", false)
        .containsEntry("reason", "SALESFORCE_CLIENT_ID is not set");
  }

  @Test
  void destinationsAreUpWhenEveryLatestAttemptSucceeded() {
    OffsetDateTime now = OffsetDateTime.now();
    when(gauges.recentByDestination())
        .thenReturn(
            Map.of(
                "erp",
                new DeliveryGauges.DestinationRecord(2, now.minusMinutes(1), now.minusMinutes(4))));

    Health health =
        new HubHealth().destinationsHealth(gauges, List.of(destination("erp", null))).health();

    assertThat(health.getStatus()).isEqualTo(Status.UP);
  }

  @Test
  void theDatabaseIsUpWithoutAConnectionWhileTheStoreKeepsCommitting() {
    EventStore store = mock(EventStore.class);
    DataSource unreachable = mock(DataSource.class);
    when(store.sinceLastCommit()).thenReturn(Optional.of(Duration.ofMillis(300)));

    Health health = new HubHealth().dbHealth(unreachable, store).health();

    assertThat(health.getStatus()).isEqualTo(Status.UP);
    assertThat(health.getDetails()).containsEntry("lastCommitMillisAgo", 300L);
  }

  @Test
  void withoutARecentCommitTheDatabaseIsValidatedAndDownWhenItCannotBeReached() throws Exception {
    EventStore store = mock(EventStore.class);
    DataSource unreachable = mock(DataSource.class);
    when(store.sinceLastCommit()).thenReturn(Optional.of(Duration.ofMinutes(3)));
    when(unreachable.getConnection()).thenThrow(new java.sql.SQLException("connection refused"));

    Health health = new HubHealth().dbHealth(unreachable, store).health();

    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
  }
}
