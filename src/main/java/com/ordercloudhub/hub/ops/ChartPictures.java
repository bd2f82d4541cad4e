package com.ordercloudhub.hub.ops;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The overview's charts as the template draws them (server-side SVG, no script): for each chart its
 * axes, one bar or point per non-zero value with the value in {@code data-*} attributes and a
 * {@code <title>}, and the link to the event list behind it (the list's own filters: type, kind,
 * leg status, destination, since, until).
 */
final class ChartPictures {

  static final int WIDTH = 960;
  static final int HEIGHT = 200;
  static final int LEFT = 56;
  static final int RIGHT = 12;
  static final int TOP = 10;
  static final int BOTTOM = 24;

  private static final String[] PALETTE = {
    "#0b69a3", "#f29e4c", "#2f9e44", "#c2255c", "#7048e8", "#1098ad", "#e8590c", "#5c940d",
    "#862e9c", "#7b8794"
  };
  private static final String DELIVERED = "#2f9e44";
  private static final String RETRY = "#f2c94c";
  private static final String DEAD = "#d64545";
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DAY_TIME =
      DateTimeFormatter.ofPattern("MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final long[] LABEL_EVERY_MINUTES = {15, 30, 60, 120, 180, 360, 720, 1440};

  private final FlowChart chart;
  private final int n;
  private final double plotWidth = WIDTH - LEFT - RIGHT;
  private final double plotHeight = HEIGHT - TOP - BOTTOM;

  private ChartPictures(FlowChart chart) {
    this.chart = chart;
    this.n = chart.buckets().size();
  }

  /** The charts of the overview, in page order. */
  static List<Map<String, Object>> of(FlowChart chart) {
    return new ChartPictures(chart).all();
  }

  private List<Map<String, Object>> all() {
    List<Map<String, Object>> charts = new ArrayList<>();
    List<Series> types = new ArrayList<>();
    for (int i = 0; i < chart.events().size(); i++) {
      FlowChart.TypeSeries type = chart.events().get(i);
      boolean other = FlowCharts.OTHER.equals(type.type());
      String filter = other ? "" : "type=" + encode(type.type()) + "&";
      types.add(
          new Series(
              type.type(),
              PALETTE[other ? PALETTE.length - 1 : i % (PALETTE.length - 1)],
              type.counts(),
              filter));
    }
    charts.add(
        bars(
            "events",
            "Events received by type",
            "per " + stepText() + ", by arrival; “other”: the types beyond the busiest",
            list(""),
            types,
            ""));
    for (FlowChart.DestinationSeries destination : chart.deliveries()) {
      String d = "destination=" + encode(destination.destination()) + "&";
      charts.add(
          bars(
              "deliveries-" + destination.destination(),
              "Delivery attempts to " + destination.destination(),
              "per "
                  + stepText()
                  + ", by attempt; a bar lists the events received then with a leg in that state now",
              list(d),
              List.of(
                  new Series(
                      "delivered", DELIVERED, destination.delivered(), "status=delivered&" + d),
                  new Series("retry", RETRY, destination.retry(), "status=retrying&" + d),
                  new Series("dead", DEAD, destination.dead(), "status=dead&" + d)),
              " attempts"));
    }
    charts.add(
        bars(
            "prehooks",
            "Pre-hook decisions",
            "per " + stepText() + ", by decision time",
            list("kind=pre&"),
            List.of(
                new Series("proceed", DELIVERED, chart.preHooks().proceed(), "kind=pre&"),
                new Series("refused", DEAD, chart.preHooks().refused(), "kind=pre&")),
            " decisions"));
    charts.add(
        line(
            "prehook-p99",
            "Pre-hook latency p99",
            "milliseconds, nearest rank, per " + stepText(),
            list("kind=pre&"),
            "p99",
            PALETTE[4],
            chart.preHooks().p99Ms(),
            "kind=pre&",
            " ms"));
    charts.add(
        line(
            "oldest-leg",
            "Oldest unfinished leg",
            "age at each bucket's end of the oldest leg not delivered, dead, skipped or held by then",
            "/ops/events?status=retrying",
            "age",
            PALETTE[6],
            chart.oldestLeg().ageSeconds(),
            null,
            " s"));
    return charts;
  }

  private record Series(String name, String fill, List<Long> values, String filter) {}

  /** Stacked bars: one rect per series and bucket with a value above zero. */
  private Map<String, Object> bars(
      String id, String title, String note, String href, List<Series> series, String unit) {
    long max = 0;
    for (int b = 0; b < n; b++) {
      long total = 0;
      for (Series s : series) {
        total += s.values().get(b);
      }
      max = Math.max(max, total);
    }
    long top = niceTop(max);
    List<Map<String, Object>> bars = new ArrayList<>();
    double width = plotWidth / n;
    for (int b = 0; b < n; b++) {
      double base = 0;
      for (Series s : series) {
        long value = s.values().get(b);
        if (value <= 0) {
          continue;
        }
        double height = value * plotHeight / top;
        Map<String, Object> bar = mark(s.name(), b, value, s.filter(), unit);
        bar.put("x", number(LEFT + b * width));
        bar.put("y", number(TOP + plotHeight - base - height));
        bar.put("width", number(Math.max(width - (n > 100 ? 0.3 : 1), 0.5)));
        bar.put("height", number(height));
        bar.put("fill", s.fill());
        bars.add(bar);
        base += height;
      }
    }
    Map<String, Object> picture = frame(id, title, note, href, top);
    picture.put("bars", bars);
    picture.put("empty", bars.isEmpty());
    List<Map<String, Object>> legend = new ArrayList<>();
    for (Series s : series) {
      legend.add(legendEntry(s.name(), s.fill(), list(s.filter())));
    }
    picture.put("legend", legend);
    return picture;
  }

  /** A line through every bucket with a value, and a point (with its numbers) where above zero. */
  private Map<String, Object> line(
      String id,
      String title,
      String note,
      String href,
      String name,
      String color,
      List<Long> values,
      String filter,
      String unit) {
    long max = 0;
    for (Long value : values) {
      max = value == null ? max : Math.max(max, value);
    }
    long top = niceTop(max);
    double width = plotWidth / n;
    StringBuilder points = new StringBuilder();
    List<Map<String, Object>> dots = new ArrayList<>();
    for (int b = 0; b < n; b++) {
      Long value = values.get(b);
      if (value == null) {
        continue;
      }
      String x = number(LEFT + (b + 0.5) * width);
      String y = number(TOP + plotHeight - value * plotHeight / top);
      points.append(points.isEmpty() ? "" : " ").append(x).append(',').append(y);
      if (value > 0) {
        Map<String, Object> dot = mark(name, b, value, filter, unit);
        dot.put("cx", x);
        dot.put("cy", y);
        dot.put("fill", color);
        if (filter == null) {
          dot.put("href", href);
        }
        dots.add(dot);
      }
    }
    Map<String, Object> picture = frame(id, title, note, href, top);
    picture.put("line", points.toString());
    picture.put("stroke", color);
    picture.put("dots", dots);
    picture.put("empty", dots.isEmpty());
    picture.put(
        "legend",
        filter == null
            ? List.of(
                legendEntry("pending legs", color, "/ops/events?status=pending"),
                legendEntry("retrying legs", color, "/ops/events?status=retrying"))
            : List.of(legendEntry(name, color, href)));
    return picture;
  }

  /** What every bar and point carries: its series, bucket, value, hover text and link. */
  private Map<String, Object> mark(
      String series, int bucket, long value, String filter, String unit) {
    Instant start = chart.buckets().get(bucket);
    Instant end = start.plusSeconds(chart.stepSeconds());
    Map<String, Object> mark = new LinkedHashMap<>();
    mark.put("series", series);
    mark.put("bucket", start.toString());
    mark.put("value", value);
    mark.put(
        "title",
        series + " · " + TIME.format(start) + "–" + TIME.format(end) + " UTC: " + value + unit);
    if (filter != null) {
      mark.put("href", "/ops/events?" + filter + "since=" + start + "&until=" + end);
    }
    return mark;
  }

  private Map<String, Object> frame(String id, String title, String note, String href, long top) {
    Map<String, Object> picture = new LinkedHashMap<>();
    picture.put("id", id);
    picture.put("title", title);
    picture.put("note", note);
    picture.put("href", href);
    picture.put("width", WIDTH);
    picture.put("height", HEIGHT);
    picture.put("left", LEFT);
    picture.put("right", WIDTH - RIGHT);
    picture.put("top", TOP);
    picture.put("bottom", HEIGHT - BOTTOM);
    picture.put("labelY", HEIGHT - BOTTOM + 16);
    List<Map<String, Object>> yTicks = new ArrayList<>();
    for (long value : new long[] {0, top / 2, top}) {
      if (value == top / 2 && (top % 2 != 0 || top < 2)) {
        continue;
      }
      double y = TOP + plotHeight - value * plotHeight / top;
      yTicks.add(Map.of("y", number(y), "textY", number(y + 4), "label", String.valueOf(value)));
    }
    picture.put("yTicks", yTicks);
    picture.put("xTicks", xTicks());
    return picture;
  }

  /** Time labels on round clock times, at most about eight across the window. */
  private List<Map<String, Object>> xTicks() {
    long minutes = Duration.between(chart.since(), chart.until()).toMinutes();
    long every = LABEL_EVERY_MINUTES[LABEL_EVERY_MINUTES.length - 1];
    for (long candidate : LABEL_EVERY_MINUTES) {
      if (candidate * 60 >= chart.stepSeconds() && minutes / candidate <= 8) {
        every = candidate;
        break;
      }
    }
    DateTimeFormatter format = minutes > 24 * 60 ? DAY_TIME : TIME;
    List<Map<String, Object>> ticks = new ArrayList<>();
    double width = plotWidth / n;
    for (int b = 0; b < n; b++) {
      Instant start = chart.buckets().get(b);
      if (start.getEpochSecond() % (every * 60) == 0) {
        ticks.add(Map.of("x", number(LEFT + b * width), "label", format.format(start)));
      }
    }
    return ticks;
  }

  private static Map<String, Object> legendEntry(String label, String fill, String href) {
    return Map.of("label", label, "fill", fill, "href", href);
  }

  /** The event list for the whole window with the filter ({@code "type=x&"} or empty). */
  private String list(String filter) {
    return "/ops/events?" + filter + "since=" + chart.since() + "&until=" + chart.until();
  }

  private String stepText() {
    long minutes = chart.stepSeconds() / 60;
    return minutes % 60 == 0 ? (minutes / 60) + " h" : minutes + " min";
  }

  /** The axis top: the maximum rounded up to 1, 2 or 5 times a power of ten (at least 1). */
  static long niceTop(long max) {
    long power = 1;
    while (true) {
      for (long step : new long[] {1, 2, 5}) {
        if (max <= step * power) {
          return step * power;
        }
      }
      power *= 10;
    }
  }

  private static String number(double value) {
    return String.format(Locale.ROOT, "%.2f", value);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
