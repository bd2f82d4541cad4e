package com.ordercloudhub.hub.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeliveryPlanTest {

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource(
      value = {
        "direct:database-deliver-event, database",
        "direct://database-deliver-event, database",
        "direct://crm-deliver-event?timeout=5000, crm",
        "direct:test-http-deliver-event, test-http",
        "direct:database-upsert-order, NULL",
        "log:x, NULL",
        "NULL, NULL"
      },
      nullValues = "NULL")
  void aDestinationIsNamedByItsDeliverEventRoute(String endpoint, String destination) {
    assertThat(DeliveryPlan.destinationOf(endpoint)).isEqualTo(destination);
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({
    "order.submitted, event-order-submitted",
    "order-return.completed, event-order-return-completed",
    "message.ordersubmitted, event-message-ordersubmitted",
    "unclassified, event-unclassified"
  })
  void anEventTypesRoutingRouteIsNamedAfterIt(String type, String route) {
    assertThat(EventPlanner.routeIdFor(type)).isEqualTo(route);
  }
}
