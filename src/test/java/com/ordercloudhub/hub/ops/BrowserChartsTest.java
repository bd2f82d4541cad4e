package com.ordercloudhub.hub.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.ordercloudhub.hub.support.Chromium;
import com.ordercloudhub.hub.support.Fixtures;
import com.ordercloudhub.hub.support.HubClient;
import com.ordercloudhub.hub.support.HubTest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * An operator in a real browser (Debian's Chromium, headless, as {@link BrowserOpsTest}) opens the
 * {@code /ops} overview over a ledger written at known times: every bar and point the SVG carries
 * ({@code data-*}) is exactly what {@code GET /api/charts} answers for the same window, the known
 * figures among them; following a bar's link shows the filtered event list behind it. A failing
 * step leaves a screenshot in target/screenshots/.
 */
@HubTest
@TestPropertySource(properties = "hub.ops.charts.top-types=50") // a database of its own, too
class BrowserChartsTest {

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired FlowCharts charts;
  WebDriver browser;

  @RegisterExtension final Chromium chromium = new Chromium();

  @BeforeEach
  void openBrowser() {
    browser = chromium.browser();
  }

  private String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  record Mark(String chart, String series, String bucket, long value) {}

  /** Every bar and point the page's charts carry, read from their data attributes. */
  @SuppressWarnings("unchecked")
  private Set<Mark> drawn() {
    List<List<Object>> rows =
        (List<List<Object>>)
            ((JavascriptExecutor) browser)
                .executeScript(
                    "return Array.from(document.querySelectorAll('svg.chart')).flatMap(svg =>"
                        + " Array.from(svg.querySelectorAll('[data-value]')).map(e =>"
                        + " [svg.dataset.chart, e.dataset.series, e.dataset.bucket,"
                        + " e.dataset.value]));");
    Set<Mark> marks = new HashSet<>();
    for (List<Object> row : rows) {
      marks.add(
          new Mark(
              (String) row.get(0),
              (String) row.get(1),
              (String) row.get(2),
              Long.parseLong((String) row.get(3))));
    }
    assertThat(marks).as("one mark per figure").hasSize(rows.size());
    return marks;
  }

  /** The non-zero figures of an /api/charts answer, as the page should draw them. */
  private static Set<Mark> figures(JsonNode answer) {
    Set<Mark> marks = new HashSet<>();
    JsonNode buckets = answer.path("buckets");
    for (JsonNode type : answer.path("events")) {
      add(marks, "events", type.path("type").asText(), buckets, type.path("counts"));
    }
    for (JsonNode destination : answer.path("deliveries")) {
      String chart = "deliveries-" + destination.path("destination").asText();
      add(marks, chart, "delivered", buckets, destination.path("delivered"));
      add(marks, chart, "retry", buckets, destination.path("retry"));
      add(marks, chart, "dead", buckets, destination.path("dead"));
    }
    add(marks, "prehooks", "proceed", buckets, answer.at("/preHooks/proceed"));
    add(marks, "prehooks", "refused", buckets, answer.at("/preHooks/refused"));
    add(marks, "prehook-p99", "p99", buckets, answer.at("/preHooks/p99Ms"));
    add(marks, "oldest-leg", "age", buckets, answer.at("/oldestLeg/ageSeconds"));
    return marks;
  }

  private static void add(
      Set<Mark> marks, String chart, String series, JsonNode buckets, JsonNode values) {
    for (int i = 0; i < values.size(); i++) {
      if (!values.get(i).isNull() && values.get(i).asLong() > 0) {
        marks.add(new Mark(chart, series, buckets.get(i).asText(), values.get(i).asLong()));
      }
    }
  }

  @Test
  void theChartsShowTheNumbersTheApiGivesAndLinkToTheListBehindThem() {
    ChartLedger ledger = new ChartLedger(jdbc);
    Instant received = Instant.now().minus(Duration.ofMinutes(20));
    long step = 300;
    String bucket = Instant.ofEpochSecond(received.getEpochSecond() / step * step).toString();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ids.add(ledger.event("post", "charts.browser", received.plusMillis(i)));
    }
    ledger.event("post", "charts.other", received);
    String leg = ledger.leg(ids.get(0), "erp", "dead", received, received.plusSeconds(5), null);
    ledger.attempt(leg, "retry", received.plusSeconds(1));
    ledger.attempt(leg, "dead", received.plusSeconds(5));
    ledger.decision(ledger.event("pre", "order.submitting", received), false, 37, received);
    charts.forget();

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
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Overview");

    HubClient hub = new HubClient(port);
    // the same window: the page and the API share the answer kept for 30 s; should a bucket end
    // in between, both are read again
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              browser.navigate().refresh();
              HttpResponse<String> api = hub.opsGet("/api/charts?hours=24");
              assertThat(api.statusCode()).isEqualTo(200);
              JsonNode answer = Fixtures.json(api.body().getBytes(StandardCharsets.UTF_8));
              WebElement window = browser.findElement(By.id("window"));
              assertThat(window.getAttribute("data-since"))
                  .isEqualTo(answer.path("since").asText());
              assertThat(window.getAttribute("data-until"))
                  .isEqualTo(answer.path("until").asText());
              assertThat(drawn()).isEqualTo(figures(answer));
            });
    assertThat(drawn())
        .contains(
            new Mark("events", "charts.browser", bucket, 3),
            new Mark("events", "charts.other", bucket, 1),
            new Mark("deliveries-erp", "retry", bucket, 1),
            new Mark("deliveries-erp", "dead", bucket, 1),
            new Mark("prehooks", "refused", bucket, 1),
            new Mark("prehook-p99", "p99", bucket, 37));
    WebElement bar =
        browser.findElement(
            By.cssSelector(
                "svg[data-chart='events'] rect[data-series='charts.browser'][data-bucket='"
                    + bucket
                    + "']"));
    assertThat(bar.findElement(By.tagName("title")).getAttribute("textContent")).endsWith("UTC: 3");

    bar.click();

    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> browser.getCurrentUrl().contains("/ops/events?type=charts.browser"));
    assertThat(browser.getCurrentUrl())
        .contains("since=" + bucket)
        .contains("until=" + Instant.parse(bucket).plusSeconds(step));
    List<String> listed =
        browser.findElements(By.cssSelector("#events tbody td a")).stream()
            .map(WebElement::getText)
            .toList();
    assertThat(listed).containsExactlyInAnyOrderElementsOf(ids);
  }
}
