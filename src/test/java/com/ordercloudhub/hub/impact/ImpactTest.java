package com.ordercloudhub.hub.impact;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.ordercloudhub.hub.support.MailPeers.outboxFolder;
import static com.ordercloudhub.hub.support.MailPeers.smtpOn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.icegreen.greenmail.util.GreenMail;
import com.ordercloudhub.hub.event.EventCatalogue;
import com.ordercloudhub.hub.event.EventStore;
import com.ordercloudhub.hub.inbound.OcEnvelope;
import com.ordercloudhub.hub.support.HubClient;
import com.ordercloudhub.hub.support.HubTest;
import com.ordercloudhub.hub.support.Payloads;
import com.ordercloudhub.hub.support.Webhooks;
import com.zaxxer.hikari.HikariDataSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Change impact over 500 stored events (400 order submits, 100 user updates) with every destination
 * configured against real protocol peers (one WireMock as Salesforce, the ERP and the OrderCloud
 * API; GreenMail as SMTP): a changed ERP mapping changes exactly the ERP's order requests, a
 * routing change in the working tree's route files shows the legs it adds, and afterwards no peer
 * has seen a request, no mail was sent, no row was written and the working tree is as it was. This
 * hub only takes events in (delivery off), so only a leak could reach a peer.
 */
@HubTest
@ExtendWith(OutputCaptureExtension.class)
class ImpactTest {

  static final int ORDERS = 400;
  static final int USERS = 100;
  static final Path SALES_ORDER = Path.of("mappings/erp/sales-order.jsonata");

  static final WireMockServer peers = started();
  static final GreenMail smtp = smtpOn(0);
  static final Path outbox = outboxFolder();

  /** The running hub's route files: a copy, so a test can change the working tree's. */
  static final Path routes = copyOfRoutes();

  static final Map<String, String> SETTINGS = settings();

  static volatile OffsetDateTime since;
  static final List<String> orderEvents = new ArrayList<>();

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired EventStore store;
  @Autowired OcEnvelope envelope;
  @Autowired EventCatalogue catalogue;
  @Autowired ImpactRunner runner;
  @Autowired DataSource dataSource;
  @Autowired ObjectMapper mapper;
  @Autowired ConfigurableEnvironment environment;
  HubClient hub;

  @DynamicPropertySource
  static void everyDestination(DynamicPropertyRegistry registry) {
    SETTINGS.forEach((key, value) -> registry.add(key, () -> value));
  }

  static Map<String, String> settings() {
    String url = "http://127.0.0.1:" + peers.port();
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("SALESFORCE_LOGIN_URL", url);
    settings.put("SALESFORCE_CLIENT_ID", "connected-app-key");
    settings.put("SALESFORCE_CLIENT_SECRET", "connected-app-secret");
    settings.put("SALESFORCE_USERNAME", "integration@acme.example");
    settings.put("SALESFORCE_PASSWORD", "pw-and-token");
    settings.put("ERP_BASE_URL", url + "/api/");
    settings.put("ERP_AUTH", "basic");
    settings.put("ERP_USERNAME", "hub-erp");
    settings.put("ERP_PASSWORD", "erp-secret");
    settings.put("ORDERCLOUD_API_URL", url);
    settings.put("ORDERCLOUD_AUTH_URL", url);
    settings.put("ORDERCLOUD_CLIENT_ID", "hub-client");
    settings.put("ORDERCLOUD_CLIENT_SECRET", "hub-client-secret");
    settings.put("SMTP_HOST", "127.0.0.1");
    settings.put("SMTP_PORT", String.valueOf(smtp.getSmtp().getPort()));
    settings.put("SMTP_STARTTLS", "false");
    settings.put("MAIL_FROM", "OrderCloud Hub <hub@seller.test>");
    settings.put("ORDER_NOTICE_TO", "orders@seller.test");
    settings.put("hub.mail.outbox-dir", outbox.toString());
    // an intake-only hub: a stored event is never delivered, so only a leak could reach a peer
    settings.put("hub.delivery.enabled", "false");
    settings.put("hub.reconcile.enabled", "false");
    settings.put(
        "camel.main.routes-include-pattern",
        Stream.of("shared", "inbound", "prehooks", "events", "destinations")
            .map(folder -> "file:" + routes.resolve(folder) + "/*.camel.yaml")
            .reduce((a, b) -> a + "," + b)
            .orElseThrow());
    return settings;
  }

