package com.ordercloudhub.hub.event;

/** Where a stored event came from ({@code hub_event.origin}). */
public final class EventOrigin {

  /** A call OrderCloud made: a webhook or a Message Sender call. */
  public static final String WEBHOOK = "webhook";

  /** Built by the reconciler from the OrderCloud API's order: no call for it ever arrived. */
  public static final String RECONCILED = "reconciled";

  private EventOrigin() {}
}
