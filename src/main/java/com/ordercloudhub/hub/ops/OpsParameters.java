package com.ordercloudhub.hub.ops;

import com.ordercloudhub.hub.config.Problem;
import com.ordercloudhub.hub.delivery.LegStatus;
import com.ordercloudhub.hub.event.EventKind;
import com.ordercloudhub.hub.event.EventQuery;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Query parameters of the operations API, checked the same way everywhere; bad ones are 400. */
@RestControllerAdvice(
    assignableTypes = {
      EventsController.class,
      DeliveriesController.class,
      SimulateController.class
    })
class OpsParameters {

  static final int MAX_PAGE_SIZE = 500;

  static void page(int page, int size) {
    if (page < 0) {
      throw new BadParameter("page must be 0 or more");
    }
    if (size < 1 || size > MAX_PAGE_SIZE) {
      throw new BadParameter("size must be between 1 and " + MAX_PAGE_SIZE);
    }
  }

  static String text(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }

  static OffsetDateTime time(String name, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value.trim());
    } catch (DateTimeParseException e) {
      throw new BadParameter(
          name + " must be an ISO-8601 time with offset, e.g. 2026-11-28T00:00:00Z");
    }
  }

  static LegStatus status(String value) {
    String text = text(value);
    return text == null
        ? null
        : LegStatus.fromCode(text)
            .orElseThrow(
                () ->
                    new BadParameter(
                        "status must be pending, delivered, retrying, dead or skipped"));
  }

  /** {@code pre}, {@code post} or {@code message} in any case; null when not given. */
  static EventKind kind(String value) {
    String text = text(value);
    return text == null
        ? null
        : EventKind.fromCode(text)
            .orElseThrow(() -> new BadParameter("kind must be pre, post or message"));
  }

  /** The event list's filters, as the API and the events page take them. */
  static EventQuery events(
      String type,
      String kind,
      String since,
      String until,
      String status,
      String destination,
      int page,
      int size) {
    page(page, size);
    EventKind eventKind = kind(kind);
    OffsetDateTime from = time("since", since);
    OffsetDateTime to = time("until", until);
    LegStatus legStatus = status(status);
    return new EventQuery(
        text(type),
        eventKind,
        from,
        to,
        legStatus == null ? null : legStatus.code(),
        text(destination),
        page,
        size);
  }

  @ExceptionHandler(BadParameter.class)
  ResponseEntity<Problem> badParameter(BadParameter e) {
    return ResponseEntity.badRequest().body(Problem.of(400, "invalid_parameter", e.getMessage()));
  }

  static final class BadParameter extends RuntimeException {
    BadParameter(String message) {
      super(message);
    }
  }
}
