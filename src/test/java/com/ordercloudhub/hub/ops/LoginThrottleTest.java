package com.ordercloudhub.hub.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.ordercloudhub.hub.support.Fixtures;
import com.ordercloudhub.hub.support.HubClient;
import com.ordercloudhub.hub.support.HubTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.management.ManagementFactory;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * Guessing the ops password, from one address and from several (distinct loopback source
 * addresses), over Basic, the login form and health: refused with 429 after the configured count,
 * without a BCrypt run, and the right password works again after the lock. Short windows of its
 * own.
 */
@HubTest
@AutoConfigureObservability(tracing = false) // the password-check counter is read from metrics
@TestPropertySource(
    properties = {
      "hub.ops.login.max-failures=5",
      "hub.ops.login.user-max-failures=8",
      "hub.ops.login.window=4s",
      "hub.ops.login.lockout=4s",
      "hub.ops.login.max-lockout=8s",
      "hub.ops.login.cache-ttl=60s"
    })
class LoginThrottleTest {

  private static final Logger log = LoggerFactory.getLogger(LoginThrottleTest.class);
  static final String RIGHT = HubClient.basic(HubClient.OPS_USER, HubClient.OPS_PASSWORD);
  static final String WRONG = HubClient.basic(HubClient.OPS_USER, "guess");

  @LocalServerPort int port;
  @Autowired MeterRegistry meters;
  @Autowired ThrottledLogin logins;

  @BeforeEach
  void noFailuresLeftByAnotherTest() {
    // every test here guesses the same user name: its count must not run on into the next test
    logins.throttle().clear();
  }

  double passwordChecks() {
    return meters.get("hub.ops.password.checks").counter().count();
  }

  double logins(String outcome) {
    return meters.get("hub.ops.logins").tag("outcome", outcome).counter().count();
  }

  FromAddress from(String address) {
    return new FromAddress(address, port);
  }

  static FromAddress.Answer api(FromAddress client, String authorization) {
    return client.get("/api/events?size=1", Map.of("Authorization", authorization));
  }

