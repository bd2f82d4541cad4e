package com.ordercloudhub.hub.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import com.ordercloudhub.hub.event.EventKind;
import com.ordercloudhub.hub.event.JsonFields;
import com.ordercloudhub.hub.event.ReceivedEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.apache.camel.Body;
import org.springframework.stereotype.Component;

/**
 * The optional freshness window on a webhook's {@code Date} ({@code hub.ordercloud.max-age}): a
 * signed body captured on the way can otherwise be sent again at any later time and is accepted
 * (dedupe only catches it while its first copy is still stored). Runs after the signature check and
 * the parse, so only a body OrderCloud signed is judged by its Date.
 *
 * <p>Message Sender bodies carry no Date and are not checked. When the window is on, a webhook
 * without a readable Date is refused 400 naming the field: OrderCloud always sends one, so a body
 * without it is not from OrderCloud as documented, and it cannot be shown to be fresh.
 */
@Component("ocFreshness")
public class OcFreshness {

  private final Duration maxAge;
  private final Duration clockSkew;
  private final Clock clock;

  public OcFreshness(SignatureProperties properties, Clock clock) {
    this.maxAge = properties.maxAge();
    this.clockSkew = properties.clockSkew();
    this.clock = clock;
  }

  /**
   * Called by the pre- and post-hook routes after {@code ocEnvelope}.
   *
   * @throws InboundRejection 401 {@code stale_request} when the Date is older than max-age plus the
   *     skew or further ahead than the skew; 400 when the Date is missing or unreadable
   */
  public void check(@Body ReceivedEvent event) {
    if (maxAge == null || event.kind() == EventKind.MESSAGE || event.kind() == EventKind.SYNC) {
      return;
    }
    Instant sent = sentAt(event);
    Instant now = clock.instant();
    if (sent.isBefore(now.minus(maxAge).minus(clockSkew))) {
      throw InboundRejection.unauthorized(
          "stale_request",
          "The payload's Date is older than hub.ordercloud.max-age ("
              + maxAge
              + ", plus hub.ordercloud.clock-skew "
              + clockSkew
              + "): a late or replayed call; nothing was stored");
    }
    if (sent.isAfter(now.plus(clockSkew))) {
      throw InboundRejection.unauthorized(
          "stale_request",
          "The payload's Date is further in the future than hub.ordercloud.clock-skew ("
              + clockSkew
              + "); nothing was stored");
    }
  }

  private static Instant sentAt(ReceivedEvent event) {
    JsonNode date = JsonFields.get(event.payload(), "Date");
    if (date == null || date.isNull()) {
      throw InboundRejection.badField(
          "Date", "Date is required: hub.ordercloud.max-age accepts only calls it can date");
    }
    if (date.isTextual()) {
      try {
        return OcDate.parse(date.asText().trim()).toInstant();
      } catch (DateTimeParseException e) {
        // answered below, without the value
      }
    }
    throw InboundRejection.badField(
        "Date",
        "Date must be an ISO-8601 time with offset, e.g. 2025-03-14T16:02:11.4471234+00:00");
  }
}