  static WireMockServer started() {
    WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    server.start();
    // answers as the real systems would, so a leak would succeed (and be seen) rather than fail
    server.stubFor(any(anyUrl()).atPriority(10).willReturn(okJson("{}")));
    server.stubFor(
        post(urlPathEqualTo("/services/oauth2/token"))
            .willReturn(
                okJson(
                    "{\"access_token\":\"TOKEN\",\"instance_url\":\"http://127.0.0.1:"
                        + server.port()
                        + "\",\"id\":\"http://127.0.0.1/id/00D/005\",\"token_type\":\"Bearer\"}")));
    return server;
  }

  static Path copyOfRoutes() {
    try {
      Path copy = Files.createTempDirectory("impact-test-routes-");
      try (Stream<Path> files = Files.walk(Path.of("routes"))) {
        for (Path file : files.filter(Files::isRegularFile).toList()) {
          Path target = copy.resolve(Path.of("routes").relativize(file).toString());
          Files.createDirectories(target.getParent());
          Files.copy(file, target);
        }
      }
      return copy;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @AfterAll
  static void stop() {
    peers.stop();
    smtp.stop();
  }

  /** 500 events with known payloads, stored once through the event store as the intake does. */
  @BeforeEach
  void storeEvents() {
    hub = new HubClient(port);
    synchronized (orderEvents) {
      if (since != null) {
        return;
      }
      OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1);
      for (int i = 1; i <= USERS; i++) {
        String user = "user-%03d".formatted(i);
        store(Webhooks.buyerUserUpdated("ACME", user, user + "@acme.example"));
      }
      for (int i = 1; i <= ORDERS; i++) {
        orderEvents.add(store(Webhooks.orderSubmitted("SO-IMPACT-%04d".formatted(i))));
      }
      since = start;
    }
  }

  private String store(ObjectNode webhook) {
    return store
        .record(catalogue.classify(envelope.parsePostHook(Payloads.bytes(webhook))))
        .eventId();
  }

  @Test
  void aChangedErpMappingChangesExactlyTheErpOrderRequestsAndNothingIsSentOrStored(
      CapturedOutput output) throws IOException {
    String mapping = Files.readString(SALES_ORDER);
    String proposed =
        mapping.replace(
            "\"poNumber\": $order.xp.poNumber,", "\"purchaseOrder\": $order.xp.poNumber,");
    assertThat(proposed).isNotEqualTo(mapping);
    Map<String, Integer> before = rowCounts();

    HttpResponse<String> answer =
        impact(
            Map.of("since", since.toString(), "files", Map.of(SALES_ORDER.toString(), proposed)));

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    JsonNode report = mapper.readTree(answer.body());
    assertThat(report.get("complete").asBoolean()).isTrue();
    assertThat(report.get("events").asInt()).isEqualTo(ORDERS + USERS);
    assertThat(report.get("capped").asBoolean()).isFalse();
    assertThat(report.get("changedEvents").asInt()).isEqualTo(ORDERS);
    assertThat(report.get("failures")).isEmpty();
    JsonNode destinations = report.get("destinations");
    assertThat(names(destinations)).containsExactly("crm", "database", "erp", "notice");
    assertThat(destinations.get("erp")).isEqualTo(counts(ORDERS + USERS, ORDERS, 0, 0, 0, ORDERS));
    assertThat(destinations.get("database")).isEqualTo(counts(ORDERS + USERS, 0, 0, 0, 0, 0));
    assertThat(destinations.get("crm")).isEqualTo(counts(ORDERS + USERS, 0, 0, 0, 0, 0));
    assertThat(destinations.get("notice")).isEqualTo(counts(ORDERS, 0, 0, 0, 0, 0));
    assertThat(report.get("preHooksFlipped").asInt()).isZero();
    assertThat(report.get("routingChanged").asInt()).isZero();

    // the first difference (the newest event): the sales order, its PO number renamed
    JsonNode examples = report.get("examples");
    assertThat(examples).hasSize(20);
    assertThat(report.get("moreDifferences").asInt()).isEqualTo(ORDERS - 20);
    JsonNode first = examples.get(0);
    assertThat(first.get("eventId").asText()).isEqualTo(orderEvents.get(ORDERS - 1));
    assertThat(first.get("eventType").asText()).isEqualTo("order.submitted");
    assertThat(first.get("change").asText()).isEqualTo("requests");
    assertThat(first.get("destination").asText()).isEqualTo("erp");
    JsonNode request = first.get("requests").get(0);
    assertThat(first.get("requests")).hasSize(1);
    // the first compared: the OrderCloud API login before it is left out (a token request)
    assertThat(request.get("index").asInt()).isEqualTo(0);
    assertThat(texts(request.get("paths")))
        .containsExactly(
            "/poNumber: \"PO-7781\" → (absent)", "/purchaseOrder: (absent) → \"PO-7781\"");
    assertThat(texts(request.get("lines")))
        .containsExactly("-   \"poNumber\" : \"PO-7781\",", "+   \"purchaseOrder\" : \"PO-7781\",");
    String was = request.get("before").asText();
    String will = request.get("after").asText();
    assertThat(was)
        .contains("\"orderId\" : \"SO-IMPACT-0400\"")
        .contains("\"poNumber\" : \"PO-7781\"");
    assertThat(will)
        .contains("\"orderId\" : \"SO-IMPACT-0400\"")
        .contains("\"purchaseOrder\" : \"PO-7781\"")
        .doesNotContain("poNumber");
    assertThat(will.replace("\"purchaseOrder\"", "\"poNumber\"")).isEqualTo(was);
    assertThat(answer.body()).doesNotContain("erp-secret").doesNotContain("hub-client-secret");

    assertNothingLeftTheHub(before);
    assertThat(Files.readString(SALES_ORDER)).isEqualTo(mapping);
    // the progress line, at the end (every 500 events: the same line once)
    assertThat(output.getOut()).containsPattern("Impact run: 500 / 500 events done, [0-9.]+ s");
    assertThat(output.getOut()).contains("Impact run: 500 events to compare");
  }

  private static final Path NOTICE_SUBJECT = Path.of("templates/email/order-notice.subject.hbs");

  /** The impact on the orders of one proposed file. */
  private HttpResponse<String> impactOfOrders(Path file, String proposed) {
    return impact(
        Map.of(
            "since",
            since.toString(),
            "type",
            "order.*",
            "files",
            Map.of(file.toString(), proposed)));
  }

  @Test
  void aChangedTemplateChangesTheNoticeEmailsOnly() throws IOException {
    String proposed = Files.readString(NOTICE_SUBJECT).replace("New order", "Order");
    Map<String, Integer> before = rowCounts();

    HttpResponse<String> answer = impactOfOrders(NOTICE_SUBJECT, proposed);

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    JsonNode report = mapper.readTree(answer.body());
    assertThat(report.get("events").asInt()).isEqualTo(ORDERS);
    assertThat(report.get("changedEvents").asInt()).isEqualTo(ORDERS);
    assertThat(report.at("/destinations/notice"))
        .isEqualTo(counts(ORDERS, ORDERS, 0, 0, 0, ORDERS));
    for (String other : List.of("crm", "database", "erp")) {
      assertThat(report.at("/destinations/" + other + "/changed").asInt()).as(other).isZero();
    }
    JsonNode request = report.at("/examples/0/requests/0");
    assertThat(report.at("/examples/0/destination").asText()).isEqualTo("notice");
    assertThat(texts(request.get("paths")))
        .containsExactly(
            "/subject: \"New order SO-IMPACT-0400 from ACME: 172.80 USD\" → \"Order SO-IMPACT-0400"
                + " from ACME: 172.80 USD\"");
    assertNothingLeftTheHub(before);
  }

  @Test
  void aProposedTemplateNestedTooDeepIsReportedAsAProblem() throws IOException {
    String deep = "{{#if a}}".repeat(8_000) + "x" + "{{/if}}".repeat(8_000); // under 128 KB

    HttpResponse<String> answer = impactOfOrders(NOTICE_SUBJECT, deep);

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(422);
    assertThat(texts(mapper.readTree(answer.body()).get("problems")))
        .anySatisfy(
            p ->
                assertThat(p)
                    .contains("order-notice.subject.hbs")
                    .contains("blocks nested more than 100 deep"));
  }

  @Test
  void aRoutingChangeInTheWorkingTreeListsTheLegsItAdds() throws IOException {
    Path route = routes.resolve("events/user-updated.camel.yaml");
    String original = Files.readString(route);
    String added =
        original.stripTrailing()
            + "\n              - to:\n                  id: event-user-updated-notice\n"
            + "                  uri: direct:notice-deliver-event\n";
    Map<String, Integer> before = rowCounts();
    Files.writeString(route, added);
    HttpResponse<String> answer;
    try {
      answer = impact(Map.of("since", since.toString(), "routes", "working-tree"));
    } finally {
      Files.writeString(route, original);
    }

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    JsonNode report = mapper.readTree(answer.body());
    assertThat(report.get("events").asInt()).isEqualTo(ORDERS + USERS);
    assertThat(report.get("changedEvents").asInt()).isEqualTo(USERS);
    JsonNode destinations = report.get("destinations");
    assertThat(destinations.get("notice").get("added").asInt()).isEqualTo(USERS);
    assertThat(destinations.get("notice").get("changed").asInt()).isEqualTo(USERS);
    assertThat(destinations.get("notice").get("events").asInt()).isEqualTo(ORDERS + USERS);
    for (String other : List.of("crm", "database", "erp")) {
      assertThat(destinations.get(other).get("changed").asInt()).as(other).isZero();
    }
    JsonNode first = report.get("examples").get(0);
    assertThat(first.get("change").asText()).isEqualTo("leg-added");
    assertThat(first.get("destination").asText()).isEqualTo("notice");
    assertThat(first.get("eventType").asText()).isEqualTo("user.updated");
    assertThat(first.get("before").isNull()).isTrue();
    assertThat(first.get("after").asText()).isNotBlank();
    assertThat(report.get("examples"))
        .allSatisfy(d -> assertThat(d.get("change").asText()).isEqualTo("leg-added"));
    assertNothingLeftTheHub(before);
  }

  @Test
  void theCapTakesTheNewestEventsAndASecondRunAtOnceIsRefused() throws Exception {
    Map<String, Integer> before = rowCounts();
    CompletableFuture<HttpResponse<String>> running =
        CompletableFuture.supplyAsync(
            () -> impact(Map.of("since", since.toString(), "maxEvents", 30)));
    await().atMost(Duration.ofSeconds(60)).until(() -> runner.running() || running.isDone());

    HttpResponse<String> second = impact(Map.of("since", since.toString()));

    assertThat(second.statusCode()).as(second.body()).isEqualTo(409);
    assertThat(mapper.readTree(second.body()).get("error").asText()).isEqualTo("impact_running");
    HttpResponse<String> first = running.get();
    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    JsonNode report = mapper.readTree(first.body());
    assertThat(report.get("events").asInt()).isEqualTo(30);
    assertThat(report.get("capped").asBoolean()).isTrue();
    assertThat(report.get("maxEvents").asInt()).isEqualTo(30);
    assertThat(report.get("changedEvents").asInt()).isZero();
    assertThat(report.get("destinations").get("erp").get("events").asInt()).isEqualTo(30);
    assertNothingLeftTheHub(before);
  }

  @Test
  void uploadedRouteFilesAndPathsLeavingTheirFolderAreRefused() throws IOException {
    Map<String, Integer> before = rowCounts();
    Map<String, String> refused = new LinkedHashMap<>();
    refused.put("routes/events/order-submitted.camel.yaml", "route files are code");
    refused.put("mappings/../routes/events/x.camel.yaml", "leaves its folder");
    refused.put("mappings/erp/../../application.yaml", "leaves its folder");
    refused.put("/etc/passwd", "must be relative");
    refused.put("mappings/erp/sales-order.txt", "ends in .jsonata");
    refused.put("src/main/java/X.java", "only mappings/**/*.jsonata and templates/email/**");
    refused.put("templates/email/.hidden.hbs", "each starting with a letter");
    for (Map.Entry<String, String> file : refused.entrySet()) {
      HttpResponse<String> answer =
          impact(Map.of("since", since.toString(), "files", Map.of(file.getKey(), "x")));
      assertThat(answer.statusCode()).as(file.getKey() + ": " + answer.body()).isEqualTo(400);
      JsonNode problem = mapper.readTree(answer.body());
      assertThat(problem.get("error").asText()).isEqualTo("invalid_file");
      assertThat(problem.get("message").asText()).as(file.getKey()).contains(file.getValue());
    }
    HttpResponse<String> otherRoutes =
        impact(Map.of("since", since.toString(), "routes", "uploaded"));
    assertThat(otherRoutes.statusCode()).isEqualTo(400);

    // a broken mapping is reported as the route check reports it, before any hub starts
    HttpResponse<String> broken =
        impact(
            Map.of(
                "since",
                since.toString(),
                "maxEvents",
                1_000_000,
                "files",
                Map.of(SALES_ORDER.toString(), "{ \"orderId\": ")));
    assertThat(broken.statusCode()).as(broken.body()).isEqualTo(422);
    JsonNode report = mapper.readTree(broken.body());
    assertThat(report.get("events").asInt()).isZero();
    // the configured cap wins over a larger one asked for
    assertThat(report.get("maxEvents").asInt()).isEqualTo(10_000);
    assertThat(texts(report.get("problems")))
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith("mappings/erp/sales-order.jsonata:1: ")
                    .contains("does not parse as JSONata"))
        .anySatisfy(
            p ->
                // the route that uses it, by its path in the working tree
                assertThat(p)
                    .startsWith(routes.resolve("destinations/erp.camel.yaml:").toString())
                    .contains(
                        "route 'erp-create-sales-order': mapping mappings/erp/sales-order.jsonata")
                    .doesNotContain("hub-impact-"));

    HttpResponse<String> anonymous =
        hub.post("/api/impact", mapper.writeValueAsBytes(Map.of("since", since.toString())), null);
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertNothingLeftTheHub(before);
  }

