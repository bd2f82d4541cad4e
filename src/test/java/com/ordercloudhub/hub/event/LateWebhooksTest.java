package com.ordercloudhub.hub.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ordercloudhub.hub.support.HubTest;
import com.ordercloudhub.hub.support.Payloads;
import com.ordercloudhub.hub.support.Webhooks;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A post-hook arriving after the reconciler recovered its event is that event's duplicate, but only
 * while reconciliation has turned the check on (the test hub has it off), only for the types it
 * names, and never for a pre-hook.
 */
@HubTest
class LateWebhooksTest {

  @Autowired EventStore store;
  @Autowired EventCatalogue catalogue;
  @Autowired JdbcTemplate jdbc;

  @AfterEach
  void off() {
    store.answerLateWebhooks(Set.of());
  }

  @Test
  void aRecoveredEventStoredAgainUnderItsKeyIsTheFirstOnesDuplicate() {
    String orderId = "SO-" + UUID.randomUUID();
    String key =
        ReceivedEvent.sha256Hex(
            ("reconciled\norder.canceled\n" + orderId).getBytes(StandardCharsets.UTF_8));

    // a second pass, or a second hub, recovering the same event
    EventReceipt first =
        store.recordReconciled(catalogue.classify(postHook(Webhooks.orderCanceled(orderId))), key);
    EventReceipt again =
        store.recordReconciled(catalogue.classify(postHook(Webhooks.orderCanceled(orderId))), key);

    assertThat(first.duplicate()).isFalse();
    assertThat(again.duplicate()).isTrue();
    assertThat(again.eventId()).isEqualTo(first.eventId());
    assertThat(
            jdbc.queryForObject(
                "SELECT COUNT(*) FROM hub_event WHERE business_key = ?",
                Integer.class,
                "order:" + orderId))
        .isEqualTo(1);
  }

  @Test
  void aLateWebhookIsTheRecoveredEventsDuplicateOnlyWhileTheCheckIsOn() {
    String orderId = "SO-" + UUID.randomUUID();
    EventReceipt recovered =
        store.recordReconciled(
            catalogue.classify(postHook(Webhooks.orderSubmitted(orderId))),
            ReceivedEvent.sha256Hex(
                ("reconciled\norder.submitted\n" + orderId).getBytes(StandardCharsets.UTF_8)));
    assertThat(recovered.duplicate()).isFalse();
    assertThat(
            jdbc.queryForObject(
                "SELECT origin FROM hub_event WHERE id = ?", String.class, recovered.eventId()))
        .isEqualTo("reconciled");

    // off (the hub's default without reconciliation): the webhook is stored as always
    EventReceipt whileOff =
        store.record(catalogue.classify(postHook(Webhooks.orderSubmitted(orderId))));
    assertThat(whileOff.duplicate()).isFalse();

    // on, but for other types: still stored
    store.answerLateWebhooks(Set.of("order.canceled"));
    assertThat(
            store
                .record(catalogue.classify(postHook(Webhooks.orderSubmitted(orderId))))
                .duplicate())
        .isFalse();

    // on for its type: the recovered event answers, and counts the repeat
    store.answerLateWebhooks(Set.of("order.submitted"));
    EventReceipt late =
        store.record(catalogue.classify(postHook(Webhooks.orderSubmitted(orderId))));

    assertThat(late.duplicate()).isTrue();
    assertThat(late.eventId()).isEqualTo(recovered.eventId());
    assertThat(
            jdbc.queryForObject(
                "SELECT duplicates FROM hub_event WHERE id = ?",
                Integer.class,
                recovered.eventId()))
        .isEqualTo(1);
    assertThat(
            jdbc.queryForObject(
                "SELECT COUNT(*) FROM hub_event WHERE business_key = ? AND kind = 'post'",
                Integer.class,
                "order:" + orderId))
        .isEqualTo(3);
    // a pre-hook of the same order is decided, never answered as a duplicate
    EventReceipt preHook =
        store.record(
            catalogue.classify(
                new ReceivedEvent(
                    EventKind.PRE,
                    null,
                    "v1/orders/{direction}/{orderID}/submit",
                    "POST",
                    UUID.randomUUID().toString(),
                    null,
                    null,
                    null,
                    null,
                    "b",
                    1,
                    Webhooks.orderSubmitted(orderId))));
    assertThat(preHook.duplicate()).isFalse();
  }

  private static ReceivedEvent postHook(ObjectNode payload) {
    byte[] body = Payloads.bytes(payload);
    return new ReceivedEvent(
        EventKind.POST,
        null,
        payload.get("Route").asText(),
        "POST",
        payload.path("LogID").asText(UUID.randomUUID().toString()),
        null,
        null,
        null,
        null,
        ReceivedEvent.sha256Hex(body),
        body.length,
        payload);
  }
}
