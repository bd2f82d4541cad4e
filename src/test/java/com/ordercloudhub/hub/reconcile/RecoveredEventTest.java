package com.ordercloudhub.hub.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ordercloudhub.hub.event.CatalogueProperties;
import com.ordercloudhub.hub.event.EventCatalogue;
import com.ordercloudhub.hub.event.EventKind;
import com.ordercloudhub.hub.event.ReceivedEvent;
import com.ordercloudhub.hub.reconcile.OrderEvents.Action;
import com.ordercloudhub.hub.reconcile.OrderEvents.Expected;
import com.ordercloudhub.hub.support.Fixtures;
import com.ordercloudhub.hub.support.Payloads;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The event built from the API's order has the webhook's payload shape (so destinations read it as
 * they read the real post-hook), is classified by the catalogue like the webhook, and has one
 * dedupe key per order and type that no webhook shares.
 */
class RecoveredEventTest {

  final ObjectMapper mapper = Fixtures.mapper();

  /** The order of the shared submit post-hook fixture, as the API lists it. */
  JsonNode order() {
    return Payloads.node(Fixtures.POST_ORDER_SUBMIT).at("/Response/Body");
  }

  @Test
  void thePayloadHasTheWebhooksShapeWithTheOrderAsTheResponseBody() throws Exception {
    JsonNode order = order();
    Expected submit = new Expected(Action.SUBMIT, "2025-03-14T16:02:11.39+00:00");

    ReceivedEvent event = RecoveredEvent.of(mapper, "Incoming", order, submit);

    ObjectNode webhook = Payloads.node(Fixtures.POST_ORDER_SUBMIT);
    ObjectNode payload = event.payload();
    assertThat(payload.get("Route").asText()).isEqualTo(webhook.get("Route").asText());
    assertThat(payload.get("Verb").asText()).isEqualTo("POST");
    assertThat(payload.at("/RouteParams/orderID").asText()).isEqualTo("SO-100234");
    assertThat(payload.at("/RouteParams/direction").asText()).isEqualTo("Incoming");
    assertThat(payload.get("Date").asText()).isEqualTo("2025-03-14T16:02:11.39+00:00");
    assertThat(payload.at("/Response/Body")).isEqualTo(order);
    assertThat(payload.at("/Request/Body").isNull()).isTrue();
    assertThat(payload.has("UserToken")).isFalse();
    assertThat(payload.has("LogID")).isFalse();
    // every name the webhook has, but for what only a real call carries
    List<String> names = List.copyOf(iterable(webhook.fieldNames()));
    assertThat(iterable(payload.fieldNames()))
        .containsExactlyInAnyOrderElementsOf(
            names.stream()
                .filter(n -> !List.of("UserToken", "LogID", "ConfigData").contains(n))
                .toList());

    assertThat(event.kind()).isEqualTo(EventKind.POST);
    assertThat(event.route()).isEqualTo("v1/orders/{direction}/{orderID}/submit");
    assertThat(event.occurredAt()).isEqualTo(OffsetDateTime.parse("2025-03-14T16:02:11.39Z"));
    byte[] body = mapper.writeValueAsBytes(payload);
    assertThat(event.bodyBytes()).isEqualTo(body.length);
    assertThat(event.bodySha256()).isEqualTo(ReceivedEvent.sha256Hex(body));
  }

  @Test
  void theCatalogueClassifiesEachRecoveredEventAsItsWebhook() {
    EventCatalogue catalogue = new EventCatalogue(new CatalogueProperties(List.of()));
    for (Action action : Action.values()) {
      ReceivedEvent event =
          catalogue.classify(
              RecoveredEvent.of(mapper, "Incoming", order(), new Expected(action, null)));
      assertThat(event.eventType()).as(action.name()).isEqualTo(action.eventType);
    }
  }

  @Test
  void oneDedupeKeyPerOrderAndTypeAndNoneAWebhookHas() {
    String key = RecoveredEvent.dedupeKey("order.submitted", "SO-1");

    assertThat(key).isEqualTo(RecoveredEvent.dedupeKey("order.submitted", "SO-1")).hasSize(64);
    assertThat(key)
        .isNotEqualTo(RecoveredEvent.dedupeKey("order.canceled", "SO-1"))
        .isNotEqualTo(RecoveredEvent.dedupeKey("order.submitted", "SO-2"));
    assertThat(key)
        .isEqualTo(
            ReceivedEvent.sha256Hex(
                "reconciled\norder.submitted\nSO-1".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void aThrottledPassWaitsLongerWithEach429InARowUpToAMinute() {
    assertThat(List.of(1, 2, 3, 4, 7, 8, 30))
        .extracting(Reconciler::backoff)
        .containsExactly(
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            Duration.ofSeconds(4),
            Duration.ofSeconds(8),
            Duration.ofSeconds(60),
            Duration.ofSeconds(60),
            Duration.ofSeconds(60));
  }

  @Test
  void aRecoveredEventHasTheBusinessKeyOfItsOrdersWebhook() {
    EventCatalogue catalogue = new EventCatalogue(new CatalogueProperties(List.of()));
    ObjectNode webhook = Payloads.node(Fixtures.POST_ORDER_SUBMIT);
    for (Action action : Action.values()) {
      ReceivedEvent recovered =
          catalogue.classify(
              RecoveredEvent.of(mapper, "Incoming", order(), new Expected(action, null)));
      assertThat(catalogue.businessKeyOf(recovered.eventType(), recovered.payload()))
          .as(action.name())
          .isEqualTo(catalogue.businessKeyOf(action.eventType, webhook))
          .isEqualTo("order:SO-100234");
    }
  }

  private static <T> List<T> iterable(Iterator<T> items) {
    List<T> all = new ArrayList<>();
    items.forEachRemaining(all::add);
    return all;
  }
}
