package com.ordercloudhub.hub.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectReader;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.Exchange;

/**
 * Marks an exchange as a dry run ({@code POST /api/simulate}) and collects what it would have sent.
 * While an exchange carries it, {@code DryRunGuard} records every call to an endpoint that leaves
 * the hub instead of making it, beans' own calls included ({@link OutboundHttp}): such a call has
 * no answer, and the bean says what it could not check. Copies of the exchange (multicast, wire
 * tap, split, a bean's call) share the same recorder.
 */
public final class DryRun {

  /** The exchange property holding the recorder; its presence is the dry-run flag. */
  public static final String PROPERTY = "hubDryRun";

  private final List<Map<String, Object>> calls = new CopyOnWriteArrayList<>();
  private final List<String> notes = new CopyOnWriteArrayList<>();

  /** Whether the exchange is a dry run: nothing may leave the hub. */
  public static boolean active(Exchange exchange) {
    return exchange != null && exchange.getProperty(PROPERTY) instanceof DryRun;
  }

  /** Flags the exchange as a dry run recording into this; it opens no sealed secrets. */
  public void flag(Exchange exchange) {
    exchange.setProperty(PROPERTY, this);
    exchange.removeProperty(DeliveryExchanges.OPENS_SEALED);
  }

  /** Adds a note to the exchange's dry run, if it is one (e.g. "line items not read"). */
  public static void note(Exchange exchange, String note) {
    if (exchange.getProperty(PROPERTY) instanceof DryRun run) {
      run.notes.add(note);
    }
  }

  public void record(Map<String, Object> call) {
    calls.add(call);
  }

  /** What would have been sent, in order: one entry per call. */
  public List<Map<String, Object>> calls() {
    return List.copyOf(calls);
  }

  /** What the dry run could not show as it would really be. */
  public List<String> notes() {
    return List.copyOf(notes);
  }

  /** A recorded call's body as the other system would read it: JSON when it is JSON, else text. */
  public static Object bodyOf(Exchange exchange, ObjectReader json) {
    Object body = exchange.getMessage().getBody();
    if (body == null) {
      return null;
    }
    String text = body instanceof String s ? s : exchange.getMessage().getBody(String.class);
    if (text == null) {
      return String.valueOf(body);
    }
    try {
      return json.readValue(text);
    } catch (JsonProcessingException e) {
      return text;
    }
  }
}
