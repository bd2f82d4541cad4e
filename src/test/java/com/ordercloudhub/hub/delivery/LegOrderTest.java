package com.ordercloudhub.hub.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.ordercloudhub.hub.config.SecretRule;
import com.ordercloudhub.hub.event.EventKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The ordering check against the real ledger on an in-memory H2 database (the hub's migrations):
 * which earlier legs and events make a leg wait, which hold it, and what releases it. The end to
 * end effects, on H2 and PostgreSQL, are in {@link OrderingContract}.
 */
class LegOrderTest {

  static final OffsetDateTime NOW =
      OffsetDateTime.ofInstant(Instant.parse("2026-03-01T10:15:30Z"), ZoneOffset.UTC);
  static final OffsetDateTime T1 = NOW.minusHours(3);
  static final OffsetDateTime T2 = NOW.minusHours(2);
  static final OffsetDateTime T3 = NOW.minusHours(1);
  static final String KEY = "order:SO-1";

  NamedParameterJdbcTemplate jdbc;
  DeliveryLedger ledger;
  LegOrder order;

  @BeforeEach
  void ledgerOnH2() {
    JdbcDataSource db = new JdbcDataSource();
    db.setURL(
        "jdbc:h2:mem:leg-order-"
            + System.nanoTime()
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
    db.setUser("sa");
    Flyway.configure().dataSource(db).load().migrate();
    jdbc = new NamedParameterJdbcTemplate(db);
    TransactionTemplate transactions =
        new TransactionTemplate(new DataSourceTransactionManager(db));
    Clock clock = Clock.fixed(NOW.toInstant(), ZoneOffset.UTC);
    ledger = new DeliveryLedger(jdbc, transactions, clock, SecretRule.defaults());
    order = new LegOrder(properties(Map.of()), jdbc, transactions, clock);
  }

  static DeliveryProperties properties(Map<String, DeliveryProperties.Destination> destinations) {
    return new DeliveryProperties(
        true,
        "hub-a",
        Duration.ofSeconds(1),
        50,
        8,
        0,
        Duration.ofMinutes(5),
        Duration.ofSeconds(30),
        List.of(Duration.ofSeconds(10)),
        destinations,
        Duration.ofMinutes(5),
        DeliveryProperties.Ordering.PER_KEY);
  }

  /** An event of the key at {@code date}, routed (its legs planned) to the destinations. */
  DispatchEvent routed(String id, OffsetDateTime date, String... destinations) {
    DispatchEvent event = stored(id, date, KEY);
    ledger.plan(
        id,
        java.util.Arrays.stream(destinations)
            .map(d -> new DeliveryLedger.PlannedLeg(d, null))
            .toList(),
        NOW,
        event.businessKey(),
        event.orderedAt());
    jdbc.update(
        "UPDATE hub_event SET routed_at = :now WHERE id = :id",
        new MapSqlParameterSource().addValue("id", id).addValue("now", NOW));
    return event;
  }

  DispatchEvent stored(String id, OffsetDateTime date, String key) {
    jdbc.update(
        "INSERT INTO hub_event (id, kind, event_type, dedupe_key, body_sha256, body_bytes,"
            + " occurred_at, received_at, payload, business_key)"
            + " VALUES (:id, 'post', 'order.updated', :id, 's', 2, :date, :now, '{}', :key)",
        new MapSqlParameterSource()
            .addValue("id", id)
            .addValue("date", date)
            .addValue("now", NOW)
            .addValue("key", key));
    return new DispatchEvent(id, EventKind.POST, "order.updated", "{}", NOW, date, null, key);
  }

  DeliveryLeg leg(String eventId, String destination) {
    return ledger.legsOf(eventId).stream()
        .filter(l -> l.destination().equals(destination))
        .findFirst()
        .orElseThrow();
  }

  void setStatus(String eventId, String destination, String status, OffsetDateTime next) {
    jdbc.update(
        "UPDATE hub_delivery_leg SET status = :status, next_attempt_at = :next"
            + " WHERE event_id = :event AND destination = :destination",
        new MapSqlParameterSource()
            .addValue("status", status)
            .addValue("next", next)
            .addValue("event", eventId)
            .addValue("destination", destination));
  }

  String heldBy(String eventId, String destination) {
    return jdbc.queryForObject(
        "SELECT held_by FROM hub_delivery_leg WHERE event_id = :e AND destination = :d",
        Map.of("e", eventId, "d", destination),
        String.class);
  }

  OffsetDateTime due(String eventId) {
    return jdbc.queryForObject(
        "SELECT dispatch_due_at FROM hub_event WHERE id = :id",
        Map.of("id", eventId),
        OffsetDateTime.class);
  }

  @Test
  void theEarliestLegOfAKeyGoesAndALaterOneWaitsJustAfterTheRetryingOne() {
    DispatchEvent first = routed("evt-1", T1, "erp", "database");
    DispatchEvent second = routed("evt-2", T2, "erp", "database");
    OffsetDateTime retryAt = NOW.plusMinutes(10);
    setStatus("evt-1", "erp", "retrying", retryAt);

    assertThat(order.clear(first, leg("evt-1", "erp"), NOW)).isTrue();
    assertThat(order.clear(second, leg("evt-2", "erp"), NOW)).isFalse();
    // another destination of the same key does not wait for the ERP
    assertThat(order.clear(second, leg("evt-2", "database"), NOW)).isFalse(); // evt-1's is pending
    setStatus("evt-1", "database", "delivered", null);
    assertThat(order.clear(second, leg("evt-2", "database"), NOW)).isTrue();

    DeliveryLeg waiting = leg("evt-2", "erp");
    assertThat(waiting.status()).isEqualTo(LegStatus.PENDING);
    assertThat(waiting.nextAttemptAt()).isEqualTo(retryAt.plusSeconds(1));
    assertThat(waiting.note())
        .isEqualTo("waiting behind retrying leg " + leg("evt-1", "erp").id() + " of event evt-1");
    assertThat(waiting.attempts()).isZero();
  }

  @Test
  void orderIsTheEventsDateNotItsArrivalAndSkippedOrDeliveredLegsDoNotBlock() {
    // stored second, but its Date is earlier: it goes first
    DispatchEvent late = routed("evt-b", T3, "erp");
    DispatchEvent early = routed("evt-a", T2, "erp");
    DispatchEvent earliest = routed("evt-c", T1, "erp");
    setStatus("evt-c", "erp", "skipped", null);

    assertThat(order.clear(early, leg("evt-a", "erp"), NOW)).isTrue();
    assertThat(order.clear(late, leg("evt-b", "erp"), NOW)).isFalse();
    setStatus("evt-a", "erp", "delivered", null);
    assertThat(order.clear(late, leg("evt-b", "erp"), NOW)).isTrue();
    assertThat(order.clear(earliest, leg("evt-c", "erp"), NOW)).isTrue();
  }

  @Test
  void otherKeysEventsWithoutAKeyAndDestinationsWithOrderingNoneDoNotWait() {
    routed("evt-1", T1, "erp", "email");
    DispatchEvent otherKey = stored("evt-2", T2, "order:SO-2");
    ledger.plan(
        "evt-2", List.of(new DeliveryLedger.PlannedLeg("erp", null)), NOW, "order:SO-2", T2);
    DispatchEvent noKey = stored("evt-3", T3, null);
    ledger.plan("evt-3", List.of(new DeliveryLedger.PlannedLeg("erp", null)), NOW, null, T3);
    DispatchEvent later = routed("evt-4", T3, "email");

    assertThat(order.clear(otherKey, leg("evt-2", "erp"), NOW)).isTrue();
    assertThat(order.clear(noKey, leg("evt-3", "erp"), NOW)).isTrue();
    assertThat(order.clear(later, leg("evt-4", "email"), NOW)).isFalse();

    LegOrder emailUnordered =
        new LegOrder(
            properties(
                Map.of(
                    "email",
                    new DeliveryProperties.Destination(null, DeliveryProperties.Ordering.NONE))),
            jdbc,
            new TransactionTemplate(
                new DataSourceTransactionManager(jdbc.getJdbcTemplate().getDataSource())),
            Clock.fixed(NOW.toInstant(), ZoneOffset.UTC));
    assertThat(emailUnordered.clear(later, leg("evt-4", "email"), NOW)).isTrue();
  }

  @Test
  void aLegWaitsWhileAnEarlierEventOfItsKeyIsNotRoutedYet() {
    stored("evt-1", T1, KEY); // received, its legs not planned yet
    DispatchEvent second = routed("evt-2", T2, "erp");
    DispatchEvent beforeIt = routed("evt-0", NOW.minusHours(4), "database");

    assertThat(order.clear(second, leg("evt-2", "erp"), NOW)).isFalse();
    assertThat(leg("evt-2", "erp").note())
        .isEqualTo("waiting for earlier event evt-1 to be routed");
    assertThat(leg("evt-2", "erp").nextAttemptAt()).isEqualTo(NOW.plusSeconds(1));
    // an event earlier than the unrouted one is not held up by it
    assertThat(order.clear(beforeIt, leg("evt-0", "database"), NOW)).isTrue();

    jdbc.update(
        "UPDATE hub_event SET routed_at = :now WHERE id = :id", Map.of("now", NOW, "id", "evt-1"));
    assertThat(order.clear(second, leg("evt-2", "erp"), NOW)).isTrue();
  }

  @Test
  void behindADeadLegALaterOneIsHeldAndOneBehindThatHeldByTheSameDeadLeg() {
    routed("evt-1", T1, "erp");
    DispatchEvent second = routed("evt-2", T2, "erp");
    DispatchEvent third = routed("evt-3", T3, "erp");
    setStatus("evt-1", "erp", "dead", null);
    String dead = leg("evt-1", "erp").id();

    assertThat(order.clear(second, leg("evt-2", "erp"), NOW)).isFalse();
    assertThat(order.clear(third, leg("evt-3", "erp"), NOW)).isFalse();

    for (String event : List.of("evt-2", "evt-3")) {
      DeliveryLeg held = leg(event, "erp");
      assertThat(held.status()).as(event).isEqualTo(LegStatus.HELD);
      assertThat(held.nextAttemptAt()).as(event).isNull();
      assertThat(held.note())
          .as(event)
          .isEqualTo("waiting behind dead leg " + dead + " of event evt-1");
      assertThat(heldBy(event, "erp")).as(event).isEqualTo(dead);
    }
  }

  @Test
  void releasingBehindAReplayedLegMakesItsHeldLegsAndTheirEventsDue() {
    routed("evt-1", T1, "erp");
    DispatchEvent second = routed("evt-2", T2, "erp");
    setStatus("evt-1", "erp", "dead", null);
    order.clear(second, leg("evt-2", "erp"), NOW);
    String dead = leg("evt-1", "erp").id();

    int released = order.releaseBehind("id = :id", new MapSqlParameterSource("id", dead), NOW);

    assertThat(released).isEqualTo(1);
    DeliveryLeg freed = leg("evt-2", "erp");
    assertThat(freed.status()).isEqualTo(LegStatus.PENDING);
    assertThat(freed.nextAttemptAt()).isEqualTo(NOW);
    assertThat(freed.note()).isNull();
    assertThat(heldBy("evt-2", "erp")).isNull();
    assertThat(due("evt-2")).isEqualTo(NOW);
  }

  @Test
  void heldLegsWhoseDeadLegIsNoLongerDeadAreReleasedByTheSweep() {
    routed("evt-1", T1, "erp");
    DispatchEvent second = routed("evt-2", T2, "erp");
    routed("evt-8", T1, "crm");
    DispatchEvent stillHeld = routed("evt-9", T2, "crm");
    setStatus("evt-1", "erp", "dead", null);
    setStatus("evt-8", "crm", "dead", null);
    order.clear(second, leg("evt-2", "erp"), NOW);
    order.clear(stillHeld, leg("evt-9", "crm"), NOW);

    assertThat(order.releaseFreed()).isZero();
    setStatus("evt-1", "erp", "delivered", null); // replayed and delivered meanwhile

    assertThat(order.releaseFreed()).isEqualTo(1);
    assertThat(leg("evt-2", "erp").status()).isEqualTo(LegStatus.PENDING);
    assertThat(due("evt-2")).isEqualTo(NOW);
    assertThat(leg("evt-9", "crm").status()).isEqualTo(LegStatus.HELD);
  }

  @Test
  void anOperatorReleasesOnlyAHeldLegWhichThenNoLongerWaits() {
    routed("evt-1", T1, "erp");
    DispatchEvent second = routed("evt-2", T2, "erp");
    setStatus("evt-1", "erp", "dead", null);
    order.clear(second, leg("evt-2", "erp"), NOW);

    assertThat(order.releaseByOperator(leg("evt-1", "erp").id()))
        .isEqualTo(LegOrder.Released.NOT_HELD);
    assertThat(order.releaseByOperator("no-such-leg")).isEqualTo(LegOrder.Released.NOT_FOUND);
    assertThat(order.releaseByOperator(leg("evt-2", "erp").id()))
        .isEqualTo(LegOrder.Released.RELEASED);

    assertThat(leg("evt-2", "erp").status()).isEqualTo(LegStatus.PENDING);
    assertThat(due("evt-2")).isEqualTo(NOW);
    // the dead leg is still dead, yet the released leg may go
    assertThat(order.clear(second, leg("evt-2", "erp"), NOW)).isTrue();
  }
}
