package com.ordercloudhub.hub.destination.crm;

import com.ordercloudhub.hub.delivery.FailureClassifier;
import com.ordercloudhub.hub.delivery.FailureClassifier.Failure;
import java.util.Optional;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.apache.camel.component.salesforce.api.dto.RestError;

/**
 * Salesforce's errors on a leg: a 4xx (but 408/429) is permanent, with Salesforce's own error codes
 * and messages; status 0 (no answer: timeout, refused) and 5xx are retried. camel-salesforce has
 * already logged in again once on a 401 before it gets here. A Composite request in which a record
 * failed says so per record ({@link SalesforceCompositeException}, classified by the status of the
 * record that failed on its own).
 */
final class SalesforceFailures {

  private SalesforceFailures() {}

  static Optional<Failure> classify(Throwable cause) {
    for (Throwable t = cause; t != null && t != t.getCause(); t = t.getCause()) {
      if (t instanceof SalesforceCompositeException composite) {
        return Optional.of(new Failure(composite.permanent(), composite.getMessage()));
      }
    }
    // camel-salesforce wraps its exception in a RuntimeCamelException
    Throwable own =
        cause instanceof RuntimeCamelException && cause.getCause() instanceof SalesforceException
            ? cause.getCause()
            : cause;
    return own instanceof SalesforceException salesforce
        ? Optional.of(failure(salesforce))
        : Optional.empty();
  }

  private static Failure failure(SalesforceException e) {
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
      text.append(": ").append(FailureClassifier.rootMessage(e));
    }
    boolean permanent = status >= 400 && status < 500 && status != 408 && status != 429;
    return new Failure(permanent, text.toString());
  }
}