  /** CPU time of the server's request threads (Tomcat's http-nio-*): no JIT, GC or test. */
  static long serverCpuNanos() {
    java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long sum = 0;
    for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null && info.getThreadName().startsWith("http-nio")) {
        sum += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
      }
    }
    return sum;
  }

  static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  @Test
  void fiftyWrongPasswordsFromOneAddressAreThrottledWithoutBCryptAndTheRightOneWorksLater() {
    FromAddress guesser = from("127.0.0.2");
    double checksBefore = passwordChecks();
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      statuses.add(api(guesser, WRONG).status());
    }
    long cpuBefore = processCpuNanos();
    long serverBefore = serverCpuNanos();
    long wallBefore = System.nanoTime();
    FromAddress.Answer refused = null;
    for (int i = 5; i < 50; i++) {
      refused = api(guesser, WRONG);
      statuses.add(refused.status());
    }
    long cpu = processCpuNanos() - cpuBefore;
    long server = serverCpuNanos() - serverBefore;
    long wall = System.nanoTime() - wallBefore;
    log.info(
        "45 refused guesses: process CPU {} ms in all, {} ms per refused attempt (server request"
            + " threads {} ms; {} ms wall each)",
        String.format("%.1f", cpu / 1e6),
        String.format("%.2f", cpu / 45 / 1e6),
        String.format("%.2f", server / 45 / 1e6),
        String.format("%.2f", wall / 45 / 1e6));

    assertThat(statuses.subList(0, 5)).containsOnly(401);
    assertThat(statuses.subList(5, 50)).containsOnly(429);
    assertThat(refused.header("Retry-After"))
        .hasValueSatisfying(s -> assertThat(Integer.parseInt(s)).isBetween(1, 4));
    JsonNode problem = Fixtures.json(refused.body().getBytes(StandardCharsets.UTF_8));
    assertThat(problem.get("status").asInt()).isEqualTo(429);
    assertThat(problem.get("error").asText()).isEqualTo("too_many_attempts");
    assertThat(refused.header("WWW-Authenticate")).isEmpty();
    // only the five counted guesses ran BCrypt; the right password is refused as well while locked
    assertThat(api(guesser, RIGHT).status()).isEqualTo(429);
    assertThat(passwordChecks() - checksBefore).isEqualTo(5);
    assertThat(logins("throttled")).isGreaterThanOrEqualTo(46);

    // the same once the refusal path is warm (JIT-compiled): what a long flood costs
    long warmCpuBefore = processCpuNanos();
    long warmServerBefore = serverCpuNanos();
    int refusedAgain = 0;
    for (int i = 0; i < 100; i++) {
      refusedAgain += api(guesser, WRONG).status() == 429 ? 1 : 0;
    }
    log.info(
        "100 more guesses, {} refused: process CPU {} ms per attempt, of which the server's"
            + " request threads {} ms",
        refusedAgain,
        String.format("%.2f", (processCpuNanos() - warmCpuBefore) / 100 / 1e6),
        String.format("%.2f", (serverCpuNanos() - warmServerBefore) / 100 / 1e6));

    // for comparison: the cheapest refusal of all, a call without credentials (plain 401)
    FromAddress anonymous = from("127.0.0.11");
    long floorCpuBefore = processCpuNanos();
    long floorServerBefore = serverCpuNanos();
    for (int i = 0; i < 100; i++) {
      anonymous.get("/api/events?size=1", Map.of());
    }
    log.info(
        "100 calls without credentials (the floor): process CPU {} ms per call, server request"
            + " threads {} ms",
        String.format("%.2f", (processCpuNanos() - floorCpuBefore) / 100 / 1e6),
        String.format("%.2f", (serverCpuNanos() - floorServerBefore) / 100 / 1e6));

    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(250))
        .until(() -> api(guesser, RIGHT).status() == 200);
  }

  @Test
  void theLoginFormIsThrottledTheSameWay() {
    FromAddress guesser = from("127.0.0.3");
    double checksBefore = passwordChecks();
    List<FromAddress.Answer> answers = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      answers.add(formLogin(guesser, "guess"));
    }

    assertThat(answers.subList(0, 5))
        .allSatisfy(
            a -> {
              assertThat(a.status()).isEqualTo(302);
              assertThat(a.header("Location"))
                  .hasValueSatisfying(l -> assertThat(l).endsWith("/login?error"));
            });
    assertThat(answers.subList(5, 10))
        .allSatisfy(
            a -> {
              assertThat(a.status()).isEqualTo(429);
              assertThat(a.header("Retry-After")).isPresent();
              assertThat(a.body()).contains("\"error\":\"too_many_attempts\"");
            });
    assertThat(passwordChecks() - checksBefore).isEqualTo(5);

    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(250))
        .untilAsserted(
            () -> {
              FromAddress.Answer in = formLogin(guesser, HubClient.OPS_PASSWORD);
              assertThat(in.status()).isEqualTo(302);
              assertThat(in.header("Location"))
                  .hasValueSatisfying(l -> assertThat(l).doesNotContain("error"));
            });
  }

  @Test
  void guessesSpreadOverAddressesLockTheUserForNewAddressesButNotForOneThatLoggedInBefore() {
    FromAddress operator = from("127.0.0.7");
    // the operator's script logged in from here before
    assertThat(api(operator, RIGHT).status()).isEqualTo(200);
    double checksBefore = passwordChecks();
    List<Integer> statuses = new ArrayList<>();
    for (String address : List.of("127.0.0.4", "127.0.0.5", "127.0.0.6")) {
      for (int i = 0; i < 3; i++) {
        statuses.add(api(from(address), WRONG).status()); // under the per-address limit of 5
      }
    }

    // the eighth failure locked the name: the ninth is refused
    assertThat(statuses.subList(0, 8)).containsOnly(401);
    assertThat(statuses.get(8)).isEqualTo(429);
    // a new address is refused even with the right password, without BCrypt (a header not
    // verified before: a verified one would pass from the cache, as it proved the password)
    FromAddress.Answer newcomer = api(from("127.0.0.8"), "BAsic " + RIGHT.substring(6));
    assertThat(newcomer.status()).isEqualTo(429);
    assertThat(passwordChecks() - checksBefore).isEqualTo(8);
    // the address that logged in before still gets in (a fresh header, so a real check)
    assertThat(api(operator, "basic " + RIGHT.substring(6)).status()).isEqualTo(200);
    assertThat(passwordChecks() - checksBefore).isEqualTo(9);

    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(250))
        .until(() -> api(from("127.0.0.8"), "BAsic " + RIGHT.substring(6)).status() == 200);
  }

  @Test
  void aScriptPollingTheApiPaysOneBCryptForManyCalls() {
    FromAddress script = from("127.0.0.9");
    String header = "BASIC " + RIGHT.substring(6); // a header no other test sent
    double checksBefore = passwordChecks();
    double cachedBefore = logins("cached");

    for (int i = 0; i < 20; i++) {
      assertThat(api(script, header).status()).isEqualTo(200);
    }

    assertThat(passwordChecks() - checksBefore).isEqualTo(1);
    assertThat(logins("cached") - cachedBefore).isEqualTo(19);
  }

  @Test
  void healthIsOpenWhateverTheCredentialsAndItsPasswordChecksAreThrottledToo() {
    FromAddress probe = from("127.0.0.10");
    double checksBefore = passwordChecks();
    for (int i = 0; i < 8; i++) {
      FromAddress.Answer health =
          probe.get("/actuator/health", Map.of("Authorization", HubClient.basic("old", "stale")));
      assertThat(health.status()).isEqualTo(200);
      assertThat(health.header("WWW-Authenticate")).isEmpty();
      assertThat(health.body()).contains("\"status\":\"UP\"").doesNotContain("components");
    }
    assertThat(probe.get("/actuator/health/readiness", Map.of("Authorization", WRONG)).status())
        .isEqualTo(200);
    // locked: even the right password only sees the public view, and costs no BCrypt
    FromAddress.Answer locked =
        probe.get("/actuator/health", Map.of("Authorization", "BaSic " + RIGHT.substring(6)));
    assertThat(locked.body()).doesNotContain("components");
    assertThat(locked.status()).isEqualTo(200);
    assertThat(passwordChecks() - checksBefore).isEqualTo(5);

    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(250))
        .untilAsserted(
            () ->
                assertThat(
                        probe
                            .get(
                                "/actuator/health",
                                Map.of("Authorization", "bAsic " + RIGHT.substring(6)))
                            .body())
                    .contains("components"));
  }

  /** The login form as a browser fills it: the CSRF token from /login, then the POST. */
  static FromAddress.Answer formLogin(FromAddress client, String password) {
    FromAddress.Answer page = client.get("/login", Map.of("Accept", "text/html"));
    Matcher token =
        Pattern.compile(
                "name=\"_csrf\" type=\"hidden\" value=\"([^\"]+)\"|name=\"_csrf\" value=\"([^\"]+)\"")
            .matcher(page.body());
    assertThat(token.find()).as(page.body()).isTrue();
    String value = token.group(1) != null ? token.group(1) : token.group(2);
    String cookies =
        String.join("; ", page.all("Set-Cookie").stream().map(c -> c.split(";", 2)[0]).toList());
    return client.send(
        "POST",
        "/login",
        Map.of(
            "Content-Type", "application/x-www-form-urlencoded",
            "Cookie", cookies,
            "Accept", "text/html"),
        "username="
            + HubClient.OPS_USER
            + "&password="
            + URLEncoder.encode(password, StandardCharsets.UTF_8)
            + "&_csrf="
            + URLEncoder.encode(value, StandardCharsets.UTF_8));
  }
}
