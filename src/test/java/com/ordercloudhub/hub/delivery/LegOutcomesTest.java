package com.ordercloudhub.hub.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.ordercloudhub.hub.config.SecretRule;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How an attempt's result is recorded, against the real ledger on an in-memory H2 database (the
 * hub's own migrations, PostgreSQL mode): delivered, retried on the destination's schedule, dead at
 * once when permanent, dead with "Gave up" when the schedule is exhausted.
 */
class LegOutcomesTest {

  static final OffsetDateTime STARTED =
      OffsetDateTime.ofInstant(Instant.parse("2026-03-01T10:15:30Z"), ZoneOffset.UTC);
  static final Duration TOOK = Duration.ofMillis(42);

  final List<Object> published = new CopyOnWriteArrayList<>();
  final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  NamedParameterJdbcTemplate jdbc;
  DeliveryLedger ledger;
  LegOutcomes outcomes;

  @BeforeEach
  void ledgerOnH2() {
    JdbcDataSource db = new JdbcDataSource();
    db.setURL(
        "jdbc:h2:mem:leg-outcomes-"
            + System.nanoTime()
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
    db.setUser("sa");
    Flyway.configure().dataSource(db).load().migrate();
    jdbc = new NamedParameterJdbcTemplate(db);
    Clock clock = Clock.fixed(STARTED.toInstant(), ZoneOffset.UTC);
    ledger =
        new DeliveryLedger(
            jdbc,
            new TransactionTemplate(new DataSourceTransactionManager(db)),
            clock,
            SecretRule.defaults());
    outcomes = new LegOutcomes(properties(), ledger, meters, published::add);
    jdbc.update(
        "INSERT INTO hub_event (id, kind, event_type, dedupe_key, body_sha256, body_bytes,"
            + " received_at, payload) VALUES ('evt-1', 'post', 'order.submitted', 'd', 's', 2,"
            + " :now, '{}')",
        new MapSqlParameterSource("now", STARTED));
    ledger.plan(
        "evt-1",
        List.of(
            new DeliveryLedger.PlannedLeg("crm", null), new DeliveryLedger.PlannedLeg("erp", null)),
        STARTED);
  }

  static DeliveryProperties properties() {
    return new DeliveryProperties(
        true,
        "hub-a",
        Duration.ofSeconds(1),
        50,
        8,
        0,
        Duration.ofMinutes(5),
        Duration.ofSeconds(30),
        List.of(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(2)),
        Map.of(
            "erp",
            new DeliveryProperties.Destination(
                List.of(Duration.ofSeconds(5), Duration.ofSeconds(20)), null)),
        Duration.ofMinutes(5),
        DeliveryProperties.Ordering.PER_KEY);
  }

  DeliveryLeg leg(String destination) {
    return ledger.legsOf("evt-1").stream()
        .filter(l -> l.destination().equals(destination))
        .findFirst()
        .orElseThrow();
  }

  static LegAttempt.Result delivered(String note) {
    return new LegAttempt.Result(LegAttempt.Outcome.DELIVERED, false, null, note, STARTED, TOOK);
  }

  static LegAttempt.Result failed(boolean permanent, String message) {
    return new LegAttempt.Result(
        LegAttempt.Outcome.FAILED, permanent, message, null, STARTED, TOOK);
  }

  long timed(String destination, String outcome) {
    var timer =
        meters
            .find("hub.delivery.attempts")
            .tag("destination", destination)
            .tag("outcome", outcome)
            .timer();
    return timer == null ? 0 : timer.count();
  }

  @Test
  void aDeliveredLegIsRecordedWithItsNoteAndAnnounced() {
    outcomes.record(event(), leg("crm"), 1, delivered("sent without line items"), "hub-a");

    DeliveryLeg crm = leg("crm");
    assertThat(crm.status()).isEqualTo(LegStatus.DELIVERED);
    assertThat(crm.attempts()).isEqualTo(1);
    assertThat(crm.note()).isEqualTo("sent without line items");
    assertThat(crm.nextAttemptAt()).isNull();
    assertThat(crm.deliveredAt().toInstant()).isEqualTo(STARTED.plus(TOOK).toInstant());
    assertThat(ledger.attemptsOf(crm.id()))
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.outcome()).isEqualTo("delivered");
              assertThat(a.durationMs()).isEqualTo(42);
              assertThat(a.instance()).isEqualTo("hub-a");
              assertThat(a.error()).isNull();
            });
    assertThat(published).containsExactly(new Dispatcher.LegDelivered("evt-1", "crm"));
    assertThat(timed("crm", "delivered")).isEqualTo(1);
    assertThat(leg("erp").status()).isEqualTo(LegStatus.PENDING);
  }

  @Test
  void aDeliveredLegIsStillRecordedWhenTheDatabaseFailsForAMomentSoItIsNotSentAgain() {
    java.util.concurrent.atomic.AtomicInteger calls =
        new java.util.concurrent.atomic.AtomicInteger();
    DeliveryLedger flaky =
        new DeliveryLedger(
            jdbc,
            new TransactionTemplate(
                new DataSourceTransactionManager(jdbc.getJdbcTemplate().getDataSource())),
            Clock.fixed(STARTED.toInstant(), ZoneOffset.UTC),
            SecretRule.defaults()) {
          @Override
          public void delivered(
              DeliveryLeg leg, DeliveryLedger.Attempt attempt, String note, String reference) {
            if (calls.incrementAndGet() == 1) {
              throw new org.springframework.jdbc.CannotGetJdbcConnectionException(
                  "Failed to obtain JDBC Connection",
                  new java.sql.SQLTransientConnectionException("request timed out after 3000ms"));
            }
            super.delivered(leg, attempt, note, reference);
          }
        };
    LegOutcomes retrying = new LegOutcomes(properties(), flaky, meters, published::add);

    retrying.record(event(), leg("crm"), 1, delivered(null), "hub-a");

    assertThat(calls).hasValue(2);
    assertThat(leg("crm").status()).isEqualTo(LegStatus.DELIVERED);
    assertThat(ledger.attemptsOf(leg("crm").id())).hasSize(1);
    assertThat(published).containsExactly(new Dispatcher.LegDelivered("evt-1", "crm"));
  }

  @Test
  void aTransientFailureIsRetriedAfterTheDestinationsOwnDelay() {
    outcomes.record(
        event(), leg("erp"), 2, failed(false, "ConnectException: Connection refused"), "hub-a");

    DeliveryLeg erp = leg("erp");
    assertThat(erp.status()).isEqualTo(LegStatus.RETRYING);
    assertThat(erp.attempts()).isEqualTo(2);
    assertThat(erp.lastError()).isEqualTo("ConnectException: Connection refused");
    // the erp's schedule, not the default one: 20 s after the second attempt finished
    assertThat(erp.nextAttemptAt().toInstant())
        .isEqualTo(STARTED.plus(TOOK).plusSeconds(20).toInstant());
    assertThat(ledger.attemptsOf(erp.id()))
        .extracting(DeliveryAttempt::outcome, DeliveryAttempt::error)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("retry", "ConnectException: Connection refused"));
    assertThat(published).isEmpty();
    assertThat(timed("erp", "retry")).isEqualTo(1);
    assertThat(timed("erp", "dead")).isZero();
  }

  @Test
  void aPermanentFailureIsDeadAtOnceWithItsMessage() {
    outcomes.record(event(), leg("crm"), 1, failed(true, "HTTP 400 from https://crm"), "hub-a");

    DeliveryLeg crm = leg("crm");
    assertThat(crm.status()).isEqualTo(LegStatus.DEAD);
    assertThat(crm.nextAttemptAt()).isNull();
    assertThat(crm.lastError()).isEqualTo("HTTP 400 from https://crm");
    assertThat(ledger.attemptsOf(crm.id()))
        .extracting(DeliveryAttempt::outcome)
        .containsExactly("dead");
    assertThat(timed("crm", "dead")).isEqualTo(1);
    assertThat(published).containsExactly(new Dispatcher.LegDead("evt-1", "crm"));
  }

  @Test
  void aTransientFailureAfterTheLastDelayGivesUp() {
    outcomes.record(event(), leg("erp"), 3, failed(false, "HTTP 503 from https://erp"), "hub-a");

    DeliveryLeg erp = leg("erp");
    assertThat(erp.status()).isEqualTo(LegStatus.DEAD);
    assertThat(erp.nextAttemptAt()).isNull();
    assertThat(erp.lastError()).isEqualTo("Gave up after 3 attempts: HTTP 503 from https://erp");
    assertThat(ledger.attemptsOf(erp.id()))
        .extracting(DeliveryAttempt::outcome)
        .containsExactly("dead");
    assertThat(timed("erp", "dead")).isEqualTo(1);
    assertThat(timed("erp", "retry")).isZero();
    assertThat(published).containsExactly(new Dispatcher.LegDead("evt-1", "erp"));
  }

  @Test
  void aDeliveredLegKeepsTheReferenceItsDestinationAnswered() {
    LegAttempt.Result withReference =
        new LegAttempt.Result(
            LegAttempt.Outcome.DELIVERED, false, null, null, STARTED, TOOK, " ERP-4500012345 ");
    outcomes.record(event(), leg("erp"), 1, withReference, "hub-a");
    assertThat(leg("erp").reference()).isEqualTo("ERP-4500012345");
    assertThat(leg("crm").reference()).isNull();
    // delivered again (a forced replay) with an answer that names nothing: the reference stays
    outcomes.record(event(), leg("erp"), 1, delivered(null), "hub-a");
    assertThat(leg("erp").reference()).isEqualTo("ERP-4500012345");

    // at most the column's 200 characters
    LegAttempt.Result longOne =
        new LegAttempt.Result(
            LegAttempt.Outcome.DELIVERED, false, null, null, STARTED, TOOK, "R".repeat(250));
    outcomes.record(event(), leg("crm"), 1, longOne, "hub-a");
    assertThat(leg("crm").reference()).hasSize(200);
  }

  @Test
  void aFailureNeverUndoesADeliveredLeg() {
    outcomes.record(event(), leg("crm"), 1, delivered(null), "hub-a");
    DeliveryLeg stale = leg("crm");

    outcomes.record(event(), stale, 2, failed(false, "late failure"), "hub-b");

    assertThat(leg("crm").status()).isEqualTo(LegStatus.DELIVERED);
    assertThat(leg("crm").lastError()).isNull();
  }

  static DispatchEvent event() {
    return new DispatchEvent(
        "evt-1",
        com.ordercloudhub.hub.event.EventKind.POST,
        "order.submitted",
        "{}",
        STARTED,
        null,
        STARTED);
  }
}
