package com.ordercloudhub.hub.inbound;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.ordercloudhub.hub.config.Problem;
import com.ordercloudhub.hub.event.EventReceipt;
import com.ordercloudhub.hub.prehook.PreHookDecision;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Writes every answer the inbound endpoints give, so each outcome has one status and one JSON
 * shape. Request headers are dropped first: platform-http would otherwise echo them (X-oc-hash
 * included) back as response headers.
 */
@Component("inboundAnswers")
public class InboundAnswers {

  private static final Logger log = LoggerFactory.getLogger(InboundAnswers.class);
  private final ObjectMapper mapper;

  public InboundAnswers(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** 202 {"eventId","eventType","duplicate"}: the event is committed. */
  public void accepted(Exchange exchange) {
    EventReceipt receipt = exchange.getMessage().getBody(EventReceipt.class);
    respond(exchange, 202, receipt);
  }

  /** 200 {"proceed":…}: the pre-hook's decision, lower-case names as OrderCloud expects. */
  public void preHook(Exchange exchange) {
    PreHookDecision decision =
        exchange.getProperty(PreHookDecision.PROPERTY, PreHookDecision.class);
    respond(exchange, 200, decision.answer());
  }

  /** The answer for whatever failed: a refusal's own status, 503 for the store, else 500. */
  public void refused(Exchange exchange) {
    Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
    String where = exchange.getMessage().getHeader(Exchange.HTTP_URI, String.class);
    if (failure instanceof InboundRejection rejection) {
      log.warn("Refused call to {}: {} {}", where, rejection.status(), rejection.error());
      respond(
          exchange,
          rejection.status(),
          new Problem(
              rejection.status(), rejection.error(), failure.getMessage(), rejection.field()));
    } else if (causedBy(failure, DataAccessException.class)) {
      log.error("Event store unavailable, answered 503 to {}: {}", where, rootMessage(failure));
      respond(
          exchange,
          503,
          Problem.of(
              503,
              "store_unavailable",
              "The event store is unavailable; nothing was stored. OrderCloud may send it again."));
    } else {
      log.error("Unexpected failure handling a call to {}", where, failure);
      respond(
          exchange,
          500,
          Problem.of(
              500, "internal_error", "The hub failed to handle the call; nothing was stored."));
    }
  }

  private void respond(Exchange exchange, int status, Object body) {
    Message message = exchange.getMessage();
    message.removeHeaders("*");
    message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
    message.setHeader(Exchange.CONTENT_TYPE, "application/json");
    try {
      message.setBody(mapper.writeValueAsString(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Answer could not be written as JSON", e);
    }
  }

  private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  private static String rootMessage(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + ": " + root.getMessage();
  }
}
