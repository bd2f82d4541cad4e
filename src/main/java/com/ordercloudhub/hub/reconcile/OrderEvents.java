package com.ordercloudhub.hub.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which of the hub's order events an order's state says happened, oldest first: what the webhooks
 * of its submit, approve, decline, cancel and complete calls would have brought. A pure function of
 * the order as the OrderCloud API lists it.
 */
final class OrderEvents {

  private OrderEvents() {}

  /**
   * An OrderCloud order action and what marks it done on the order.
   *
   * @param path the last segment of its route, {@code v1/orders/{direction}/{orderID}/<path>}
   * @param eventType the hub's event type for that route in the built-in catalogue
   * @param dateField the order's property set when the action happened
   */
  enum Action {
    SUBMIT("submit", "order.submitted", "DateSubmitted"),
    APPROVE("approve", "order.approved", "DateApproved"),
    DECLINE("decline", "order.declined", "DateDeclined"),
    CANCEL("cancel", "order.canceled", "DateCanceled"),
    COMPLETE("complete", "order.completed", "DateCompleted");

    final String path;
    final String eventType;
    final String dateField;

    Action(String path, String eventType, String dateField) {
      this.path = path;
      this.eventType = eventType;
      this.dateField = dateField;
    }

    /** The webhook's Route for this action, as OrderCloud sends it (a template). */
    String route() {
      return "v1/orders/{direction}/{orderID}/" + path;
    }
  }

  /**
   * An event the order's state calls for.
   *
   * @param date when it happened, as OrderCloud wrote it (the action's Date* field, or the order's
   *     LastUpdated when only its Status tells)
   */
  record Expected(Action action, String date) {}

  /** The events the order's state calls for, oldest first (ties in the order of the actions). */
  static List<Expected> of(JsonNode order) {
    List<Expected> expected = new ArrayList<>();
    String status = text(order, "Status");
    if (order.path("IsSubmitted").asBoolean(false) || text(order, "DateSubmitted") != null) {
      expected.add(expected(order, Action.SUBMIT));
    }
    if (text(order, "DateApproved") != null) {
      expected.add(expected(order, Action.APPROVE));
    }
    if (text(order, "DateDeclined") != null) {
      expected.add(expected(order, Action.DECLINE));
    }
    if (text(order, "DateCanceled") != null || "Canceled".equalsIgnoreCase(status)) {
      expected.add(expected(order, Action.CANCEL));
    }
    if (text(order, "DateCompleted") != null || "Completed".equalsIgnoreCase(status)) {
      expected.add(expected(order, Action.COMPLETE));
    }
    expected.sort(
        Comparator.comparing(
                (Expected e) -> instant(e.date()).orElse(Instant.MAX), Comparator.naturalOrder())
            .thenComparing(Expected::action));
    return expected;
  }

  /** The order's LastUpdated, when it has a readable one. */
  static Optional<Instant> lastUpdated(JsonNode order) {
    return instant(text(order, "LastUpdated"));
  }

  /** An OrderCloud time: ISO-8601 with offset; without one it is UTC. */
  static Optional<Instant> instant(String text) {
    if (text == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(OffsetDateTime.parse(text).toInstant());
    } catch (DateTimeParseException withoutOffset) {
      try {
        return Optional.of(LocalDateTime.parse(text).toInstant(ZoneOffset.UTC));
      } catch (DateTimeParseException e) {
        return Optional.empty();
      }
    }
  }

  private static Expected expected(JsonNode order, Action action) {
    String date = text(order, action.dateField);
    return new Expected(action, date != null ? date : text(order, "LastUpdated"));
  }

  private static String text(JsonNode order, String field) {
    JsonNode value = order.get(field);
    return value == null || value.isNull() || value.asText().isBlank() ? null : value.asText();
  }
}
