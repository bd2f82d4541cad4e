package com.ordercloudhub.hub.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.ordercloudhub.hub.event.CatalogueProperties;
import com.ordercloudhub.hub.event.EventCatalogue;
import com.ordercloudhub.hub.event.EventKind;
import com.ordercloudhub.hub.event.ReceivedEvent;
import com.ordercloudhub.hub.support.Fixtures;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.Processor;
import org.apache.camel.converter.stream.ByteArrayInputStreamCache;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class IntakeStepsTest {

  private final IntakeSteps steps = new IntakeSteps();
  private final CamelContext camel = new DefaultCamelContext();
  private final OcEnvelope envelope = new OcEnvelope(new ObjectMapper());

  @AfterEach
  void stop() throws Exception {
    camel.close();
  }

  /** The body as a stream cache some earlier step has already read, as on a route. */
  private Exchange call(byte[] body, String hash) throws Exception {
    Exchange exchange = new DefaultExchange(camel, ExchangePattern.InOut);
    ByteArrayInputStreamCache cache = new ByteArrayInputStreamCache(new ByteArrayInputStream(body));
    assertThat(cache.readAllBytes()).isEqualTo(body);
    exchange.getIn().setBody(cache);
    exchange.getIn().setHeader(OcSignature.HEADER, hash);
    exchange.getIn().setHeader("Other", "kept");
    return exchange;
  }

  private static void run(Processor step, Exchange exchange) throws Exception {
    step.process(exchange);
  }

  @Test
  void aSignedPostHookIsVerifiedParsedAndClassifiedWithItsHeadersKept() throws Exception {
    byte[] body = Fixtures.bytes(Fixtures.POST_ORDER_SUBMIT);
    Exchange exchange = call(body, OcSignature.sign(Fixtures.KEY, body));
    OcSignature signature =
        new OcSignature(
            new SignatureProperties(List.of(Fixtures.KEY), false, null, Duration.ofMinutes(5)));

    run(steps.verifyOcSignature(signature), exchange);
    run(steps.parseOcPostHook(envelope), exchange);
    run(steps.classifyEvent(new EventCatalogue(new CatalogueProperties(List.of()))), exchange);

    ReceivedEvent event = exchange.getIn().getBody(ReceivedEvent.class);
    assertThat(event.kind()).isEqualTo(EventKind.POST);
    assertThat(event.eventType()).isEqualTo("order.submitted");
    assertThat(event.bodyBytes()).isEqualTo(body.length);
    assertThat(exchange.getIn().getHeader("Other")).isEqualTo("kept");
  }

  @Test
  void aWrongSignatureIsRefusedFromTheWholeBody() throws Exception {
    byte[] body = Fixtures.bytes(Fixtures.POST_ORDER_SUBMIT);
    OcSignature signature =
        new OcSignature(
            new SignatureProperties(List.of(Fixtures.KEY), false, null, Duration.ofMinutes(5)));
    Processor verify = steps.verifyOcSignature(signature);

    assertThatThrownBy(() -> run(verify, call(body, OcSignature.sign("other-key", body))))
        .isInstanceOfSatisfying(
            InboundRejection.class, r -> assertThat(r.error()).isEqualTo("invalid_signature"));
    assertThatCode(() -> run(verify, call(body, OcSignature.sign(Fixtures.KEY, body))))
        .doesNotThrowAnyException();
  }

  @Test
  void aDeliveryIsVerifiedByTheRouteToo() throws Exception {
    // the door checks first; the route step repeats both checks for any call that did not come
    // through it
    DeliveryConfigProperties configs =
        new DeliveryConfigProperties(
            java.util.Map.of(
                "orders",
                new DeliveryConfigProperties.Target("orders-secret", "X-Hub-Auth", "right")));
    OcSignature signature =
        new OcSignature(
            new SignatureProperties(List.of(Fixtures.KEY), false, null, Duration.ofMinutes(5)),
            configs);
    Processor verify = steps.verifyOcDelivery(new DeliveryTargets(configs), signature);
    byte[] body =
        ("{\"Headers\":{\"type\":\"sitecore.ordercloud.messages.ordersync.updated\"},"
                + "\"Payload\":{\"ID\":\"SO-1\",\"LastUpdated\":\"2026-12-03T10:00:00Z\"}}")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    String uri = "/webhooks/ordercloud/delivery/orders";

    Exchange good = call(body, OcSignature.sign("orders-secret", body));
    good.getIn().setHeader(Exchange.HTTP_URI, uri);
    good.getIn().setHeader("X-Hub-Auth", "right");
    run(verify, good);
    run(steps.parseOcDelivery(envelope), good);
    run(steps.classifyEvent(new EventCatalogue(new CatalogueProperties(List.of()))), good);
    ReceivedEvent event = good.getIn().getBody(ReceivedEvent.class);
    assertThat(event.kind()).isEqualTo(EventKind.SYNC);
    assertThat(event.eventType()).isEqualTo("order.synced");

    Exchange webhookKey = call(body, OcSignature.sign(Fixtures.KEY, body));
    webhookKey.getIn().setHeader(Exchange.HTTP_URI, uri);
    webhookKey.getIn().setHeader("X-Hub-Auth", "right");
    assertThatThrownBy(() -> run(verify, webhookKey))
        .isInstanceOfSatisfying(
            InboundRejection.class, r -> assertThat(r.error()).isEqualTo("invalid_signature"));
    Exchange noHeader = call(body, OcSignature.sign("orders-secret", body));
    noHeader.getIn().setHeader(Exchange.HTTP_URI, uri);
    assertThatThrownBy(() -> run(verify, noHeader))
        .isInstanceOfSatisfying(
            InboundRejection.class, r -> assertThat(r.error()).isEqualTo("invalid_auth_header"));
  }

  @Test
  void aMessageTakesItsTypeFromTheBody() throws Exception {
    byte[] body = Fixtures.bytes(Fixtures.MESSAGE_ORDER_SUBMITTED);
    Exchange exchange = call(body, "unused");
    exchange.getIn().setHeader("messagetype", "somethingelse");

    run(steps.parseOcMessage(envelope), exchange);

    ReceivedEvent event = exchange.getIn().getBody(ReceivedEvent.class);
    assertThat(event.kind()).isEqualTo(EventKind.MESSAGE);
    assertThat(event.messageType()).isEqualTo("OrderSubmitted");
  }
}
