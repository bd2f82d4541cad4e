package com.ordercloudhub.hub.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.ordercloudhub.hub.support.DeliveryTest;
import com.ordercloudhub.hub.support.HubClient;
import com.ordercloudhub.hub.support.Legs;
import com.ordercloudhub.hub.support.TestDestination;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * No ambient authority: every state-changing path under /api and /ops (read from Spring's own
 * mappings, so a new endpoint is covered without editing this test) and Jolokia refuse what a page
 * on another site can make the operator's browser send (cached Basic with a foreign Origin, a form
 * post with Basic, the session cookie without the CSRF token), and nothing changes; the same call
 * made the way scripts and the hub's own pages make it still works.
 */
@DeliveryTest
class CrossSiteRequestTest {

  static final TestDestination destination = TestDestination.start();
  static final String EVIL = "https://evil.example";
  static final String BASIC = HubClient.basic(HubClient.OPS_USER, HubClient.OPS_PASSWORD);
  static final Set<RequestMethod> STATE_CHANGING =
      Set.of(RequestMethod.POST, RequestMethod.PUT, RequestMethod.PATCH, RequestMethod.DELETE);

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mappings;

  FromAddress browser;

  @DynamicPropertySource
  static void destinationUrl(DynamicPropertyRegistry registry) {
    registry.add("hub.test.destination-url", destination::url);
  }

  @AfterAll
  static void stop() {
    destination.close();
  }

  @BeforeEach
  void connect() {
    browser = new FromAddress("127.0.0.1", port);
  }

  String own() {
    return "http://127.0.0.1:" + port;
  }

  /** A state-changing call: method and a concrete path. */
  record Call(String method, String path) {}

