package com.ordercloudhub.hub.impact;

import static org.assertj.core.api.Assertions.assertThat;

import com.ordercloudhub.hub.dryrun.Simulation;
import com.ordercloudhub.hub.support.Fixtures;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ComparisonTest {

  final Comparison comparison = new Comparison(Fixtures.mapper());

  static Map<String, Object> get(String url) {
    return Map.of("system", "http", "method", "GET", "url", url, "headers", Map.of());
  }

  static Map<String, Object> token(String url) {
    return Map.of(
        "system", "http", "method", "POST", "url", url, "headers", Map.of(), "body", "[redacted]");
  }

  static Simulation erp(List<Map<String, Object>> requests) {
    return new Simulation(
        true,
        "evt-1",
        true,
        "post",
        "order.submitted",
        "event-order-submitted",
        null,
        List.of(new Simulation.Leg("erp", "delivered", "evt-1:erp", null, List.of(), requests)));
  }

  @Test
  void aTokenRequestOnOneSideOnlyIsNoChangeSinceItSaysOnlyWhichSideHadATokenCached() {
    Map<String, Object> lineItems =
        get("https://api.ordercloud.io/v1/orders/Incoming/SO-1/lineitems");

    assertThat(
            comparison.compare(
                erp(List.of(lineItems)),
                erp(List.of(token("https://auth.ordercloud.io/oauth/token"), lineItems))))
        .isEmpty();
  }

  @Test
  void anyOtherRequestOnOneSideOnlyIsAChange() {
    Map<String, Object> lineItems =
        get("https://api.ordercloud.io/v1/orders/Incoming/SO-1/lineitems");

    assertThat(
            comparison.compare(
                erp(List.of(lineItems)),
                erp(List.of(get("https://api.ordercloud.io/v1/me"), lineItems))))
        .hasSize(1)
        .first()
        .satisfies(d -> assertThat(d.change()).isEqualTo("requests"));
  }
}
