package com.ordercloudhub.bench;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.core.CoreDsl.substring;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Open-model load on one hub endpoint: a constant arrival rate (each arrival is a new virtual user
 * that sends one signed call, whatever the hub's answers so far), first a warm-up whose calls are
 * named {@code warmup}, then the measured phase, named {@code measured}: bench/run.sh reads only
 * the latter from Gatling's stats.
 *
 * <p>System properties: {@code bench.scenario} (baseline, bare, intake, prehook, fill, guess),
 * {@code bench.url}, {@code bench.rate} (calls per second), {@code bench.events} and {@code
 * bench.senders} (fill only), {@code bench.warmup} and {@code bench.duration} (seconds), {@code
 * bench.fixtures} (folder of the shared fixtures), {@code bench.key} (the hash key the hub
 * accepts); for guess: {@code bench.rate} guesses per second, or 0 and {@code bench.senders}
 * guessing clients in a closed loop, {@code bench.user} the user name they try, {@code
 * bench.addresses} comma-separated loopback addresses they send from (round robin).
 */
public class HubSimulation extends Simulation {

  private enum Kind {
    // the trivial route of bench/routes/: same server, filters, security and workers, no work
    baseline("/webhooks/bench/baseline", "webhook-post-order-submit", 202, "\"ok\":true"),
    // the bare reference app (bench/bare/): the post-hook path on Spring Boot and Camel alone
    bare("/webhooks/ordercloud/post", "webhook-post-order-submit", 202, "\"ok\":true"),
    // signed order.submitted post-hooks, each stored before the 202
    intake("/webhooks/ordercloud/post", "webhook-post-order-submit", 202, "\"duplicate\":false"),
    // the same, to fill the store for the drain: a closed loop of bench.senders senders,
    // bench.events
    // calls in all, each sender waiting for its answer (the drain needs the events, not a rate)
    fill("/webhooks/ordercloud/post", "webhook-post-order-submit", 202, "\"duplicate\":false"),
    // signed address pre-hooks: the built-in address checks, answered within the budget
    prehook("/webhooks/ordercloud/pre", "webhook-pre-address-save", 200, "\"proceed\":true"),
    // a password-guessing flood on the ops API: a closed loop of bench.senders clients, each
    // sending
    // the next wrong password as soon as the last one is answered (refused: 401, or 429 once
    // throttled)
    guess("/api/events", "webhook-post-order-submit", 401, "\"status\"");

    final String path;
    final String fixture;
    final int status;
    final String answer;

    Kind(String path, String fixture, int status, String answer) {
      this.path = path;
      this.fixture = fixture;
      this.status = status;
      this.answer = answer;
    }
  }

  private static final String FIXTURE_ORDER_ID = "SO-100234";

  {
    Kind kind = Kind.valueOf(System.getProperty("bench.scenario", "intake"));
    double rate = Double.parseDouble(System.getProperty("bench.rate", "100"));
    long warmup = Long.parseLong(System.getProperty("bench.warmup", "5"));
    long duration = Long.parseLong(System.getProperty("bench.duration", "20"));
    SignedCalls calls =
        new SignedCalls(
            Path.of(System.getProperty("bench.fixtures", "../src/test/resources/fixtures")),
            kind.fixture,
            kind.fixture.contains("order-submit") ? FIXTURE_ORDER_ID : null,
            System.getProperty("bench.key", "bench-hash-key"));

    HttpProtocolBuilder protocol =
        http.baseUrl(System.getProperty("bench.url", "http://127.0.0.1:8080"))
            .contentTypeHeader("application/json")
            .acceptHeader("application/json")
            // one keep-alive pool for all arrivals, as a webhook sender keeps its connections
            .shareConnections()
            .disableWarmUp()
            .disableCaching();

    if (kind == Kind.guess) {
      guessFlood(protocol, rate, warmup + duration);
    } else if (kind == Kind.fill) {
      int senders = Integer.parseInt(System.getProperty("bench.senders", "16"));
      int events = Integer.parseInt(System.getProperty("bench.events", "10000"));
      ScenarioBuilder fill =
          scenario("measured")
              .repeat(Math.max(1, events / senders))
              .on(sign(calls), call("measured", kind, calls));
      setUp(fill.injectOpen(atOnceUsers(senders))).protocols(protocol);
    } else {
      openLoad(kind, calls, protocol, rate, warmup, duration);
    }
  }

  /**
   * Wrong passwords for {@code seconds}, from the given loopback addresses: {@code rate} new
   * guessers a second (open model), or with rate 0 a closed loop of {@code bench.senders} clients,
   * each guessing again as soon as it is answered. Every guess is a new password, so no cache of a
   * good login can answer it.
   */
  private void guessFlood(HttpProtocolBuilder protocol, double rate, long seconds) {
    int senders = Integer.parseInt(System.getProperty("bench.senders", "16"));
    String user = System.getProperty("bench.user", "bench");
    String addresses = System.getProperty("bench.addresses", "");
    HttpProtocolBuilder from =
        addresses.isBlank() ? protocol : protocol.localAddresses(List.of(addresses.split(",")));
    AtomicLong guesses = new AtomicLong();
    ChainBuilder oneGuess =
        exec(session -> {
              String credentials = user + ":wrong-" + guesses.incrementAndGet();
              return session.set(
                  "authorization",
                  "Basic "
                      + Base64.getEncoder()
                          .encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
            })
            .exec(
                http("guess")
                    .get(Kind.guess.path)
                    .header("Authorization", session -> session.getString("authorization"))
                    // refused: 401 (checked, wrong), 429 (locked out), 503 (no BCrypt permit free)
                    .check(status().in(401, 429, 503)));
    if (rate > 0) {
      setUp(
              scenario("guess")
                  .exec(oneGuess)
                  .injectOpen(constantUsersPerSec(rate).during(Duration.ofSeconds(seconds))))
          .protocols(from);
    } else {
      setUp(
              scenario("guess")
                  .during(Duration.ofSeconds(seconds))
                  .on(oneGuess)
                  .injectOpen(atOnceUsers(senders)))
          .protocols(from);
    }
  }

  /** The open model: warm-up, then the measured phase, at the same constant arrival rate. */
  private void openLoad(
      Kind kind,
      SignedCalls calls,
      HttpProtocolBuilder protocol,
      double rate,
      long warmup,
      long duration) {
    ScenarioBuilder measured =
        scenario("measured").exec(sign(calls), call("measured", kind, calls));
    PopulationBuilder measuredLoad =
        measured.injectOpen(constantUsersPerSec(rate).during(Duration.ofSeconds(duration)));
    if (warmup > 0) {
      ScenarioBuilder warm = scenario("warmup").exec(sign(calls), call("warmup", kind, calls));
      setUp(
              warm.injectOpen(constantUsersPerSec(rate).during(Duration.ofSeconds(warmup)))
                  .andThen(measuredLoad))
          .protocols(protocol);
    } else {
      setUp(measuredLoad).protocols(protocol);
    }
  }

  /** A fresh body and its signature in the session, read by {@link #call}. */
  private static ChainBuilder sign(SignedCalls calls) {
    return exec(
        session -> {
          SignedCalls.Call next = calls.next();
          return session.set("body", next.body()).set("signature", next.signature());
        });
  }

  private static HttpRequestActionBuilder call(String name, Kind kind, SignedCalls calls) {
    return http(name)
        .post(kind.path)
        .header("X-oc-hash", session -> session.getString("signature"))
        .body(StringBody(session -> session.getString("body")))
        .check(status().is(kind.status), substring(kind.answer));
  }
}
