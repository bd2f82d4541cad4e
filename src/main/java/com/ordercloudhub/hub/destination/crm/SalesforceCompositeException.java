package com.ordercloudhub.hub.destination.crm;

import java.util.List;

/**
 * A Salesforce Composite request (allOrNone) in which a record failed, so Salesforce wrote none of
 * them: each record's status and errors, the failing one and those Salesforce rolled back ({@code
 * PROCESSING_HALTED}).
 *
 * <p>Permanent when every record that failed on its own answered a status retrying cannot change (a
 * 3xx such as several records on one external ID, or a 4xx but 408/429); retried when one of them
 * answered 408, 429 or a 5xx, or when only rolled-back records are reported (nothing names a
 * cause).
 */
final class SalesforceCompositeException extends RuntimeException {

  /** One of Salesforce's errors on a record. */
  record Error(String code, String message, List<String> fields) {}

  /**
   * One record that Salesforce did not write.
   *
   * @param sObject the subrequest's referenceId, its sObject (Account, Contact, Opportunity)
   * @param externalId its external ID, when known
   * @param status the subrequest's HTTP status
   * @param errors Salesforce's errors on it
   */
  record RecordFailure(String sObject, String externalId, int status, List<Error> errors) {

    /** Whether Salesforce only rolled this record back because another one failed. */
    boolean halted() {
      return errors.stream().allMatch(e -> SalesforceComposite.HALTED.equals(e.code()));
    }

    boolean permanent() {
      return status >= 300 && status < 500 && status != 408 && status != 429;
    }
  }

  private final transient List<RecordFailure> failures;

  SalesforceCompositeException(List<RecordFailure> failures) {
    super(text(failures));
    this.failures = List.copyOf(failures);
  }

  List<RecordFailure> failures() {
    return failures;
  }

  boolean permanent() {
    List<RecordFailure> causes = failures.stream().filter(f -> !f.halted()).toList();
    return !causes.isEmpty() && causes.stream().allMatch(RecordFailure::permanent);
  }

  /**
   * "Salesforce Composite failed: Contact buyer-1: HTTP 400 REQUIRED_FIELD_MISSING: Required fields
   * are missing: [LastName] [LastName]; Account ACME: PROCESSING_HALTED; …": the records that
   * failed on their own first, then those rolled back (their message is always the same and left
   * out).
   */
  private static String text(List<RecordFailure> failures) {
    StringBuilder text = new StringBuilder("Salesforce Composite failed: ");
    String separator = "";
    for (boolean halted : new boolean[] {false, true}) {
      for (RecordFailure failure : failures) {
        if (failure.halted() != halted) {
          continue;
        }
        text.append(separator).append(failure.sObject());
        if (failure.externalId() != null) {
          text.append(' ').append(failure.externalId());
        }
        text.append(':');
        if (halted) {
          text.append(' ').append(SalesforceComposite.HALTED);
        } else {
          text.append(" HTTP ").append(failure.status());
          for (Error error : failure.errors()) {
            text.append(' ').append(error.code());
            if (!error.message().isEmpty()) {
              text.append(": ").append(error.message());
            }
            if (!error.fields().isEmpty()) {
              text.append(' ').append(error.fields());
            }
          }
        }
        separator = "; ";
      }
    }
    return text.toString();
  }
}
