package com.ordercloudhub.hub.event;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Integrators' additions to the built-in event catalogue ({@code ordercloud/event-catalogue.yaml}).
 *
 * @param catalogue entries that extend or override the built-in ones, same shape
 */
@ConfigurationProperties("hub.events")
public record CatalogueProperties(@DefaultValue List<Entry> catalogue) {

  /**
   * @param event the hub event type, dotted lower case ({@code order.submitted})
   * @param routes {@code "VERB route-template"} pairs, e.g. {@code "POST v1/cart/submit"}
   * @param messages sync message types a Delivery Configuration sends, e.g. {@code
   *     sitecore.ordercloud.messages.ordersync.updated} (any case)
   */
  public record Entry(
      String event, @DefaultValue List<String> routes, @DefaultValue List<String> messages) {}
}
