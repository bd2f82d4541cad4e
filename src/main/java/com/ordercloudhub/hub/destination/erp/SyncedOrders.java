package com.ordercloudhub.hub.destination.erp;

import com.ordercloudhub.hub.delivery.DeliveryExchanges;
import com.ordercloudhub.hub.event.EventStore;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * OrderSync sends an order as it is now, on every change: the ERP's sales order is replaced by
 * each. Legs of one order go in order of its {@code LastUpdated}, but a sync can arrive after a
 * newer one was delivered (a Delivery Configuration's retry, a Kafka partition read again): then it
 * is not sent, so the ERP never goes back to an older state. The leg says which event is newer.
 */
@Component("syncedOrders")
public class SyncedOrders {

  static final String SUPERSEDED =
      "Nothing sent: a newer OrderSync of this order is stored (event %s); it sends the order as it"
          + " is now";

  private final EventStore store;

  SyncedOrders(EventStore store) {
    this.store = store;
  }

  /** Whether no newer sync of the leg's order is stored. */
  public boolean isLatest(Exchange exchange) {
    String eventId = exchange.getMessage().getHeader(DeliveryExchanges.EVENT_ID, String.class);
    if (eventId == null) {
      return true;
    }
    return store
        .newerOfSameKey(eventId)
        .map(
            newer -> {
              exchange.setProperty(DeliveryExchanges.LEG_NOTE, SUPERSEDED.formatted(newer));
              return false;
            })
        .orElse(true);
  }
}
