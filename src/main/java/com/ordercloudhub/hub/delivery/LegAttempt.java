package com.ordercloudhub.hub.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * One attempt of one leg through its destination route ({@code
 * direct:<destination>-deliver-event}), the same for a delivery and for a dry run: the exchange is
 * built, sent and timed, the leg's note read and a failure classified. It records nothing; the
 * dispatcher records the result in the ledger ({@link LegOutcomes}), a dry run returns it.
 */
@Component
public class LegAttempt {

  private static final Logger log = LoggerFactory.getLogger(LegAttempt.class);

  private final DeliveryExchanges exchanges;
  private final ProducerTemplate producer;
  private final FailureClassifier classifier;
  private final Clock clock;
  private final ObjectProvider<LegReferences> references;

  /** The readers, looked up at the first delivered leg (the bean factory's search is not free). */
  private volatile List<LegReferences> readers;

  public LegAttempt(
      DeliveryExchanges exchanges,
      ProducerTemplate producer,
      FailureClassifier classifier,
      Clock clock) {
    this(exchanges, producer, classifier, clock, null);
  }

  /**
   * @param references read what a destination answered into the leg's reference (none, or null: no
   *     references)
   */
  @Autowired
  public LegAttempt(
      DeliveryExchanges exchanges,
      ProducerTemplate producer,
      FailureClassifier classifier,
      Clock clock,
      ObjectProvider<LegReferences> references) {
    this.exchanges = exchanges;
    this.producer = producer;
    this.classifier = classifier;
    this.clock = clock;
    this.references = references;
  }

  public enum Outcome {
    DELIVERED,
    FAILED
  }

  /**
   * What one attempt came to.
   *
   * @param permanent for a failure: retrying cannot help
   * @param message for a failure: a short description without secrets, or null when delivered
   * @param note what the destination noted about the leg ({@link DeliveryExchanges#LEG_NOTE}), or
   *     null
   * @param startedAt when the attempt began, by the hub's clock
   * @param duration how long the destination route took
   * @param reference for a delivered leg: what the destination answered that names its record
   *     ({@link LegReferences}), or null
   */
  public record Result(
      Outcome outcome,
      boolean permanent,
      String message,
      String note,
      OffsetDateTime startedAt,
      Duration duration,
      String reference) {

    /** A result without a reference. */
    public Result(
        Outcome outcome,
        boolean permanent,
        String message,
        String note,
        OffsetDateTime startedAt,
        Duration duration) {
      this(outcome, permanent, message, note, startedAt, duration, null);
    }

    public boolean delivered() {
      return outcome == Outcome.DELIVERED;
    }
  }

  /** Attempts a planned leg for real; {@code number} is 1 for its first attempt. */
  public Result attempt(DispatchEvent event, DeliveryLeg leg, int number) {
    return send(event, leg, number, null);
  }

  /**
   * A first attempt of a leg that was never planned (no ledger row), on an exchange flagged as a
   * dry run: what would leave the hub is recorded in {@code run} instead of sent.
   */
  public Result dryRun(DispatchEvent event, String destination, DryRun run) {
    DeliveryLeg unplanned =
        new DeliveryLeg(
            null,
            event.id(),
            destination,
            LegStatus.PENDING,
            0,
            null,
            null,
            DeliveryLedger.idempotencyKey(event.id(), destination),
            null,
            null,
            null,
            null);
    return send(event, unplanned, 1, run);
  }

  private Result send(DispatchEvent event, DeliveryLeg leg, int number, DryRun run) {
    OffsetDateTime started = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    long t0 = System.nanoTime();
    Exchange exchange = exchanges.forLeg(event, leg, number);
    if (run != null) {
      run.flag(exchange);
    }
    Exchange done = producer.send(DeliveryPlan.endpointOf(leg.destination()), exchange);
    Duration took = Duration.ofNanos(System.nanoTime() - t0);
    String note = done.getProperty(DeliveryExchanges.LEG_NOTE, String.class);
    Exception failure = done.getException();
    if (failure == null) {
      String reference = run == null ? reference(leg, done) : null;
      return new Result(Outcome.DELIVERED, false, null, note, started, took, reference);
    }
    FailureClassifier.Failure classified = classifier.classify(failure, done);
    return new Result(
        Outcome.FAILED, classified.permanent(), classified.message(), note, started, took);
  }

  /** The first reference found in the answer; a failing reader leaves the leg delivered. */
  private String reference(DeliveryLeg leg, Exchange done) {
    if (references == null) {
      return null;
    }
    List<LegReferences> all = readers;
    if (all == null) {
      all = references.stream().toList();
      readers = all;
    }
    for (LegReferences reader : all) {
      try {
        String found = reader.capture(leg, done);
        if (found != null) {
          return found;
        }
      } catch (RuntimeException e) {
        log.warn("No reference read for leg {}: {}", leg.destination(), e.toString());
      }
    }
    return null;
  }
}