  /** Every state-changing /api and /ops mapping, with ids filled in, plus a Jolokia POST. */
  List<Call> stateChangingCalls(String eventId, String legId) {
    List<Call> calls = new ArrayList<>();
    for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
      Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
      List<RequestMethod> changing =
          methods.isEmpty()
              ? List.of(RequestMethod.POST) // any method: POST stands for the others
              : methods.stream().filter(STATE_CHANGING::contains).toList();
      for (String pattern : info.getPatternValues()) {
        if (pattern.startsWith("/api/") || pattern.startsWith("/ops/") || pattern.equals("/ops")) {
          for (RequestMethod method : changing) {
            calls.add(new Call(method.name(), concrete(pattern, eventId, legId) + "?force=true"));
          }
        }
      }
    }
    calls.add(new Call("POST", "/actuator/jolokia"));
    return calls;
  }

  /** {id} after "events" is the event, after "legs" or "deliveries" the leg. */
  static String concrete(String pattern, String eventId, String legId) {
    String[] segments = pattern.split("/");
    for (int i = 1; i < segments.length; i++) {
      if (segments[i].startsWith("{")) {
        segments[i] = segments[i - 1].equals("events") ? eventId : legId;
      }
    }
    return String.join("/", segments);
  }

  static String body(Call call) {
    return call.path().startsWith("/actuator/jolokia")
        ? "{\"type\":\"read\",\"mbean\":\"org.apache.camel:context=*,type=routes,name=*\","
            + "\"attribute\":\"RouteId\"}"
        : "{}";
  }

  FromAddress.Answer call(Call call, Map<String, String> headers, String body) {
    return browser.send(call.method(), call.path(), headers, body);
  }

  static Map<String, String> headers(String... pairs) {
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      headers.put(pairs[i], pairs[i + 1]);
    }
    return headers;
  }

  /** A dead leg of a fresh event: what a forged replay would re-send. */
  String[] deadLeg() {
    destination.answer(key -> 422);
    String eventId = new HubClient(port).postTestDelivery();
    new Legs(jdbc).awaitStatus(eventId, "test-http", "dead");
    String legId =
        jdbc.queryForObject(
            "SELECT id FROM hub_delivery_leg WHERE event_id = ?", String.class, eventId);
    return new String[] {eventId, legId};
  }

  /** The session cookie of an operator logged in through the form. */
  String session() {
    FromAddress.Answer login = LoginThrottleTest.formLogin(browser, HubClient.OPS_PASSWORD);
    assertThat(login.status()).isEqualTo(302);
    return login.all("Set-Cookie").stream()
        .filter(c -> c.startsWith("JSESSIONID="))
        .map(c -> c.split(";", 2)[0])
        .findFirst()
        .orElseThrow();
  }

  @Test
  void everyStateChangingPathRefusesWhatAnotherSiteCanSendAndChangesNothing() {
    String[] dead = deadLeg();
    String eventId = dead[0];
    String legId = dead[1];
    Map<String, Object> before = new Legs(jdbc).of(eventId, "test-http");
    int received = destination.received().size();
    String session = session();
    List<Call> calls = stateChangingCalls(eventId, legId);
    assertThat(calls)
        .extracting(Call::path)
        .anyMatch(p -> p.startsWith("/api/deliveries/" + legId + "/replay"))
        .anyMatch(p -> p.startsWith("/api/deliveries/replay"))
        .anyMatch(p -> p.startsWith("/api/events/" + eventId + "/replay"))
        .anyMatch(p -> p.startsWith("/ops/legs/" + legId + "/replay"))
        .anyMatch(p -> p.startsWith("/api/deliveries/" + legId + "/release"))
        .anyMatch(p -> p.startsWith("/ops/legs/" + legId + "/release"))
        .anyMatch(p -> p.startsWith("/ops/events/" + eventId + "/replay"))
        .anyMatch(p -> p.startsWith("/ops/deliveries/replay"))
        .anyMatch(p -> p.startsWith("/api/simulate"));

    for (Call call : calls) {
      // (a) a plain HTML form on another site, the browser adding cached Basic credentials
      FromAddress.Answer form =
          call(
              call,
              headers(
                  "Authorization", BASIC,
                  "Origin", EVIL,
                  "Content-Type", "application/x-www-form-urlencoded"),
              "force=true");
      assertThat(form.status()).as("form post from another site: %s", call).isEqualTo(403);
      assertThat(form.body()).as("%s", call).contains("\"error\":\"cross_site_request\"");
      // (b) fetch() from another site with JSON and cached Basic
      FromAddress.Answer fetch =
          call(
              call,
              headers("Authorization", BASIC, "Origin", EVIL, "Content-Type", "application/json"),
              body(call));
      assertThat(fetch.status()).as("fetch from another site: %s", call).isEqualTo(403);
      // a form post with Basic and no Origin at all (a same-origin form with cached Basic)
      FromAddress.Answer plainForm =
          call(call, headers("Authorization", BASIC, "Content-Type", "text/plain"), "{}");
      assertThat(plainForm.status()).as("form-type body with Basic: %s", call).isEqualTo(403);
      // the browser's own word for it, and a foreign Referer
      assertThat(
              call(
                      call,
                      headers(
                          "Authorization", BASIC,
                          "Sec-Fetch-Site", "cross-site",
                          "Content-Type", "application/json"),
                      body(call))
                  .status())
          .as("Sec-Fetch-Site cross-site: %s", call)
          .isEqualTo(403);
      assertThat(
              call(
                      call,
                      headers(
                          "Authorization",
                          BASIC,
                          "Referer",
                          EVIL + "/page",
                          "Content-Type",
                          "application/json"),
                      body(call))
                  .status())
          .as("foreign Referer: %s", call)
          .isEqualTo(403);
      // (c) the operator's session cookie without the CSRF token
      FromAddress.Answer forged =
          call(
              call,
              headers(
                  "Cookie",
                  session,
                  "Origin",
                  own(),
                  "Content-Type",
                  "application/x-www-form-urlencoded"),
              "force=true");
      assertThat(forged.status()).as("session without CSRF token: %s", call).isEqualTo(403);
      assertThat(forged.body()).as("%s", call).contains("\"error\":\"csrf_token_required\"");
      // the session plus a Basic header with a wrong password: still the session's call, and so
      // still the token's job (Spring does not re-check Basic for the session's own user)
      FromAddress.Answer withBasic =
          call(
              call,
              headers(
                  "Cookie",
                  session,
                  "Authorization",
                  HubClient.basic(HubClient.OPS_USER, "wrong"),
                  "Origin",
                  own(),
                  "Content-Type",
                  "application/json"),
              body(call));
      assertThat(withBasic.status()).as("session and Basic without token: %s", call).isEqualTo(403);
    }

    // nothing changed: the leg is as dead as before, with the same attempts, and nothing was sent
    Map<String, Object> after = new Legs(jdbc).of(eventId, "test-http");
    assertThat(after.get("status")).isEqualTo("dead");
    assertThat(after.get("attempts")).isEqualTo(before.get("attempts"));
    assertThat(destination.received()).hasSize(received);

    // the same calls as a script makes them (Basic, JSON or no body, own or no Origin) get through
    destination.answer(TestDestination.ACCEPT);
    for (Call call : calls) {
      FromAddress.Answer script =
          call(
              call,
              headers("Authorization", BASIC, "Origin", own(), "Content-Type", "application/json"),
              body(call));
      assertThat(script.status()).as("script call: %s %s", call, script.body()).isNotIn(401, 403);
      assertThat(script.body()).doesNotContain("cross_site_request", "csrf_token_required");
    }
    new Legs(jdbc).awaitStatus(eventId, "test-http", "delivered");
    assertThat(destination.writes(eventId + ":test-http")).isEqualTo(1);
  }

  @Test
  void theOperatorsOwnPagesStillPostWithTheSessionAndItsCsrfToken() {
    String[] dead = deadLeg();
    String session = session();
    FromAddress.Answer page =
        browser.get("/ops/events/" + dead[0], headers("Cookie", session, "Accept", "text/html"));
    assertThat(page.status()).isEqualTo(200);
    String token =
        page.all("Set-Cookie").stream()
            .filter(c -> c.startsWith("XSRF-TOKEN="))
            .map(c -> c.split(";", 2)[0].substring("XSRF-TOKEN=".length()))
            .findFirst()
            .orElseThrow();
    destination.answer(TestDestination.ACCEPT);

    FromAddress.Answer replay =
        browser.send(
            "POST",
            "/ops/legs/" + dead[1] + "/replay",
            headers(
                "Cookie",
                session + "; XSRF-TOKEN=" + token,
                "Origin",
                own(),
                "Content-Type",
                "application/x-www-form-urlencoded"),
            "_csrf=" + token);

    assertThat(replay.status()).as(replay.body()).isEqualTo(302);
    new Legs(jdbc).awaitStatus(dead[0], "test-http", "delivered");
  }

  @Test
  void noAnswerAsksABrowserForBasicCredentialsAndPagesGoToTheLoginForm() {
    for (String path : List.of("/api/events", "/actuator/prometheus", "/actuator/jolokia")) {
      for (Map<String, String> request :
          List.of(
              headers(),
              headers("X-Requested-With", "XMLHttpRequest", "Accept", "application/json"),
              headers("Authorization", HubClient.basic("someone", "wrong")))) {
        FromAddress.Answer answer = browser.get(path, request);
        assertThat(answer.status()).as("%s %s", path, request).isEqualTo(401);
        assertThat(answer.header("WWW-Authenticate")).as("%s %s", path, request).isEmpty();
        assertThat(answer.body())
            .as("%s %s", path, request)
            .contains("\"status\":401", "\"error\":\"unauthorized\"", "\"message\":");
      }
    }
    for (String page : List.of("/ops/events", "/actuator/hawtio/")) {
      FromAddress.Answer answer = browser.get(page, headers("Accept", "text/html"));
      assertThat(answer.status()).as(page).isEqualTo(302);
      assertThat(answer.header("Location")).as(page).hasValue(own() + "/login");
      assertThat(answer.header("WWW-Authenticate")).as(page).isEmpty();
    }
  }

  @Test
  void pagesAndHawtioCarrySecurityHeadersAndCookiesAreSameSiteStrict() {
    FromAddress.Answer login = LoginThrottleTest.formLogin(browser, HubClient.OPS_PASSWORD);
    assertThat(login.all("Set-Cookie"))
        .filteredOn(c -> c.startsWith("JSESSIONID="))
        .singleElement()
        .satisfies(
            c ->
                assertThat(c)
                    .containsIgnoringCase("SameSite=Strict")
                    .containsIgnoringCase("HttpOnly"));
    String session = session();
    Map<String, FromAddress.Answer> pages = new LinkedHashMap<>();
    pages.put("/login", browser.get("/login", headers("Accept", "text/html")));
    pages.put(
        "/ops/events",
        browser.get("/ops/events", headers("Cookie", session, "Accept", "text/html")));
    pages.put(
        "/actuator/hawtio/",
        browser.get("/actuator/hawtio/", headers("Cookie", session, "Accept", "text/html")));
    pages.put(
        "/actuator/hawtio/camel/routes",
        browser.get(
            "/actuator/hawtio/camel/routes", headers("Cookie", session, "Accept", "text/html")));
    pages.forEach(
        (path, answer) -> {
          assertThat(answer.status()).as(path).isEqualTo(200);
          assertThat(answer.header("Content-Security-Policy"))
              .as(path)
              .hasValueSatisfying(
                  csp -> assertThat(csp).contains("default-src 'self'", "frame-ancestors"));
          assertThat(answer.header("X-Content-Type-Options")).as(path).hasValue("nosniff");
          assertThat(answer.header("Referrer-Policy")).as(path).isPresent();
        });
    assertThat(pages.get("/ops/events").all("Set-Cookie"))
        .filteredOn(c -> c.startsWith("XSRF-TOKEN="))
        .isNotEmpty()
        .allSatisfy(c -> assertThat(c).containsIgnoringCase("SameSite=Strict"));
  }
}
