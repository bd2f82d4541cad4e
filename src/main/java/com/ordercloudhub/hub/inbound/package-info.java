/**
 * The public door: the webhook endpoints OrderCloud calls ({@code /webhooks/ordercloud/pre}, {@code
 * /post}, {@code /messages}), everything done before a call is known to be wanted (byte budgets,
 * deadlines, the request queue, the priority port), the signature check, strict JSON parsing of
 * OrderCloud's envelope, and the answers each outcome gets.
 */
package com.ordercloudhub.hub.inbound;