  @Test
  void theCommandLinePrintsTheSummaryAndFailsOnChangeWhenAsked() throws Exception {
    Path proposed = Files.createTempDirectory("impact-cli-");
    Path file = proposed.resolve(SALES_ORDER);
    Files.createDirectories(file.getParent());
    Files.writeString(
        file,
        Files.readString(SALES_ORDER)
            .replace(
                "\"customerId\": $order.FromCompanyID,",
                "\"customerId\": \"C-\" & $order.FromCompanyID,"));
    Map<String, Object> settings = new TreeMap<>(SETTINGS);
    HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);
    settings.put("spring.datasource.url", pool.getJdbcUrl());
    settings.put("spring.datasource.username", pool.getUsername());
    settings.put("spring.datasource.password", pool.getPassword());
    Map<String, Integer> before = rowCounts();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int status =
        ImpactCommand.run(
            Map.of(
                "since", since.toString(), "files", proposed.toString(), "fail-on-change", "true"),
            settings,
            false,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(status).as(printed + err.toString(StandardCharsets.UTF_8)).isEqualTo(2);
    assertThat(printed)
        .contains("Impact: 500 events compared, 400 would change, ")
        .contains(
            "  erp: 400 of 500 events would change (requests 400, outcome 0, legs added 0, removed 0)")
        .contains("  crm: 0 of 500 events would change")
        .contains("  database: 0 of 500 events would change")
        .contains("  notice: 0 of 400 events would change")
        .contains("First differences (20 shown, 380 more counted):")
        .contains(
            "  "
                + orderEvents.get(ORDERS - 1)
                + " order.submitted requests erp\n    request 0: /customerId: \"ACME\" → \"C-ACME\"\n"
                + "      -   \"customerId\" : \"ACME\",\n      +   \"customerId\" : \"C-ACME\",\n");
    assertNothingLeftTheHub(before);
  }

