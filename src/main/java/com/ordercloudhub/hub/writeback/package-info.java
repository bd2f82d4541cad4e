/**
 * Write-back to OrderCloud ({@code hub.writeback.*}, off by default): when an order's legs settle,
 * the order's xp gets a small status object ({@code xp.Integration}: Synced or NeedsAttention, each
 * destination's status and reference, when) through the hub's own OrderCloud API client ({@link
 * OrderWriteBack}); the {@code order.updated} post-hook that PATCH makes OrderCloud send is
 * recognised and goes nowhere ({@link OwnWriteBackEcho}). Also what a destination answered that
 * names its record, read by {@code mappings/<destination>/reference.jsonata} into the leg's
 * reference ({@link ReferenceMappings}), with or without write-back.
 */
package com.ordercloudhub.hub.writeback;
