package com.ordercloudhub.hub.event;

/** Where a stored event came from ({@code hub_event.origin}). */
public final class EventOrigin {

  /** A call OrderCloud made to a webhook URL: a webhook or a Message Sender call. */
  public static final String WEBHOOK = "webhook";

  /** Built by the reconciler from the OrderCloud API's order: no call for it ever arrived. */
  public static final String RECONCILED = "reconciled";

  /** Through a Delivery Configuration's HTTP target ({@code /webhooks/ordercloud/delivery}). */
  public static final String DELIVERY = "delivery";

  /** Through a Delivery Configuration's Kafka target: a record read from a topic. */
  public static final String KAFKA = "kafka";

  private EventOrigin() {}
}
