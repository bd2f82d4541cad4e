package com.ordercloudhub.hub.delivery;

import org.apache.camel.Exchange;

/**
 * What a destination answered that names the record it made (the ERP's order number, the Salesforce
 * Opportunity ID), kept on a delivered leg as its {@code reference}. Optional: without such a bean,
 * or when it finds nothing, a leg has no reference. Asked after every delivered attempt (never in a
 * dry run), on the delivery thread, so it must be quick; a failure to read the answer never fails
 * the leg, which the destination has accepted.
 */
public interface LegReferences {

  /**
   * The reference in the answer of a delivered leg, or null.
   *
   * @param done the leg's exchange after its destination route, the answer in its body (and in its
   *     variables, where a route keeps it with {@code variableReceive})
   */
  String capture(DeliveryLeg leg, Exchange done);
}
