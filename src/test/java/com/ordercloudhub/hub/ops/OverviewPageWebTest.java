package com.ordercloudhub.hub.ops;

import static com.ordercloudhub.hub.ops.OpsWebSlice.ops;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The {@code /ops} overview as a page: only {@link OverviewPage} and the real security, the figures
 * ({@link FlowCharts}) mocked with a known answer. Every non-zero figure is drawn once, with its
 * value in {@code data-value} and its hover title, and links to the event list with the filters
 * behind it; the header links to the overview.
 */
@WebMvcTest(OverviewPage.class)
@Import(OpsWebSlice.class)
@TestPropertySource(locations = "classpath:hub-test.properties")
class OverviewPageWebTest {

  static final Instant SINCE = Instant.parse("2026-11-28T09:00:00Z");
  static final ChartsProperties SETTINGS =
      new ChartsProperties(24, 168, Duration.ofMinutes(5), 8, Duration.ofSeconds(30));

  @Autowired MockMvc mvc;
  @Autowired ThrottledLogin logins;
  @MockitoBean FlowCharts charts;

  @BeforeEach
  void settings() {
    logins.throttle().clear();
    when(charts.settings()).thenReturn(SETTINGS);
  }

  static List<Long> counts(long... bucketAndValue) {
    List<Long> values = new ArrayList<>(Collections.nCopies(12, 0L));
    for (int i = 0; i < bucketAndValue.length; i += 2) {
      values.set((int) bucketAndValue[i], bucketAndValue[i + 1]);
    }
    return values;
  }

  /** One hour from 09:00: a little of everything. */
  static FlowChart known() {
    List<Long> p99 = new ArrayList<>(Collections.nCopies(12, (Long) null));
    p99.set(2, 180L);
    List<Long> ages = new ArrayList<>(counts(4, 300, 5, 600));
    return new FlowChart(
        SINCE,
        SINCE.plus(Duration.ofHours(1)),
        1,
        300,
        SINCE.plus(Duration.ofMinutes(58)),
        IntStream.range(0, 12).mapToObj(i -> SINCE.plusSeconds(300L * i)).toList(),
        List.of(
            new FlowChart.TypeSeries("order.submitted", 5, counts(0, 3, 11, 2)),
            new FlowChart.TypeSeries(FlowCharts.OTHER, 1, counts(3, 1))),
        List.of(new FlowChart.DestinationSeries("erp", counts(1, 4), counts(2, 2), counts(3, 1))),
        new FlowChart.PreHooks(counts(2, 7), counts(2, 1), p99),
        new FlowChart.OldestLeg(ages));
  }

  record Mark(String chart, String series, String bucket, long value, String href, String title) {}

  static final Pattern FIGURE = Pattern.compile("<figure class=\"chart\" id=\"chart-([^\"]+)\">");
  static final Pattern MARK =
      Pattern.compile(
          "<a href=\"([^\"]*)\"><(?:rect class=\"bar\"|circle class=\"point\")[^>]*"
              + " data-series=\"([^\"]*)\" data-bucket=\"([^\"]*)\" data-value=\"(\\d+)\">"
              + "<title>([^<]*)</title>");

  /** Every bar and point of the page, with the chart it is in. */
  static List<Mark> marks(String html) {
    List<Mark> marks = new ArrayList<>();
    String[] figures = FIGURE.split(html);
    Matcher ids = FIGURE.matcher(html);
    for (int i = 1; i < figures.length && ids.find(); i++) {
      Matcher mark = MARK.matcher(figures[i]);
      while (mark.find()) {
        marks.add(
            new Mark(
                ids.group(1),
                mark.group(2),
                mark.group(3),
                Long.parseLong(mark.group(4)),
                mark.group(1),
                mark.group(5)));
      }
    }
    return marks;
  }

  static String window(int bucket) {
    Instant start = SINCE.plusSeconds(300L * bucket);
    return "since=" + start + "&until=" + start.plusSeconds(300);
  }

