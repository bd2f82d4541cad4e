package com.ordercloudhub.hub.ops;

import com.ordercloudhub.hub.config.Problem;
import com.ordercloudhub.hub.reconcile.Reconciler;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reconciliation on demand: {@code POST /api/reconcile[?since=…]} runs a pass now, here, and
 * answers its figures; 409 when a pass is running (here or on another hub) or reconciliation is
 * off.
 */
@RestController
@RequestMapping("/api/reconcile")
class ReconcileController {

  private final Reconciler reconciler;

  ReconcileController(Reconciler reconciler) {
    this.reconciler = reconciler;
  }

  /**
   * @param since list the orders changed after this time (ISO-8601 with offset) instead of after
   *     the watermark less the overlap
   */
  @PostMapping
  ResponseEntity<Object> pass(@RequestParam(required = false) String since) {
    OffsetDateTime from = OpsParameters.time("since", since);
    if (!reconciler.enabled()) {
      return ResponseEntity.status(HttpStatus.CONFLICT)
          .body(
              Problem.of(
                  409,
                  "reconcile_off",
                  "Reconciliation is off: set ORDERCLOUD_CLIENT_ID (the hub's own OrderCloud API"
                      + " client) or hub.reconcile.enabled=true"));
    }
    Reconciler.PassResult pass = reconciler.runNow(from);
    if (!pass.ran()) {
      return ResponseEntity.status(HttpStatus.CONFLICT)
          .body(
              Problem.of(
                  409,
                  "pass_running",
                  "A reconciliation pass is running on "
                      + pass.runningOn()
                      + "; try again when it has ended"));
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("outcome", pass.outcome());
    answer.put("changedAfter", pass.since());
    answer.put("ordersChecked", pass.orders());
    answer.put("eventsRecovered", pass.recovered());
    answer.put("ordersLeftToWebhooks", pass.deferred());
    answer.put("pages", pass.pages());
    answer.put("throttled", pass.throttled());
    answer.put("durationMs", pass.durationMs());
    answer.put("watermark", pass.watermark());
    answer.put("error", pass.error());
    answer.put("instance", pass.runningOn());
    return ResponseEntity.ok(answer);
  }

  @ExceptionHandler(OpsParameters.BadParameter.class)
  ResponseEntity<Problem> badParameter(OpsParameters.BadParameter e) {
    return ResponseEntity.badRequest().body(Problem.of(400, "invalid_parameter", e.getMessage()));
  }
}
