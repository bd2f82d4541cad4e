package com.ordercloudhub.hub.prehook;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ordercloudhub.hub.delivery.DryRun;
import com.ordercloudhub.hub.delivery.OutboundHttp;
import com.ordercloudhub.hub.event.ReceivedEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;

/**
 * Decides a pre-hook within its budget. The event type's route, {@code prehook-<type>} in
 * routes/prehooks/ (e.g. {@code prehook-address-saved}), composes the checks; an event type without
 * one proceeds. The route runs on a separate worker; when it has not finished as the budget runs
 * out, or fails, the event type's policy answers instead: fail-open proceeds (and the recorded
 * decision says it was not checked), fail-closed blocks and asks the shopper to retry. A dry run
 * decides the same way ({@link Mode}), its route run at once and nothing measured.
 */
@Component("preHooks")
public class PreHooks {

  private static final Logger log = LoggerFactory.getLogger(PreHooks.class);

  /** The exchange property holding the time from arrival to decision, in ms (for the record). */
  static final String ELAPSED_MS = "hubPreHookElapsedMs";

  static final String RETRY_MESSAGE =
      "We could not check this right now. Please try again in a moment.";

  private final CamelContext camel;
  private final ProducerTemplate producer;
  private final PreHookProperties properties;
  private final ThreadPoolTaskExecutor checks;
  private final MeterRegistry meters;

  public PreHooks(
      CamelContext camel,
      ProducerTemplate producer,
      PreHookProperties properties,
      @Qualifier("preHookChecks") ThreadPoolTaskExecutor checks,
      MeterRegistry meters) {
    this.camel = camel;
    this.producer = producer;
    this.properties = properties;
    this.checks = checks;
    this.meters = meters;
  }

  /** The route that decides this event type, or null when none does. */
  String routeFor(String eventType) {
    String id = "prehook-" + PreHookProperties.dashed(eventType);
    return camel.getRoute(id) != null ? id : null;
  }

  /** The route's first step: keeps when the pre-hook reached the hub, for its budget. */
  public void arrived(Exchange exchange) {
    PreHookClock.keepArrival(exchange);
  }

  /**
   * What differs between answering OrderCloud and a dry run ({@code POST /api/simulate}); the
   * decision itself is made the same way.
   */
  enum Mode {
    /** OrderCloud waits: the route runs on a check worker within the budget, and is measured. */
    ANSWER,
    /** The route runs at once on the caller's thread: no budget, no metrics, no log line. */
    DRY_RUN
  }

  /** The pre-hook route's decision ({@code prehook-decide}), within the event's budget. */
  public PreHookDecision decide(Exchange exchange) {
    return decideAs(exchange, Mode.ANSWER);
  }

  /**
   * What the pre-hook rules decide for this event, for a dry run, on an exchange flagged with
   * {@code run}: checks that would call out (the order read with the UserToken, the address
   * service, the ERP) are listed as not checked, and the decision follows from the local ones. A
   * route that fails is answered by the event's policy. Nothing is recorded.
   */
  public PreHookDecision dryRun(ReceivedEvent event, DryRun run) {
    Exchange exchange = new DefaultExchange(camel);
    exchange.getMessage().setBody(event);
    run.flag(exchange);
    return decideAs(exchange, Mode.DRY_RUN);
  }

  /**
   * The one decision: the event type's route, if it has one, composes the checks. Private and not
   * an overload of {@code decide}: Camel's bean binding would find the two ambiguous.
   */
  private PreHookDecision decideAs(Exchange exchange, Mode mode) {
    String type = exchange.getMessage().getBody(ReceivedEvent.class).eventType();
    String route = routeFor(type);
    PreHookDecision decision = route == null ? noRules(type) : check(exchange, type, route, mode);
    if (mode == Mode.ANSWER) {
      measure(exchange, type, decision);
    }
    return decision;
  }

  private static PreHookDecision noRules(String type) {
    return new PreHookDecision(
        true,
        null,
        List.of(new PreHookDecision.Check("no-rules", "skipped", "no pre-hook rules for " + type)));
  }

