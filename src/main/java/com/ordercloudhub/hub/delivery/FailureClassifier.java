package com.ordercloudhub.hub.delivery;

import java.net.URI;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.apache.camel.CamelExchangeException;
import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * Decides whether a failed attempt is worth retrying. Each {@link Destination} is asked first about
 * its own exceptions (Salesforce errors, refused mail addresses); then the generic rules apply.
 * Permanent: a 4xx other than 408/429, a mapping that fails, a record the target rejects (SQL
 * states 22 and 23 are the standard's, whatever the database), a missing destination route.
 * Anything else (timeouts, refused connections, 5xx, 408, 429) is retried on the destination's
 * schedule.
 */
@Component
public class FailureClassifier {

  static final int MAX_MESSAGE = 500;

  private final List<Destination> destinations;

  public FailureClassifier(List<Destination> destinations) {
    this.destinations = List.copyOf(destinations);
  }

  /**
   * @param permanent true when retrying cannot help
   * @param message a short description without secrets, kept on the leg
   */
  public record Failure(boolean permanent, String message) {}

  public Failure classify(Throwable failure, Exchange exchange) {
    Throwable cause = unwrap(failure);
    String endpoint =
        exchange == null ? null : exchange.getProperty(Exchange.FAILURE_ENDPOINT, String.class);
    for (Destination destination : destinations) {
      Optional<Failure> own = destination.classify(cause, exchange);
      if (own.isPresent()) {
        return new Failure(own.get().permanent(), shorten(own.get().message()));
      }
    }
    if (cause instanceof PermanentDeliveryException) {
      return permanent(cause.getMessage());
    }
    if (cause instanceof HttpOperationFailedException http) {
      int status = http.getStatusCode();
      String text =
          "HTTP "
              + status
              + " from "
              + withoutSecrets(http.getUri())
              + body(http.getResponseBody());
      boolean permanent = status >= 400 && status < 500 && status != 408 && status != 429;
      return new Failure(permanent, shorten(text));
    }
    if (isMapping(cause)) {
      return permanent(
          "Mapping "
              + mappingFile(endpoint)
              + " failed on this payload: "
              + cause.getClass().getSimpleName()
              + ": "
              + cause.getMessage());
    }
    if (cause instanceof DuplicateKeyException) {
      return transientFailure("Concurrent write, will retry: " + cause.getMessage());
    }
    if (cause instanceof DataIntegrityViolationException || isRejectedRecord(cause)) {
      return permanent("Record rejected: " + rootMessage(cause));
    }
    if (cause instanceof org.apache.camel.component.direct.DirectConsumerNotAvailableException) {
      return permanent("No destination route: " + cause.getMessage());
    }
    return transientFailure(cause.getClass().getSimpleName() + ": " + rootMessage(cause));
  }

  private static Failure permanent(String message) {
    return new Failure(true, shorten(message));
  }

  private static Failure transientFailure(String message) {
    return new Failure(false, shorten(message));
  }

  private static Throwable unwrap(Throwable failure) {
    Throwable current = failure;
    while (current instanceof CamelExchangeException && current.getCause() != null) {
      current = current.getCause();
    }
    return current;
  }

  private static boolean isMapping(Throwable cause) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      String type = t.getClass().getName();
      if (type.startsWith("com.dashjoin.jsonata") || type.contains(".jsonata.")) {
        return true;
      }
    }
    return false;
  }

  /** SQL states 22 (data exception) and 23 (constraint), but not 23505 (a concurrent insert). */
  private static boolean isRejectedRecord(Throwable cause) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        if (state.startsWith("22") || (state.startsWith("23") && !state.equals("23505"))) {
          return true;
        }
      }
    }
    return false;
  }

  private static String mappingFile(String endpoint) {
    if (endpoint == null) {
      return "(unknown mapping)";
    }
    String file = endpoint.replaceFirst("^jsonata:(//)?", "");
    int query = file.indexOf('?');
    return query < 0 ? file : file.substring(0, query);
  }

  private static String body(String responseBody) {
    if (responseBody == null || responseBody.isBlank()) {
      return "";
    }
    return ": " + responseBody.replaceAll("\\s+", " ").trim();
  }

  /** A URI as it may be stored: no user info, no query string. */
  static String withoutSecrets(String uri) {
    try {
      URI parsed = URI.create(uri);
      return new URI(
              parsed.getScheme(),
              null,
              parsed.getHost(),
              parsed.getPort(),
              parsed.getPath(),
              null,
              null)
          .toString();
    } catch (Exception e) {
      return "(endpoint)";
    }
  }

  /** The innermost cause's message (or its type when it has none), for a leg's text. */
  public static String rootMessage(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return message == null ? root.getClass().getSimpleName() : message;
  }

  static String shorten(String message) {
    String clean = message == null ? "" : message.replaceAll("\\p{Cntrl}", " ");
    return clean.length() > MAX_MESSAGE ? clean.substring(0, MAX_MESSAGE - 1) + "…" : clean;
  }
}
