package com.ordercloudhub.hub.delivery;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Records what a leg's attempt came to: a delivered leg is never sent again (and {@link
 * Dispatcher.LegDelivered} is published); a failed one is retried on its destination's schedule, or
 * dead when the failure is permanent or the schedule is exhausted (and {@link Dispatcher.LegDead}
 * is published). Each outcome is timed in {@code hub.delivery.attempts} (by destination and
 * outcome: delivered, retry, dead) and logged.
 */
@Component
class LegOutcomes {

  // logged under the dispatcher's name, as before the split: log queries and dashboards use it
  private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

  /** Tries to record an outcome when the database fails, waiting 0.5 s, 1 s, 2 s, 4 s between. */
  static final int RECORD_TRIES = 5;

  static final Duration RECORD_BACKOFF = Duration.ofMillis(500);

  private final DeliveryProperties properties;
  private final DeliveryLedger ledger;
  private final MeterRegistry meters;
  private final ApplicationEventPublisher publisher;

  LegOutcomes(
      DeliveryProperties properties,
      DeliveryLedger ledger,
      MeterRegistry meters,
      ApplicationEventPublisher publisher) {
    this.properties = properties;
    this.ledger = ledger;
    this.meters = meters;
    this.publisher = publisher;
  }

  /**
   * @param number the attempt's number since the leg was (re)queued, 1 for the first
   * @param instance the hub instance that made it
   */
  void record(
      DispatchEvent event, DeliveryLeg leg, int number, LegAttempt.Result result, String instance) {
    long nanos = result.duration().toNanos();
    DeliveryLedger.Attempt attempt =
        new DeliveryLedger.Attempt(number, result.startedAt(), (int) (nanos / 1_000_000), instance);
    // the send has happened: a database that does not answer for a moment (no free connection,
    // a lost connection) must not leave the leg pending, to be sent a second time
    for (int tries = 1; ; tries++) {
      try {
        if (result.delivered()) {
          delivered(event, leg, attempt, result.note(), result.reference(), nanos);
        } else {
          failed(event, leg, attempt, result, nanos);
        }
        return;
      } catch (RuntimeException e) {
        if (tries >= RECORD_TRIES || !Dispatcher.databaseFailed(e)) {
          throw e;
        }
        log.warn(
            "Could not record leg {} of event {} ({}); trying again ({} of {})",
            leg.destination(),
            event.id(),
            e.toString(),
            tries + 1,
            RECORD_TRIES);
        LockSupport.parkNanos(RECORD_BACKOFF.toNanos() << (tries - 1));
      }
    }
  }

  private void delivered(
      DispatchEvent event,
      DeliveryLeg leg,
      DeliveryLedger.Attempt attempt,
      String note,
      String reference,
      long nanos) {
    ledger.delivered(leg, attempt, note, reference);
    publisher.publishEvent(new Dispatcher.LegDelivered(event.id(), leg.destination()));
    time(leg, "delivered", nanos);
    // one line per outcome, the destination's note in it
    log.info(
        "Leg {} of event {} ({}) delivered, attempt {}, {} ms{}",
        leg.destination(),
        event.id(),
        event.eventType(),
        attempt.number(),
        attempt.durationMs(),
        note == null ? "" : ": " + note);
  }

  private void failed(
      DispatchEvent event,
      DeliveryLeg leg,
      DeliveryLedger.Attempt attempt,
      LegAttempt.Result result,
      long nanos) {
    int number = attempt.number();
    Optional<Duration> delay =
        result.permanent()
            ? Optional.empty()
            : properties.scheduleFor(leg.destination()).delayAfter(number);
    String error =
        result.permanent() || delay.isPresent()
            ? result.message()
            : FailureClassifier.shorten(
                "Gave up after " + number + " attempts: " + result.message());
    ledger.failed(leg, attempt, error, delay.map(d -> attempt.finishedAt().plus(d)).orElse(null));
    if (delay.isEmpty()) {
      publisher.publishEvent(new Dispatcher.LegDead(event.id(), leg.destination()));
    }
    time(leg, delay.isPresent() ? "retry" : "dead", nanos);
    if (delay.isPresent()) {
      log.warn(
          "Leg {} of event {} ({}) failed, attempt {}, retrying in {}: {}",
          leg.destination(),
          event.id(),
          event.eventType(),
          number,
          delay.get(),
          error);
    } else {
      log.error(
          "Leg {} of event {} ({}) is dead after attempt {}: {}",
          leg.destination(),
          event.id(),
          event.eventType(),
          number,
          error);
    }
  }

  private void time(DeliveryLeg leg, String outcome, long nanos) {
    Timer.builder("hub.delivery.attempts")
        .description("Delivery attempts by destination and outcome")
        .tag("destination", leg.destination())
        .tag("outcome", outcome)
        .register(meters)
        .record(nanos, TimeUnit.NANOSECONDS);
  }
}