  @Test
  void theOverviewDrawsEveryFigureOnceWithItsNumbersAndTheListBehindIt() throws Exception {
    when(charts.chart(1)).thenReturn(known());

    String html =
        mvc.perform(get("/ops").param("hours", "1").accept(MediaType.TEXT_HTML).with(ops()))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();
    // as a browser reads the attributes: Handlebars writes = and & as character references
    html = html.replace("&#x3D;", "=").replace("&amp;", "&");

    String b = "2026-11-28T09:";
    assertThat(marks(html))
        .containsExactlyInAnyOrder(
            new Mark(
                "events",
                "order.submitted",
                b + "00:00Z",
                3,
                "/ops/events?type=order.submitted&" + window(0),
                "order.submitted · 09:00–09:05 UTC: 3"),
            new Mark(
                "events",
                "order.submitted",
                b + "55:00Z",
                2,
                "/ops/events?type=order.submitted&" + window(11),
                "order.submitted · 09:55–10:00 UTC: 2"),
            new Mark(
                "events",
                "other",
                b + "15:00Z",
                1,
                "/ops/events?" + window(3),
                "other · 09:15–09:20 UTC: 1"),
            new Mark(
                "deliveries-erp",
                "delivered",
                b + "05:00Z",
                4,
                "/ops/events?status=delivered&destination=erp&" + window(1),
                "delivered · 09:05–09:10 UTC: 4 attempts"),
            new Mark(
                "deliveries-erp",
                "retry",
                b + "10:00Z",
                2,
                "/ops/events?status=retrying&destination=erp&" + window(2),
                "retry · 09:10–09:15 UTC: 2 attempts"),
            new Mark(
                "deliveries-erp",
                "dead",
                b + "15:00Z",
                1,
                "/ops/events?status=dead&destination=erp&" + window(3),
                "dead · 09:15–09:20 UTC: 1 attempts"),
            new Mark(
                "prehooks",
                "proceed",
                b + "10:00Z",
                7,
                "/ops/events?kind=pre&" + window(2),
                "proceed · 09:10–09:15 UTC: 7 decisions"),
            new Mark(
                "prehooks",
                "refused",
                b + "10:00Z",
                1,
                "/ops/events?kind=pre&" + window(2),
                "refused · 09:10–09:15 UTC: 1 decisions"),
            new Mark(
                "prehook-p99",
                "p99",
                b + "10:00Z",
                180,
                "/ops/events?kind=pre&" + window(2),
                "p99 · 09:10–09:15 UTC: 180 ms"),
            new Mark(
                "oldest-leg",
                "age",
                b + "20:00Z",
                300,
                "/ops/events?status=retrying",
                "age · 09:20–09:25 UTC: 300 s"),
            new Mark(
                "oldest-leg",
                "age",
                b + "25:00Z",
                600,
                "/ops/events?status=retrying",
                "age · 09:25–09:30 UTC: 600 s"));
    // each chart's own link: its list over the whole window
    String all = "since=2026-11-28T09:00:00Z&until=2026-11-28T10:00:00Z";
    assertThat(html)
        .contains(
            "<a class=\"chart-link\" href=\"/ops/events?" + all + "\">Events received by type")
        .contains(
            "<a class=\"chart-link\" href=\"/ops/events?destination=erp&"
                + all
                + "\">Delivery attempts to erp")
        .contains(
            "<a class=\"chart-link\" href=\"/ops/events?kind=pre&" + all + "\">Pre-hook decisions")
        .contains("<a href=\"/ops/events?type=order.submitted&" + all + "\">")
        .contains("data-since=\"2026-11-28T09:00:00Z\" data-until=\"2026-11-28T10:00:00Z\"")
        .contains("<a href=\"/ops\">Overview</a>")
        .contains(">09:00</text>", ">09:30</text>")
        // the axes top at the largest value rounded up: events 3 to 5, the p99 180 ms to 200
        .contains("text-anchor=\"end\">5</text>", "text-anchor=\"end\">200</text>");
  }

  @Test
  void aBadWindowIsSaidAndTheDefaultShown() throws Exception {
    when(charts.chart(24)).thenReturn(known());

    String html =
        mvc.perform(get("/ops").param("hours", "500").with(ops()))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();

    assertThat(html).contains("hours must be a whole number from 1 to 168");
    verify(charts, never()).chart(500);
  }

  @Test
  void withoutLoginABrowserIsSentToTheForm() throws Exception {
    mvc.perform(get("/ops").accept(MediaType.TEXT_HTML))
        .andExpect(status().isFound())
        .andExpect(redirectedUrl("http://localhost/login"));
    verify(charts, never()).chart(anyInt());
  }
}
