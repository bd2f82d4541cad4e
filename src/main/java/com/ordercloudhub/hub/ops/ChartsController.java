package com.ordercloudhub.hub.ops;

import com.ordercloudhub.hub.config.Problem;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The figures behind the {@code /ops} overview's charts, as JSON: {@code GET /api/charts?hours=24}
 * (default {@code hub.ops.charts.hours}, at most {@code hub.ops.charts.max-hours}).
 */
@RestController
@RequestMapping("/api/charts")
class ChartsController {

  private final FlowCharts charts;

  ChartsController(FlowCharts charts) {
    this.charts = charts;
  }

  @GetMapping
  FlowChart charts(@RequestParam(required = false) String hours) {
    return charts.chart(hours(hours, charts.settings()));
  }

  /** The window asked for: a whole number of hours from 1 to max-hours; none: the default. */
  static int hours(String value, ChartsProperties settings) {
    String text = OpsParameters.text(value);
    if (text == null) {
      return settings.hours();
    }
    int hours;
    try {
      hours = Integer.parseInt(text);
    } catch (NumberFormatException e) {
      hours = -1;
    }
    if (hours < 1 || hours > settings.maxHours()) {
      throw new OpsParameters.BadParameter(
          "hours must be a whole number from 1 to " + settings.maxHours());
    }
    return hours;
  }

  @ExceptionHandler(OpsParameters.BadParameter.class)
  ResponseEntity<Problem> badParameter(OpsParameters.BadParameter e) {
    return ResponseEntity.badRequest().body(Problem.of(400, "invalid_parameter", e.getMessage()));
  }
}
