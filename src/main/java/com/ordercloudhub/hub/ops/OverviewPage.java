package com.ordercloudhub.hub.ops;

import com.github.jknack.handlebars.Template;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The operators' first page, {@code /ops}: how traffic moved over the last hours, drawn on the
 * server as SVG (no script, no chart library) from the figures {@code GET /api/charts} answers for
 * the same window; every chart, bar and point links to the event list behind it.
 */
@Controller
class OverviewPage {

  private final FlowCharts charts;
  private final Template page;

  OverviewPage(FlowCharts charts) throws IOException {
    this.charts = charts;
    this.page = Pages.compile("overview");
  }

  @GetMapping("/ops")
  ResponseEntity<String> overview(@RequestParam(required = false) String hours) throws IOException {
    ChartsProperties settings = charts.settings();
    String notice = null;
    int window;
    try {
      window = ChartsController.hours(hours, settings);
    } catch (OpsParameters.BadParameter e) {
      window = settings.hours();
      notice = e.getMessage();
    }
    FlowChart chart = charts.chart(window);
    TreeSet<Integer> windows = new TreeSet<>();
    for (int each : new int[] {1, 6, 12, 24, 48, 168}) {
      if (each <= settings.maxHours()) {
        windows.add(each);
      }
    }
    windows.add(settings.hours());
    windows.add(window);
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("notice", notice);
    model.put("hours", window);
    model.put("windows", windows);
    model.put("since", chart.since().toString());
    model.put("until", chart.until().toString());
    model.put("stepSeconds", chart.stepSeconds());
    model.put("computedAt", chart.computedAt().toString());
    model.put("cacheSeconds", settings.cache().toSeconds());
    model.put("charts", ChartPictures.of(chart));
    return Pages.html(page.apply(model));
  }
}