  /**
   * The proposed side's hub cannot send or write even what a dry run did not flag: a producer of
   * its own to the ERP's peer is refused, its database refuses every writing statement (reads
   * work), and the running hub keeps its port.
   */
  @Test
  void anInertHubRefusesToSendOrWriteWhatNoDryRunFlagged() {
    Map<String, Integer> before = rowCounts();
    int events = before.get("hub_event");
    try (InertHub inert =
        InertHub.start(InertHub.APPLICATION, environment, Map.of(), dataSource, false)) {
      // nothing that writes starts there: not even the search backfill (it logged a WARN per run)
      assertThat(
              inert
                  .context()
                  .getBean(com.ordercloudhub.hub.event.SearchProperties.class)
                  .backfill())
          .isFalse();
      CamelContext camel = inert.context().getBean(CamelContext.class);
      ProducerTemplate producer = camel.createProducerTemplate();
      Exchange http =
          producer.send(
              "http://127.0.0.1:" + peers.port() + "/api/sales-orders",
              e -> e.getMessage().setBody("{\"orderId\":\"LEAK\"}"));
      Exchange mail =
          producer.send(
              "smtp://127.0.0.1:" + smtp.getSmtp().getPort() + "?to=leak@seller.test",
              e -> e.getMessage().setBody("leak"));
      for (Exchange refused : List.of(http, mail)) {
        assertThat(refused.getException())
            .isNotNull()
            .hasMessageContaining("This hub only dry-runs");
      }

      JdbcTemplate database = inert.context().getBean(JdbcTemplate.class);
      assertThat(database.queryForObject("SELECT COUNT(*) FROM hub_event", Integer.class))
          .isEqualTo(events);
      for (String write :
          List.of(
              "DELETE FROM hub_event",
              "UPDATE hub_event SET duplicates = duplicates + 1",
              "INSERT INTO hub_delivery_leg (event_id) VALUES ('x')",
              "WITH gone AS (DELETE FROM hub_event RETURNING id) SELECT COUNT(*) FROM gone",
              "TRUNCATE TABLE hub_delivery_attempt")) {
        assertThatThrownBy(() -> database.update(write))
            .as(write)
            .hasRootCauseInstanceOf(SQLException.class)
            .rootCause()
            .hasMessageContaining("does not write the database");
        assertThatThrownBy(() -> database.execute(write))
            .as(write)
            .rootCause()
            .hasMessageContaining("does not write the database");
      }
    }
    assertThat(environment.getProperty("local.server.port", Integer.class)).isEqualTo(port);
    assertThat(hub.opsGet("/api/events?size=1").statusCode()).isEqualTo(200);
    assertNothingLeftTheHub(before);
  }

