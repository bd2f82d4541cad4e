package com.ordercloudhub.hub.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import org.junit.jupiter.api.Test;

/** A lane's places, its waiting line, and the budget large bodies cannot take from small ones. */
class LaneTest {

  final BodyBudget budget = new BodyBudget(100, 30, 10);
  final Lane lane = new Lane("test", budget, 50, 2, 1, Runnable::run);
  final DoorCall first = mock(DoorCall.class);
  final DoorCall second = mock(DoorCall.class);
  final DoorCall third = mock(DoorCall.class);
  final DoorCall fourth = mock(DoorCall.class);

  @Test
  void callsRunUpToTheLanesPlacesThenWaitInALineThenAreRefused() {
    assertThat(lane.admit(first)).isEqualTo(Lane.Admission.RUN);
    assertThat(lane.admit(second)).isEqualTo(Lane.Admission.RUN);
    assertThat(lane.admit(third)).isEqualTo(Lane.Admission.WAIT);
    assertThat(lane.admit(fourth)).isEqualTo(Lane.Admission.FULL);
    assertThat(lane.running()).isEqualTo(2);
    assertThat(lane.waiting()).isEqualTo(1);
  }

  @Test
  void aFinishedCallHandsItsPlaceToTheWaitingOneAndFreesItWhenNoneWaits() {
    lane.admit(first);
    lane.admit(second);
    lane.admit(third);

    assertThat(lane.done()).isSameAs(third);
    assertThat(lane.running()).isEqualTo(2);
    assertThat(lane.done()).isNull();
    assertThat(lane.running()).isEqualTo(1);
  }

  @Test
  void aCallThatGaveUpWaitingIsNoLongerInTheLineAndCannotBeGivenUpTwice() {
    lane.admit(first);
    lane.admit(second);
    lane.admit(third);

    assertThat(lane.giveUp(third)).isTrue();
    assertThat(lane.giveUp(third)).isFalse();
    assertThat(lane.done()).isNull();
    assertThat(lane.admit(fourth)).isEqualTo(Lane.Admission.RUN);
  }

  @Test
  void largeBodiesCannotTakeTheSmallBodiesReserve() {
    assertThat(budget.take(40, 40)).isTrue();
    assertThat(budget.take(40, 40)).isFalse(); // 80 > 100 - 30
    assertThat(budget.take(30, 40)).isTrue();
    for (int i = 0; i < 3; i++) {
      assertThat(budget.take(10, 10)).isTrue(); // small ones use the reserve
    }
    assertThat(budget.take(1, 1)).isFalse();
    budget.give(100);
    assertThat(budget.used()).isZero();
  }

  @Test
  void pathTemplatesMatchOneWholeSegmentPerVariable() {
    String typed = "/webhooks/ordercloud/messages/{messagetype}";
    assertThat(DoorConsumer.matches(typed, "/webhooks/ordercloud/messages/OrderSubmitted"))
        .isTrue();
    assertThat(DoorConsumer.matches(typed, "/webhooks/ordercloud/messages/")).isFalse();
    assertThat(DoorConsumer.matches(typed, "/webhooks/ordercloud/messages/a/b")).isFalse();
    assertThat(DoorConsumer.matches("/webhooks/ordercloud/post", "/webhooks/ordercloud/post"))
        .isTrue();
    assertThat(DoorConsumer.matches("/webhooks/ordercloud/post", "/webhooks/ordercloud/post/"))
        .isFalse();
    assertThat(DoorConsumer.matches("/webhooks/ordercloud/post", "/webhooks/ordercloud/pos"))
        .isFalse();
  }
}
