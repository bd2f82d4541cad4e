package com.ordercloudhub.hub.inbound;

import com.ordercloudhub.hub.event.EventCatalogue;
import com.ordercloudhub.hub.event.EventOrigin;
import com.ordercloudhub.hub.event.EventStore;
import com.ordercloudhub.hub.event.ReceivedEvent;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.support.MessageHelper;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The steps of the intake routes (post-hooks, Message Sender and Delivery Configuration calls,
 * {@code process: ref:}), each a direct call of its bean. A {@code bean:} step binds its method's
 * parameters from the exchange on every call and puts each result in a new message with the headers
 * copied: about 5% of the CPU of a stored post-hook. Each step reads and sets what its bean method
 * did as a {@code bean:} step.
 */
@Configuration(proxyBeanMethods = false)
class IntakeSteps {

  @Bean
  Processor verifyOcSignature(OcSignature signature) {
    return signature::verifyCall;
  }

  @Bean
  Processor parseOcPostHook(OcEnvelope envelope) {
    return exchange -> exchange.getIn().setBody(envelope.parsePostHook(body(exchange)));
  }

  @Bean
  Processor parseOcMessage(OcEnvelope envelope) {
    return exchange -> {
      Message in = exchange.getIn();
      in.setBody(envelope.parseMessage(body(exchange), in.getHeader("messagetype", String.class)));
    };
  }

  /**
   * A Delivery Configuration call: its target's custom auth header (when it configures one, checked
   * at the door already), then {@code X-oc-hash} with the target's own secret or {@code
   * OC_HASH_KEYS}.
   */
  @Bean
  Processor verifyOcDelivery(DeliveryTargets targets, OcSignature signature) {
    return exchange -> {
      Message in = exchange.getIn();
      targets.checkAuthHeader(OcSignature.requestUri(exchange), name -> headerValues(in, name));
      signature.verifyCall(exchange);
    };
  }

  /** The envelope (or bare payload) a Delivery Configuration's HTTP target sent. */
  @Bean
  Processor parseOcDelivery(OcEnvelope envelope) {
    return exchange -> exchange.getIn().setBody(envelope.parseDelivery(body(exchange), null));
  }

  @Bean
  Processor checkOcFreshness(OcFreshness freshness) {
    return exchange -> freshness.check(exchange.getIn().getBody(ReceivedEvent.class));
  }

  @Bean
  Processor classifyEvent(EventCatalogue catalogue) {
    return exchange -> {
      Message in = exchange.getIn();
      in.setBody(catalogue.classify(in.getBody(ReceivedEvent.class)));
    };
  }

  @Bean
  Processor recordEvent(EventStore store) {
    return exchange -> {
      Message in = exchange.getIn();
      in.setBody(store.record(in.getBody(ReceivedEvent.class)));
    };
  }

  /** {@link #recordEvent} for a call through a Delivery Configuration's HTTP target. */
  @Bean
  Processor recordDelivery(EventStore store) {
    return exchange -> {
      Message in = exchange.getIn();
      in.setBody(store.record(in.getBody(ReceivedEvent.class), EventOrigin.DELIVERY));
    };
  }

  @Bean
  Processor answerAccepted(InboundAnswers answers) {
    return answers::accepted;
  }

  private static List<String> headerValues(Message in, String name) {
    Object value = in.getHeader(name);
    if (value == null) {
      return List.of();
    }
    if (value instanceof List<?> values) {
      return values.stream().map(String::valueOf).toList();
    }
    return List.of(value.toString());
  }

  /** The raw body, from its start whatever an earlier step read (stream caching is on). */
  static byte[] body(Exchange exchange) {
    Message in = exchange.getIn();
    MessageHelper.resetStreamCache(in);
    return in.getBody(byte[].class);
  }
}