  /**
   * The page, as a browser uses it: logged in with the form, each POST with the CSRF token (one
   * without it is refused); the form, a refusal shown on it, and a run's counts and first
   * difference side by side.
   */
  @Test
  void thePageRunsTheFormAndShowsCountsAndTheFirstDifferenceSideBySide() throws Exception {
    Browser browser = new Browser();
    browser.logIn();
    HttpResponse<String> form = browser.get("/ops/impact");
    assertThat(form.statusCode()).isEqualTo(200);
    assertThat(form.body()).contains("id=\"impact-form\"").contains("name=\"content1\"");

    Map<String, String> refusedFile =
        Map.of("since", since.toString(), "path1", "routes/events/x.camel.yaml", "content1", "x");
    assertThat(browser.post("/ops/impact", refusedFile, false).statusCode()).isEqualTo(403);
    HttpResponse<String> refused = browser.post("/ops/impact", refusedFile, true);
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("id=\"impact-error\"").contains("route files are code");

    String proposed =
        Files.readString(SALES_ORDER)
            .replace("\"poNumber\": $order.xp.poNumber,", "\"purchaseOrder\": $order.xp.poNumber,");
    Map<String, Integer> before = rowCounts();
    HttpResponse<String> ran =
        browser.post(
            "/ops/impact",
            Map.of(
                "since",
                since.toString(),
                "maxEvents",
                "5",
                "path1",
                SALES_ORDER.toString(),
                "content1",
                proposed),
            true);
    assertThat(ran.statusCode()).as(ran.body()).isEqualTo(200);
    assertThat(ran.body())
        .contains("5 events compared (capped at 5: more matched)")
        .contains("data-destination=\"erp\"><td>erp</td><td>5</td><td class=\"changed\">5</td>")
        .contains("data-destination=\"crm\"><td>crm</td><td>5</td><td class=\"changed\">0</td>")
        .contains(orderEvents.get(ORDERS - 1))
        .contains("<pre style=\"flex:1\" class=\"before\">")
        .contains("&quot;poNumber&quot; : &quot;PO-7781&quot;")
        .contains("+   &quot;purchaseOrder&quot; : &quot;PO-7781&quot;,");
    assertNothingLeftTheHub(before);
  }

