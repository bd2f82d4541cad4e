package com.ordercloudhub.hub.delivery;

import jakarta.mail.SendFailedException;
import java.net.URI;
import java.sql.SQLException;
import org.apache.camel.CamelExchangeException;
import org.apache.camel.Exchange;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.apache.camel.component.salesforce.api.dto.RestError;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * Decides whether a failed attempt is worth retrying. Permanent: a 4xx other than 408/429, a
 * mapping that fails, a record the target rejects, a missing destination route. Anything else
 * (timeouts, refused connections, 5xx, 408, 429) is retried on the destination's schedule.
 */
@Component
public class FailureClassifier {

  static final int MAX_MESSAGE = 500;

  /**
   * @param permanent true when retrying cannot help
   * @param message a short description without secrets, kept on the leg
   */
  public record Failure(boolean permanent, String message) {}

  public Failure classify(Throwable failure, Exchange exchange) {
    Throwable cause = unwrap(failure);
    String endpoint =
        exchange == null ? null : exchange.getProperty(Exchange.FAILURE_ENDPOINT, String.class);
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
    if (cause instanceof SalesforceException salesforce) {
      return salesforce(salesforce);
    }
    if (cause instanceof SendFailedException mail
        && mail.getInvalidAddresses() != null
        && mail.getInvalidAddresses().length > 0) {
      return permanent(
          "The mail server refused "
              + java.util.Arrays.toString(mail.getInvalidAddresses())
              + ": "
              + mail.getMessage());
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

  /**
   * Salesforce: a 4xx (but 408/429) is permanent, with Salesforce's own error codes and messages;
   * status 0 (no answer: timeout, refused) and 5xx are retried. camel-salesforce has already logged
   * in again once on a 401 before it gets here.
   */
  private static Failure salesforce(SalesforceException e) {
    int status = e.getStatusCode();
    StringBuilder text = new StringBuilder("Salesforce");
    if (status > 0) {
      text.append(" HTTP ").append(status);
    }
    if (e.getErrors() != null && !e.getErrors().isEmpty()) {
      for (RestError error : e.getErrors()) {
        text.append(" ").append(error.getErrorCode()).append(": ").append(error.getMessage());
        if (error.getFields() != null && !error.getFields().isEmpty()) {
          text.append(" ").append(error.getFields());
        }
      }
    } else {
      text.append(": ").append(rootMessage(e));
    }
    boolean permanent = status >= 400 && status < 500 && status != 408 && status != 429;
    return new Failure(permanent, shorten(text.toString()));
  }

  private static Failure permanent(String message) {
    return new Failure(true, shorten(message));
  }

  private static Failure transientFailure(String message) {
    return new Failure(false, shorten(message));
  }

  private static Throwable unwrap(Throwable failure) {
    Throwable current = failure;
    while ((current instanceof CamelExchangeException
            || (current instanceof org.apache.camel.RuntimeCamelException
                && current.getCause() instanceof SalesforceException))
        && current.getCause() != null) {
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

  private static String rootMessage(Throwable failure) {
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
