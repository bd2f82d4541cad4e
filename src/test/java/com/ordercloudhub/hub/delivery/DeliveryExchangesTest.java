package com.ordercloudhub.hub.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ordercloudhub.hub.event.EventKind;
import com.ordercloudhub.hub.support.Fixtures;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An event's routing and its legs each get the stored payload as a tree of their own, with its
 * numbers exact, from one parse of the stored text.
 */
class DeliveryExchangesTest {

  static final String PAYLOAD =
      "{\"Response\":{\"Body\":{\"ID\":\"SO-1\",\"Total\":1234567890123.4567,\"Items\":[1,2]}}}";

  final DefaultCamelContext camel = new DefaultCamelContext();
  final DeliveryExchanges exchanges = new DeliveryExchanges(camel, Fixtures.mapper());

  @AfterEach
  void close() throws Exception {
    camel.close();
  }

  static DispatchEvent event(String id) {
    OffsetDateTime at = OffsetDateTime.parse("2026-12-04T10:00:00Z");
    return new DispatchEvent(
        id, EventKind.POST, "order.submitted", PAYLOAD, at, at, null, "order:SO-1");
  }

  static DeliveryLeg leg(String eventId, String destination) {
    return new DeliveryLeg(
        null,
        eventId,
        destination,
        LegStatus.PENDING,
        0,
        null,
        null,
        DeliveryLedger.idempotencyKey(eventId, destination),
        null,
        null,
        null,
        null);
  }

  @Test
  void theRoutingAndEveryLegOfAnEventShareOneParseEachWithATreeOfItsOwn() {
    DispatchEvent event = event("e-1");
    List<Exchange> all = new ArrayList<>();
    all.add(exchanges.forEvent(event));
    for (String destination : List.of("database", "crm", "erp", "notice")) {
      all.add(exchanges.forLeg(event, leg(event.id(), destination), 1));
    }
    // a route that changes its body in place changes only its own exchange's tree
    ((ObjectNode) all.get(1).getMessage().getBody(JsonNode.class).at("/Response/Body"))
        .put("ID", "changed by the database route");

    assertThat(exchanges.parses()).isEqualTo(1);
    for (Exchange exchange : all.subList(2, all.size())) {
      JsonNode body = exchange.getMessage().getBody(JsonNode.class);
      assertThat(body.at("/Response/Body/ID").asText()).isEqualTo("SO-1");
      assertThat(body.at("/Response/Body/Total").decimalValue())
          .isEqualByComparingTo("1234567890123.4567");
      assertThat(body).isNotSameAs(all.get(0).getMessage().getBody());
    }
    assertThat(all.get(0).getMessage().getBody(JsonNode.class).at("/Response/Body/ID").asText())
        .isEqualTo("SO-1");
  }

  @Test
  void eachEventIsParsedFromItsOwnText() {
    DispatchEvent first = event("e-1");
    DispatchEvent second =
        new DispatchEvent(
            "e-2",
            EventKind.POST,
            "order.submitted",
            PAYLOAD.replace("SO-1", "SO-2"),
            first.receivedAt(),
            first.occurredAt(),
            null,
            "order:SO-2");

    JsonNode one =
        exchanges.forLeg(first, leg("e-1", "erp"), 1).getMessage().getBody(JsonNode.class);
    JsonNode two =
        exchanges.forLeg(second, leg("e-2", "erp"), 1).getMessage().getBody(JsonNode.class);

    assertThat(exchanges.parses()).isEqualTo(2);
    assertThat(one.at("/Response/Body/ID").asText()).isEqualTo("SO-1");
    assertThat(two.at("/Response/Body/ID").asText()).isEqualTo("SO-2");
  }
}