  /** Runs the route on a copy of the exchange; the checks add what they find to its findings. */
  private PreHookDecision check(Exchange exchange, String type, String route, Mode mode) {
    PreHookFindings findings = new PreHookFindings();
    Exchange work = exchange.copy();
    work.setProperty(PreHookFindings.PROPERTY, findings);
    Ran ran =
        mode == Mode.ANSWER
            ? withinBudget(exchange, type, route, work)
            : new Ran(producer.send("direct:" + route, work), null);
    if (ran.unfinished() != null) {
      return unfinished(type, findings, ran.unfinished());
    }
    if (ran.done().getException() != null) {
      return unfinished(type, findings, "not checked: " + ran.done().getException().getMessage());
    }
    return findings.conclude(defaultMessage(type));
  }

  /**
   * @param done the exchange the route finished, or null
   * @param unfinished why the route did not finish, or null
   */
  private record Ran(Exchange done, String unfinished) {}

  /** The route on a check worker, waited for until the budget (less the answer margin) runs out. */
  private Ran withinBudget(Exchange exchange, String type, String route, Exchange work) {
    Duration budget = properties.budgetFor(type);
    long remaining =
        budget.toMillis() - PreHookClock.elapsedMs(exchange) - properties.answerMargin().toMillis();
    // the checks' own calls wait no longer than the budget either, so they free their worker with
    // it
    work.setProperty(
        OutboundHttp.DEADLINE, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(remaining));
    Future<Exchange> running;
    try {
      running = checks.submit(() -> producer.send("direct:" + route, work));
    } catch (RejectedExecutionException e) {
      return new Ran(null, "not checked: every check worker is busy");
    }
    try {
      Exchange done = running.get(Math.max(1, remaining), TimeUnit.MILLISECONDS);
      if (done.getException() != null) {
        log.warn("Pre-hook checks for {} failed: {}", type, done.getException().toString());
      }
      return new Ran(done, null);
    } catch (TimeoutException e) {
      running.cancel(true);
      log.warn("Pre-hook checks for {} did not finish within {}", type, budget);
      return new Ran(null, "not checked: no answer within " + budget.toMillis() + " ms");
    } catch (ExecutionException e) {
      return new Ran(null, "not checked: " + e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Ran(null, "not checked: interrupted");
    }
  }

  /** The decision's latency (for the record too) and outcome, by event type. */
  private void measure(Exchange exchange, String type, PreHookDecision decision) {
    long elapsed = PreHookClock.elapsedMs(exchange);
    exchange.setProperty(ELAPSED_MS, elapsed);
    Timer.builder("hub.prehook.latency")
        .description("Time from receiving a pre-hook to its decision")
        .tag("event", type)
        .publishPercentileHistogram()
        .register(meters)
        .record(elapsed, TimeUnit.MILLISECONDS);
    Counter.builder("hub.prehook.decisions")
        .description("Pre-hook decisions by event type and outcome")
        .tag("event", type)
        .tag("outcome", outcome(decision))
        .register(meters)
        .increment();
  }

  /** The policy's answer when the checks could not finish. */
  private PreHookDecision unfinished(String type, PreHookFindings findings, String why) {
    List<PreHookDecision.Check> checks = new ArrayList<>(findings.checks());
    checks.add(new PreHookDecision.Check("deadline", "unchecked", why));
    if (properties.policyFor(type) == PreHookProperties.Policy.FAIL_CLOSED) {
      ObjectNode body = JsonNodeFactory.instance.objectNode();
      body.put("message", RETRY_MESSAGE);
      body.putArray("errors");
      body.put("retry", true);
      return new PreHookDecision(false, body, checks);
    }
    return new PreHookDecision(true, null, checks);
  }

  static String outcome(PreHookDecision decision) {
    boolean unchecked = decision.checks().stream().anyMatch(c -> "unchecked".equals(c.outcome()));
    if (unchecked) {
      return decision.proceed() ? "proceed-unchecked" : "block-unchecked";
    }
    return decision.proceed() ? "proceed" : "block";
  }

  private static String defaultMessage(String type) {
    return switch (type) {
      case "address.saved" -> "The address could not be accepted";
      case "order.submitted" -> "The order cannot be submitted";
      case "user.created" -> "The user cannot be created";
      default -> "The request was refused";
    };
  }
}
