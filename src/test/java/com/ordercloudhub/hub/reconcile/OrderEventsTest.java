package com.ordercloudhub.hub.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ordercloudhub.hub.reconcile.OrderEvents.Action;
import com.ordercloudhub.hub.reconcile.OrderEvents.Expected;
import com.ordercloudhub.hub.support.Fixtures;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which order events an order's state calls for, over the states an OrderCloud order goes through:
 * each Date* field (or the Status alone) gives its event with that date, oldest first.
 */
class OrderEventsTest {

  static final String CREATED = "2026-03-01T09:00:00+00:00";
  static final String SUBMITTED = "2026-03-01T10:00:00.123+00:00";
  static final String APPROVED = "2026-03-01T11:00:00+00:00";
  static final String DECLINED = "2026-03-01T11:30:00+00:00";
  static final String CANCELED = "2026-03-01T12:00:00+00:00";
  static final String COMPLETED = "2026-03-02T08:00:00+00:00";
  static final String UPDATED = "2026-03-02T09:00:00+00:00";

  static ObjectNode order(String status, boolean submitted) {
    ObjectNode order = Fixtures.mapper().createObjectNode();
    order.put("ID", "SO-1").put("Status", status).put("IsSubmitted", submitted);
    order.put("DateCreated", CREATED).put("LastUpdated", UPDATED);
    for (String field :
        List.of("DateSubmitted", "DateApproved", "DateDeclined", "DateCanceled", "DateCompleted")) {
      order.putNull(field);
    }
    return order;
  }

  @Test
  void anUnsubmittedOrderCallsForNoEvent() {
    assertThat(OrderEvents.of(order("Unsubmitted", false))).isEmpty();
  }

  @Test
  void aSubmittedOrderCallsForOrderSubmittedAtItsDateSubmitted() {
    ObjectNode order = order("Open", true).put("DateSubmitted", SUBMITTED);

    assertThat(OrderEvents.of(order)).containsExactly(new Expected(Action.SUBMIT, SUBMITTED));
  }

  @Test
  void awaitingApprovalIsSubmittedOnly() {
    ObjectNode order = order("AwaitingApproval", true).put("DateSubmitted", SUBMITTED);

    assertThat(OrderEvents.of(order)).extracting(Expected::action).containsExactly(Action.SUBMIT);
  }

  @Test
  void submittedApprovedThenCanceledIsThreeEventsInThatOrder() {
    ObjectNode order =
        order("Canceled", true)
            .put("DateSubmitted", SUBMITTED)
            .put("DateApproved", APPROVED)
            .put("DateCanceled", CANCELED);

    assertThat(OrderEvents.of(order))
        .containsExactly(
            new Expected(Action.SUBMIT, SUBMITTED),
            new Expected(Action.APPROVE, APPROVED),
            new Expected(Action.CANCEL, CANCELED));
  }

  @Test
  void aDeclinedOrderIsSubmittedThenDeclined() {
    ObjectNode order =
        order("Declined", true).put("DateSubmitted", SUBMITTED).put("DateDeclined", DECLINED);

    assertThat(OrderEvents.of(order))
        .containsExactly(
            new Expected(Action.SUBMIT, SUBMITTED), new Expected(Action.DECLINE, DECLINED));
  }

  @Test
  void aCompletedOrderIsSubmittedThenCompleted() {
    ObjectNode order =
        order("Completed", true).put("DateSubmitted", SUBMITTED).put("DateCompleted", COMPLETED);

    assertThat(OrderEvents.of(order))
        .containsExactly(
            new Expected(Action.SUBMIT, SUBMITTED), new Expected(Action.COMPLETE, COMPLETED));
  }

  @Test
  void aStatusWithoutItsDateStillCallsForItsEventDatedLastUpdated() {
    assertThat(OrderEvents.of(order("Canceled", true).put("DateSubmitted", SUBMITTED)))
        .containsExactly(
            new Expected(Action.SUBMIT, SUBMITTED), new Expected(Action.CANCEL, UPDATED));
    assertThat(OrderEvents.of(order("Completed", true)))
        .containsExactly(
            new Expected(Action.SUBMIT, UPDATED), new Expected(Action.COMPLETE, UPDATED));
  }

  @Test
  void aDateSubmittedWithoutIsSubmittedIsStillASubmit() {
    assertThat(OrderEvents.of(order("Open", false).put("DateSubmitted", SUBMITTED)))
        .containsExactly(new Expected(Action.SUBMIT, SUBMITTED));
  }

  @Test
  void eventsAreOrderedByTheirDatesNotByTheActionsOrder() {
    // declined before it was approved (a resubmitted order): the dates decide
    ObjectNode order =
        order("Open", true)
            .put("DateSubmitted", SUBMITTED)
            .put("DateDeclined", "2026-03-01T10:30:00+00:00")
            .put("DateApproved", APPROVED);

    assertThat(OrderEvents.of(order))
        .extracting(Expected::action)
        .containsExactly(Action.SUBMIT, Action.DECLINE, Action.APPROVE);
  }

  @Test
  void blankDatesAndOtherStatusesCallForNothingMore() {
    ObjectNode order = order("Open", true).put("DateSubmitted", SUBMITTED).put("DateApproved", "");

    assertThat(OrderEvents.of(order)).extracting(Expected::action).containsExactly(Action.SUBMIT);
  }

  @Test
  void timesWithAndWithoutAnOffsetAreRead() {
    assertThat(OrderEvents.instant("2026-03-01T10:00:00.123+02:00"))
        .contains(Instant.parse("2026-03-01T08:00:00.123Z"));
    assertThat(OrderEvents.instant("2026-03-01T10:00:00.1234567")) // no offset: UTC
        .contains(Instant.parse("2026-03-01T10:00:00.1234567Z"));
    assertThat(OrderEvents.instant("yesterday")).isEmpty();
    assertThat(OrderEvents.lastUpdated(order("Open", true)))
        .contains(Instant.parse("2026-03-02T09:00:00Z"));
  }

  @Test
  void eachActionsRouteIsItsWebhooksTriggerRoute() {
    assertThat(List.of(Action.values()))
        .extracting(Action::route)
        .containsExactly(
            "v1/orders/{direction}/{orderID}/submit",
            "v1/orders/{direction}/{orderID}/approve",
            "v1/orders/{direction}/{orderID}/decline",
            "v1/orders/{direction}/{orderID}/cancel",
            "v1/orders/{direction}/{orderID}/complete");
  }
}
