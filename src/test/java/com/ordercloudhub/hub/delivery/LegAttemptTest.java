package com.ordercloudhub.hub.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.ordercloudhub.hub.event.EventKind;
import com.ordercloudhub.hub.support.Fixtures;
import java.net.ConnectException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.direct.DirectComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One attempt of one leg through a destination route, for real and as a dry run. */
class LegAttemptTest {

  static final Instant NOW = Instant.parse("2026-03-01T10:15:30Z");

  /** What a destination route saw: the leg's headers and whether the exchange was a dry run. */
  record Seen(String destination, String key, Integer attempt, boolean dryRun, String orderId) {}

  final List<Seen> seen = new CopyOnWriteArrayList<>();
  CamelContext camel;
  LegAttempt legs;

  @BeforeEach
  void destinationRoutes() throws Exception {
    camel = new DefaultCamelContext();
    // a send to a route that does not exist fails at once instead of waiting for one to start
    camel.getComponent("direct", DirectComponent.class).setBlock(false);
    camel.addRoutes(
        new RouteBuilder() {
          @Override
          public void configure() {
            from(DeliveryPlan.endpointOf("crm"))
                .process(
                    e -> {
                      see(e);
                      e.setProperty(DeliveryExchanges.LEG_NOTE, "sent without line items");
                      DryRun.note(e, "the account lookup was not made");
                      if (DryRun.active(e)) {
                        e.getProperty(DryRun.PROPERTY, DryRun.class)
                            .record(Map.of("method", "PATCH", "url", "https://crm.test/Order"));
                      }
                    });
            from(DeliveryPlan.endpointOf("erp"))
                .process(
                    e -> {
                      see(e);
                      throw new ConnectException("Connection refused");
                    });
            from(DeliveryPlan.endpointOf("database"))
                .process(
                    e -> {
                      see(e);
                      e.setProperty(DeliveryExchanges.LEG_NOTE, "address row kept");
                      throw new PermanentDeliveryException("Record rejected: Zip too long");
                    });
          }
        });
    camel.start();
    legs =
        new LegAttempt(
            new DeliveryExchanges(camel, Fixtures.mapper()),
            camel.createProducerTemplate(),
            new FailureClassifier(java.util.List.of()),
            Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @AfterEach
  void stop() throws Exception {
    camel.close();
  }

  void see(org.apache.camel.Exchange e) {
    seen.add(
        new Seen(
            e.getMessage().getHeader(DeliveryExchanges.DESTINATION, String.class),
            e.getMessage().getHeader(DeliveryExchanges.IDEMPOTENCY_KEY, String.class),
            e.getMessage().getHeader(DeliveryExchanges.ATTEMPT, Integer.class),
            DryRun.active(e),
            e.getMessage()
                .getBody(com.fasterxml.jackson.databind.JsonNode.class)
                .path("ID")
                .asText()));
  }

  static DispatchEvent event() {
    OffsetDateTime received = OffsetDateTime.ofInstant(NOW, ZoneOffset.UTC);
    return new DispatchEvent(
        "evt-1", EventKind.POST, "order.submitted", "{\"ID\":\"SO-1\"}", received, null, received);
  }

  static DeliveryLeg leg(String destination, int attempts) {
    return new DeliveryLeg(
        "leg-" + destination,
        "evt-1",
        destination,
        attempts == 0 ? LegStatus.PENDING : LegStatus.RETRYING,
        attempts,
        null,
        null,
        "evt-1:" + destination,
        null,
        null,
        null,
        null);
  }

  @Test
  void aDeliveredLegCarriesItsNoteAndNoFailure() {
    LegAttempt.Result result = legs.attempt(event(), leg("crm", 0), 1);

    assertThat(result.outcome()).isEqualTo(LegAttempt.Outcome.DELIVERED);
    assertThat(result.delivered()).isTrue();
    assertThat(result.permanent()).isFalse();
    assertThat(result.message()).isNull();
    assertThat(result.note()).isEqualTo("sent without line items");
    assertThat(result.startedAt()).isEqualTo(OffsetDateTime.ofInstant(NOW, ZoneOffset.UTC));
    assertThat(result.duration()).isPositive();
    assertThat(seen).containsExactly(new Seen("crm", "evt-1:crm", 1, false, "SO-1"));
  }

  @Test
  void aRefusedConnectionIsATransientFailureWithItsAttemptNumber() {
    LegAttempt.Result result = legs.attempt(event(), leg("erp", 2), 3);

    assertThat(result.outcome()).isEqualTo(LegAttempt.Outcome.FAILED);
    assertThat(result.permanent()).isFalse();
    assertThat(result.message()).isEqualTo("ConnectException: Connection refused");
    assertThat(result.note()).isNull();
    assertThat(seen).containsExactly(new Seen("erp", "evt-1:erp", 3, false, "SO-1"));
  }

  @Test
  void aRejectedRecordIsAPermanentFailureAndKeepsTheNote() {
    LegAttempt.Result result = legs.attempt(event(), leg("database", 0), 1);

    assertThat(result.outcome()).isEqualTo(LegAttempt.Outcome.FAILED);
    assertThat(result.permanent()).isTrue();
    assertThat(result.message()).isEqualTo("Record rejected: Zip too long");
    assertThat(result.note()).isEqualTo("address row kept");
  }

  @Test
  void aDestinationWithoutARouteIsPermanent() {
    LegAttempt.Result result = legs.attempt(event(), leg("nowhere", 0), 1);

    assertThat(result.permanent()).isTrue();
    assertThat(result.message()).startsWith("No destination route");
  }

  @Test
  void aDryRunSendsAnUnplannedFirstAttemptFlaggedAndRecordsWhatWouldLeave() {
    DryRun run = new DryRun();

    LegAttempt.Result result = legs.dryRun(event(), "crm", run);

    assertThat(result.delivered()).isTrue();
    assertThat(result.note()).isEqualTo("sent without line items");
    assertThat(seen).containsExactly(new Seen("crm", "evt-1:crm", 1, true, "SO-1"));
    assertThat(run.notes()).containsExactly("the account lookup was not made");
    assertThat(run.calls())
        .containsExactly(Map.of("method", "PATCH", "url", "https://crm.test/Order"));
  }

  @Test
  void aDryRunIsClassifiedAsARealAttemptIs() {
    DryRun run = new DryRun();

    assertThat(legs.dryRun(event(), "erp", run))
        .extracting(LegAttempt.Result::permanent, LegAttempt.Result::message)
        .containsExactly(false, "ConnectException: Connection refused");
    assertThat(legs.dryRun(event(), "database", run))
        .extracting(LegAttempt.Result::permanent, LegAttempt.Result::message)
        .containsExactly(true, "Record rejected: Zip too long");
    assertThat(seen).extracting(Seen::dryRun).containsExactly(true, true);
  }

  @Test
  void aDeliveredLegsAnswerIsReadIntoItsReferenceButNotInADryRun() {
    org.springframework.beans.factory.support.StaticListableBeanFactory beans =
        new org.springframework.beans.factory.support.StaticListableBeanFactory();
    // a reader that fails is passed over; the next one's answer counts
    beans.addBean(
        "broken",
        (LegReferences)
            (leg, done) -> {
              throw new IllegalStateException("unreadable answer");
            });
    beans.addBean(
        "answer",
        (LegReferences) (leg, done) -> leg.destination() + ":" + done.getMessage().getBody());
    LegAttempt reading =
        new LegAttempt(
            new DeliveryExchanges(camel, Fixtures.mapper()),
            camel.createProducerTemplate(),
            new FailureClassifier(java.util.List.of()),
            Clock.fixed(NOW, ZoneOffset.UTC),
            beans.getBeanProvider(LegReferences.class));

    assertThat(reading.attempt(event(), leg("crm", 0), 1).reference()).startsWith("crm:");
    // a failure has no answer to read, and a dry run's answer is not the destination's
    assertThat(reading.attempt(event(), leg("erp", 0), 1).reference()).isNull();
    assertThat(reading.dryRun(event(), "crm", new DryRun()).reference()).isNull();
    // without readers: none
    assertThat(legs.attempt(event(), leg("crm", 0), 1).reference()).isNull();
  }
}