  /** A browser's session: cookies kept, the login form, forms with or without the CSRF field. */
  final class Browser {

    final java.net.CookieManager cookies = new java.net.CookieManager();
    final java.net.http.HttpClient http =
        java.net.http.HttpClient.newBuilder()
            .cookieHandler(cookies)
            .followRedirects(java.net.http.HttpClient.Redirect.NEVER)
            .build();

    void logIn() throws Exception {
      assertThat(get("/login").statusCode()).isEqualTo(200);
      HttpResponse<String> login =
          post(
              "/login",
              Map.of("username", HubClient.OPS_USER, "password", HubClient.OPS_PASSWORD),
              true);
      assertThat(login.statusCode()).as(login.body()).isEqualTo(302);
      assertThat(login.headers().firstValue("Location"))
          .hasValueSatisfying(l -> assertThat(l).doesNotContain("error"));
    }

    HttpResponse<String> get(String path) throws Exception {
      return http.send(
          HttpRequest.newBuilder(hub.uri(path)).header("Accept", "text/html").GET().build(),
          HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, Map<String, String> fields, boolean withToken)
        throws Exception {
      Map<String, String> all = new LinkedHashMap<>(fields);
      if (withToken) {
        all.put(
            "_csrf",
            cookies.getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals("XSRF-TOKEN"))
                .reduce((first, second) -> second)
                .orElseThrow()
                .getValue());
      }
      String body =
          all.entrySet().stream()
              .map(
                  f ->
                      java.net.URLEncoder.encode(f.getKey(), StandardCharsets.UTF_8)
                          + "="
                          + java.net.URLEncoder.encode(f.getValue(), StandardCharsets.UTF_8))
              .reduce((a, b) -> a + "&" + b)
              .orElse("");
      return http.send(
          HttpRequest.newBuilder(hub.uri(path))
              .timeout(Duration.ofMinutes(5))
              .header("Content-Type", "application/x-www-form-urlencoded")
              .header("Origin", "http://127.0.0.1:" + port)
              .header("Accept", "text/html")
              .POST(HttpRequest.BodyPublishers.ofString(body))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    }
  }

