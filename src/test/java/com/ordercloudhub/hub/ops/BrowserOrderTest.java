package com.ordercloudhub.hub.ops;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.ordercloudhub.hub.support.Chromium;
import com.ordercloudhub.hub.support.HubClient;
import com.ordercloudhub.hub.support.HubTest;
import com.ordercloudhub.hub.support.Legs;
import com.ordercloudhub.hub.support.Payloads;
import com.ordercloudhub.hub.support.Webhooks;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * An operator in a real browser (as {@link BrowserOpsTest}: Debian's Chromium, headless) answers
 * "did this order reach the ERP, and if not, why?": a real order goes through the real routes to an
 * ERP (WireMock) that refuses it permanently; the operator types the order ID into the search box,
 * lands on the order's page, sees its events and the ERP's dead leg with the ERP's error, fixes the
 * ERP, replays everything failed for the order and sees it delivered, with the ERP's reference. A
 * failing step leaves a screenshot in target/screenshots/.
 */
@HubTest
class BrowserOrderTest {

  static final WireMockServer peer = started();

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  WebDriver browser;

  @RegisterExtension final Chromium chromium = new Chromium();

  static WireMockServer started() {
    WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    server.start();
    // the OrderCloud API the ERP mapping reads line items from
    server.stubFor(
        post(urlEqualTo("/oauth/token"))
            .willReturn(
                okJson(
                    "{\"access_token\":\"t-1\",\"token_type\":\"bearer\",\"expires_in\":36000}")));
    server.stubFor(
        get(urlPathMatching("/v1/orders/Outgoing/[^/]+/lineitems"))
            .willReturn(
                okJson(
                    "{\"Meta\":{\"Page\":1,\"PageSize\":100,\"TotalCount\":1,\"TotalPages\":1},"
                        + "\"Items\":[{\"ID\":\"LI-001\",\"ProductID\":\"SKU-1\",\"Quantity\":1,"
                        + "\"UnitPrice\":150.0,\"LineTotal\":150.0,"
                        + "\"Product\":{\"ID\":\"SKU-1\",\"Name\":\"Product 1\"}}]}")));
    return server;
  }

  @DynamicPropertySource
  static void systems(DynamicPropertyRegistry registry) {
    String url = "http://127.0.0.1:" + peer.port();
    registry.add("ERP_BASE_URL", () -> url + "/api/");
    registry.add("ERP_AUTH", () -> "basic");
    registry.add("ERP_USERNAME", () -> "hub-erp");
    registry.add("ERP_PASSWORD", () -> "erp-secret");
    registry.add("ORDERCLOUD_API_URL", () -> url);
    registry.add("ORDERCLOUD_AUTH_URL", () -> url);
    registry.add("ORDERCLOUD_CLIENT_ID", () -> "hub-client");
    registry.add("ORDERCLOUD_CLIENT_SECRET", () -> "hub-client-secret");
    registry.add("hub.delivery.poll-interval", () -> "200ms");
  }

  @AfterAll
  static void stop() {
    peer.stop();
  }

  @BeforeEach
  void openBrowser() {
    browser = chromium.browser();
  }

  private String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  @Test
  void anOperatorFindsAnOrderSeesTheErpsErrorReplaysEverythingFailedAndSeesItDelivered() {
    String orderId = "SO-" + UUID.randomUUID().toString().substring(0, 8);
    // the ERP refuses this order: permanently (a 4xx), so its leg is dead at once
    peer.stubFor(
        post(urlEqualTo("/api/sales-orders"))
            .atPriority(1)
            .willReturn(
                aResponse()
                    .withStatus(422)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"error\":\"customer ACME is blocked for credit\"}")));
    HttpResponse<String> stored =
        new HubClient(port)
            .signed("/webhooks/ordercloud/post", Payloads.bytes(Webhooks.orderSubmitted(orderId)));
    assertThat(stored.statusCode()).as(stored.body()).isEqualTo(202);
    String eventId = OpsApiTest.json(stored).get("eventId").asText();
    new Legs(jdbc).awaitStatus(eventId, "erp", "dead");

    browser.get(url("/ops"));
    await().atMost(Duration.ofSeconds(15)).until(() -> browser.getCurrentUrl().contains("/login"));
    browser.findElement(By.name("username")).sendKeys(HubClient.OPS_USER);
    browser.findElement(By.name("password")).sendKeys(HubClient.OPS_PASSWORD);
    browser.findElement(By.cssSelector("button[type=submit]")).click();
    await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () ->
                browser.getCurrentUrl().contains("/ops")
                    && !browser.getCurrentUrl().contains("/login"));

    // the order ID as an operator has it from the customer: in the header's search box
    browser.findElement(By.id("search")).sendKeys(orderId.toLowerCase() + Keys.ENTER);

    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> browser.getCurrentUrl().endsWith("/ops/orders/" + orderId));
    assertThat(browser.findElement(By.id("story-id")).getText()).isEqualTo(orderId);
    List<WebElement> events = browser.findElements(By.cssSelector("tr.story-event"));
    assertThat(events).extracting(e -> e.getAttribute("data-event-id")).containsExactly(eventId);
    assertThat(events.get(0).getText()).contains("order.submitted", "erp: dead");
    WebElement erp = browser.findElement(By.cssSelector("tr.destination[data-destination='erp']"));
    assertThat(erp.getAttribute("data-status")).isEqualTo("dead");
    assertThat(erp.getText()).contains("HTTP 422", "customer ACME is blocked for credit");
    // times were turned relative by the hub's own script (the CSP allows no other)
    assertThat(browser.findElements(By.cssSelector("time[data-relative='true']"))).isNotEmpty();

    // a request forged without the page's CSRF token is refused, even with the operator's session
    Object forged =
        ((JavascriptExecutor) browser)
            .executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                    + "fetch('/ops/orders/"
                    + orderId
                    + "/replay-failed', {method: 'POST'})"
                    + ".then(r => done(r.status), e => done(String(e)));");
    assertThat(forged).isEqualTo(403L);
    assertThat(new Legs(jdbc).status(eventId, "erp")).isEqualTo("dead");

    // the fix in the ERP, then everything failed for the order sent again
    peer.stubFor(
        post(urlEqualTo("/api/sales-orders"))
            .atPriority(1)
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"salesOrderNumber\":\"4500099999\"}")));
    browser.findElement(By.id("replay-failed")).click();

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> browser.getPageSource().contains("1 dead legs re-queued"));
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              browser.navigate().refresh();
              WebElement now =
                  browser.findElement(By.cssSelector("tr.destination[data-destination='erp']"));
              assertThat(now.getAttribute("data-status")).isEqualTo("delivered");
              assertThat(now.getText()).contains("reference 4500099999");
            });
    assertThat(browser.findElements(By.id("replay-failed"))).isEmpty();
    assertThat(peer.findAll(postRequestedFor(urlEqualTo("/api/sales-orders")))).hasSize(2);
  }
}
