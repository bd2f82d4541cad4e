package com.ordercloudhub.hub.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.ordercloudhub.hub.support.Chromium;
import com.ordercloudhub.hub.support.DeliveryTest;
import com.ordercloudhub.hub.support.Fixtures;
import com.ordercloudhub.hub.support.HubClient;
import com.ordercloudhub.hub.support.TestDestination;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * An operator in a real browser (Debian's Chromium, headless, through Debian's chromedriver): logs
 * in, finds the hub's routes by id in Hawtio's Camel view, finds a dead leg on the deliveries page,
 * replays it and sees it delivered; stops and starts a route from Hawtio. A failing step leaves a
 * screenshot in target/screenshots/; the Jolokia requests Hawtio made are written to
 * target/hawtio-jolokia-calls.txt (what the allow-list in JolokiaAllowList was checked against).
 */
@DeliveryTest
class BrowserOpsTest {

  static final TestDestination destination = TestDestination.start();

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired CamelContext camel;
  WebDriver browser;

  @RegisterExtension final Chromium chromium = Chromium.withNetworkLog();

  @DynamicPropertySource
  static void destinationUrl(DynamicPropertyRegistry registry) {
    registry.add("hub.test.destination-url", destination::url);
  }

  @AfterAll
  static void stop() {
    destination.close();
  }

  @BeforeEach
  void openBrowser() {
    browser = chromium.browser();
  }

  private String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  private void logIn() {
    browser.get(url("/ops/events")); // /ops is the overview (BrowserChartsTest)
    await().atMost(Duration.ofSeconds(15)).until(() -> browser.getCurrentUrl().contains("/login"));
    browser.findElement(By.name("username")).sendKeys(HubClient.OPS_USER);
    browser.findElement(By.name("password")).sendKeys(HubClient.OPS_PASSWORD);
    browser.findElement(By.cssSelector("button[type=submit]")).click();
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> browser.getCurrentUrl().contains("/ops/events"));
  }

  @Test
  void anOperatorFindsTheHubsRoutesInHawtiosCamelView() {
    logIn();

    browser.get(url("/actuator/hawtio/camel/routes"));

    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () ->
                assertThat(browser.findElement(By.tagName("body")).getText())
                    .contains(
                        "inbound-receive-post-hook",
                        "inbound-receive-pre-hook",
                        "event-order-submitted"));
  }

  @Test
  void anOperatorStopsAndStartsARouteInHawtio() throws Exception {
    String routeId = "event-catch-all";
    logIn();
    browser.get(url("/actuator/hawtio/camel/routes"));
    try {
      clickInRoutesTable(routeId, "Stop");
      await().atMost(Duration.ofSeconds(30)).until(() -> routeStates(routeId).contains("Stopped"));
      clickInRoutesTable(routeId, "Start");
      await().atMost(Duration.ofSeconds(30)).until(() -> !routeStates(routeId).contains("Stopped"));
    } finally {
      saveJolokiaCalls();
      if (camel.getRouteController().getRouteStatus(routeId) != ServiceStatus.Started) {
        camel.getRouteController().startRoute(routeId);
      }
    }
  }

  /**
   * The route's state in every CamelContext of this JVM: Hawtio shows the first context, which may
   * be another test class's (contexts are cached between test classes).
   */
  private static List<String> routeStates(String routeId) throws Exception {
    MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
    List<String> states = new ArrayList<>();
    for (ObjectName route :
        jmx.queryNames(
            new ObjectName("org.apache.camel:type=routes,name=" + ObjectName.quote(routeId) + ",*"),
            null)) {
      states.add(String.valueOf(jmx.getAttribute(route, "State")));
    }
    return states;
  }

  /** Ticks the route's row in Hawtio's routes table and presses the toolbar button. */
  private void clickInRoutesTable(String routeId, String button) {
    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(500))
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              WebElement row =
                  browser.findElement(By.xpath("//tr[td[normalize-space(.)='" + routeId + "']]"));
              WebElement box = row.findElement(By.cssSelector("input[type=checkbox]"));
              if (!box.isSelected()) {
                box.click();
              }
              WebElement press =
                  browser.findElement(By.xpath("//button[normalize-space(.)='" + button + "']"));
              assertThat(press.isEnabled()).isTrue();
              press.click();
              box.click(); // untick, ready for the next action
            });
  }

  /** Hawtio's Jolokia requests, one line per request (type, MBean, attribute or operation). */
  private void saveJolokiaCalls() throws IOException {
    Set<String> calls = new TreeSet<>();
    for (LogEntry entry : browser.manage().logs().get(LogType.PERFORMANCE)) {
      JsonNode message = Fixtures.json(entry.getMessage().getBytes()).path("message");
      JsonNode request = message.at("/params/request");
      if (!"Network.requestWillBeSent".equals(message.path("method").asText())
          || !request.path("url").asText().contains("/jolokia")) {
        continue;
      }
      if (!request.has("postData")) {
        calls.add("GET " + request.path("url").asText().replaceFirst(".*/jolokia", ""));
        continue;
      }
      JsonNode body = Fixtures.json(request.path("postData").asText().getBytes());
      for (JsonNode each : body.isArray() ? body : List.of(body)) {
        calls.add(
            String.join(
                " ",
                each.path("type").asText(),
                each.path("mbean").asText().replaceAll("name=[^,]*", "name=…"),
                each.path("attribute").asText(each.path("operation").asText())));
      }
    }
    Files.createDirectories(Path.of("target"));
    Files.write(Path.of("target", "hawtio-jolokia-calls.txt"), calls);
  }

  @Test
  void anOperatorReplaysADeadLegAndSeesItDelivered() {
    destination.answer(key -> 422);
    String eventId = new HubClient(port).postTestDelivery();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                jdbc.queryForList(
                        "SELECT status FROM hub_delivery_leg WHERE event_id = ?",
                        String.class,
                        eventId)
                    .equals(List.of("dead")));
    logIn();

    browser.get(url("/ops/events?status=dead&destination=test-http"));
    browser.findElement(By.linkText(eventId)).click();
    WebElement leg =
        browser.findElement(By.cssSelector("section.leg[data-destination='test-http']"));
    assertThat(leg.getAttribute("data-status")).isEqualTo("dead");
    assertThat(leg.getText()).contains("HTTP 422");
    // a request forged without the page's CSRF token is refused, even with the operator's session
    Object forged =
        ((JavascriptExecutor) browser)
            .executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                    + "fetch('/ops/deliveries/replay', {method: 'POST'})"
                    + ".then(r => done(r.status), e => done(String(e)));");
    assertThat(forged).isEqualTo(403L);
    assertThat(
            jdbc.queryForList(
                "SELECT status FROM hub_delivery_leg WHERE event_id = ?", String.class, eventId))
        .containsExactly("dead");
    destination.answer(TestDestination.ACCEPT); // the fix
    leg.findElement(By.cssSelector("button.replay-leg")).click();

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> browser.getPageSource().contains("re-queued"));
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              browser.navigate().refresh();
              List<WebElement> legs =
                  browser.findElements(By.cssSelector("section.leg[data-destination='test-http']"));
              assertThat(legs).hasSize(1);
              assertThat(legs.get(0).getAttribute("data-status")).isEqualTo("delivered");
            });
    assertThat(destination.writes(eventId + ":test-http")).isEqualTo(1);
  }
}