  private HttpResponse<String> impact(Map<String, ?> body) {
    try {
      // an impact run starts a hub of its own: longer than the client's usual 30 s
      return hub.send(
          HttpRequest.newBuilder(hub.uri("/api/impact"))
              .timeout(Duration.ofMinutes(5))
              .header("Authorization", HubClient.basic(HubClient.OPS_USER, HubClient.OPS_PASSWORD))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofByteArray(mapper.writeValueAsBytes(body)))
              .build());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private JsonNode counts(
      int events, int changed, int added, int removed, int statusChanged, int requestsChanged) {
    return mapper
        .createObjectNode()
        .put("events", events)
        .put("changed", changed)
        .put("added", added)
        .put("removed", removed)
        .put("statusChanged", statusChanged)
        .put("requestsChanged", requestsChanged);
  }

  private static List<String> names(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static List<String> texts(JsonNode node) {
    List<String> texts = new ArrayList<>();
    node.forEach(n -> texts.add(n.asText()));
    return texts;
  }

  private void assertNothingLeftTheHub(Map<String, Integer> before) {
    peers.verify(0, anyRequestedFor(anyUrl()));
    assertThat(smtp.getReceivedMessages()).isEmpty();
    assertThat(rowCounts()).isEqualTo(before);
  }

  private Map<String, Integer> rowCounts() {
    Map<String, Integer> counts = new TreeMap<>();
    for (String table :
        List.of(
            "hub_event",
            "hub_prehook_decision",
            "hub_delivery_leg",
            "hub_delivery_attempt",
            "oc_order",
            "oc_user")) {
      counts.put(table, jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Integer.class));
    }
    return counts;
  }
}
