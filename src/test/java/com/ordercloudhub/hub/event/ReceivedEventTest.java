package com.ordercloudhub.hub.event;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReceivedEventTest {

  private static ReceivedEvent webhook(EventKind kind, String logId, String route, String verb) {
    return new ReceivedEvent(kind, null, route, verb, logId, null, null, null, null, "b1", 1, null);
  }

  private static ReceivedEvent message(String ocLogId, String type, String recipient, String hash) {
    return new ReceivedEvent(
        EventKind.MESSAGE, null, null, null, null, type, ocLogId, recipient, null, hash, 1, null);
  }

  @Test
  void aWebhookIsTheSameCallWhenLogIdRouteVerbAndKindMatch() {
    ReceivedEvent first = webhook(EventKind.POST, "L1", "v1/cart/submit", "POST");

    assertThat(webhook(EventKind.POST, "L1", "v1/cart/submit", "POST").dedupeKey())
        .isEqualTo(first.dedupeKey());
    assertThat(webhook(EventKind.PRE, "L1", "v1/cart/submit", "POST").dedupeKey())
        .isNotEqualTo(first.dedupeKey());
    assertThat(webhook(EventKind.POST, "L2", "v1/cart/submit", "POST").dedupeKey())
        .isNotEqualTo(first.dedupeKey());
    assertThat(webhook(EventKind.POST, "L1", "v1/cart", "POST").dedupeKey())
        .isNotEqualTo(first.dedupeKey());
    assertThat(webhook(EventKind.POST, "L1", "v1/cart/submit", "PUT").dedupeKey())
        .isNotEqualTo(first.dedupeKey());
  }

  @Test
  void aMessageIsTheSameCallForTheSameLogIdTypeAndRecipient() {
    ReceivedEvent first = message("OC1", "OrderSubmitted", "user-1", "hashA");

    assertThat(message("OC1", "ordersubmitted", "user-1", "hashB").dedupeKey())
        .isEqualTo(first.dedupeKey());
    assertThat(message("OC1", "OrderSubmitted", "user-2", "hashA").dedupeKey())
        .isNotEqualTo(first.dedupeKey());
    assertThat(message("OC1", "OrderApproved", "user-1", "hashA").dedupeKey())
        .isNotEqualTo(first.dedupeKey());
  }

  @Test
  void withoutLogIdOrRecipientAMessageIsIdentifiedByItsBody() {
    assertThat(message(null, "OrderSubmitted", "user-1", "hashA").dedupeKey())
        .isEqualTo(message(null, "OrderApproved", null, "hashA").dedupeKey())
        .isNotEqualTo(message(null, "OrderSubmitted", "user-1", "hashB").dedupeKey());
    assertThat(message("OC1", "OrderSubmitted", null, "hashA").dedupeKey())
        .isEqualTo(message(null, "OrderSubmitted", null, "hashA").dedupeKey());
  }

  @Test
  void toStringNeverShowsThePayload() {
    ReceivedEvent event =
        new ReceivedEvent(
            EventKind.POST,
            "order.submitted",
            "r",
            "POST",
            "L",
            null,
            null,
            null,
            null,
            "h",
            1,
            (com.fasterxml.jackson.databind.node.ObjectNode)
                com.ordercloudhub.hub.support.Fixtures.json(
                    "{\"UserToken\":\"secret-jwt\"}".getBytes()));

    assertThat(event.toString()).doesNotContain("secret-jwt");
  }
}
