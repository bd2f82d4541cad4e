package com.ordercloudhub.hub.destination.crm;

import static org.assertj.core.api.Assertions.assertThat;

import com.ordercloudhub.hub.delivery.FailureClassifier.Failure;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.List;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.apache.camel.component.salesforce.api.dto.RestError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Salesforce's answers on a CRM leg: a 4xx is the order's own problem and is not retried (but for
 * 408 and 429); no answer or a 5xx is retried. The leg's text keeps Salesforce's error codes.
 */
class SalesforceFailuresTest {

  static SalesforceException answered(int status, RestError... errors) {
    return new SalesforceException(List.of(errors), status);
  }

  @ParameterizedTest
  @ValueSource(ints = {400, 401, 403, 404, 409, 415, 422, 499})
  void aClientErrorIsPermanent(int status) {
    Failure failure =
        SalesforceFailures.classify(answered(status, new RestError("BAD", "bad"))).orElseThrow();

    assertThat(failure.permanent()).isTrue();
    assertThat(failure.message()).startsWith("Salesforce HTTP " + status + " ");
  }

  @ParameterizedTest
  @ValueSource(ints = {408, 429, 500, 502, 503, 504})
  void aTimeoutAThrottleOrAServerErrorIsRetried(int status) {
    Failure failure =
        SalesforceFailures.classify(answered(status, new RestError("BUSY", "later"))).orElseThrow();

    assertThat(failure.permanent()).isFalse();
  }

  @Test
  void noAnswerAtAllIsRetriedAndSaysWhatHappened() {
    SalesforceException refused =
        new SalesforceException(
            "Unexpected error", 0, new SocketTimeoutException("read timed out"));

    Failure failure = SalesforceFailures.classify(refused).orElseThrow();

    assertThat(failure.permanent()).isFalse();
    assertThat(failure.message()).isEqualTo("Salesforce: read timed out").doesNotContain("HTTP");
  }

  @Test
  void salesforcesErrorCodesMessagesAndFieldsAreInTheLegsText() {
    SalesforceException rejected =
        answered(
            400,
            new RestError("REQUIRED_FIELD_MISSING", "Required fields are missing", List.of("Name")),
            new RestError("INVALID_EMAIL_ADDRESS", "Email: invalid email address"));

    Failure failure = SalesforceFailures.classify(rejected).orElseThrow();

    assertThat(failure.message())
        .isEqualTo(
            "Salesforce HTTP 400 REQUIRED_FIELD_MISSING: Required fields are missing [Name]"
                + " INVALID_EMAIL_ADDRESS: Email: invalid email address");
  }

  @Test
  void theExceptionCamelWrapsIsClassifiedTheSame() {
    SalesforceException own = answered(404, new RestError("NOT_FOUND", "no such record"));

    Failure wrapped = SalesforceFailures.classify(new RuntimeCamelException(own)).orElseThrow();

    assertThat(wrapped).isEqualTo(SalesforceFailures.classify(own).orElseThrow());
    assertThat(wrapped.permanent()).isTrue();
  }

  @Test
  void anythingElseIsLeftToTheGeneralClassifier() {
    assertThat(SalesforceFailures.classify(new IOException("connection reset"))).isEmpty();
    assertThat(SalesforceFailures.classify(new RuntimeCamelException(new IOException("x"))))
        .isEmpty();
    assertThat(SalesforceFailures.classify(new IllegalStateException("bug"))).isEmpty();
  }

  static SalesforceCompositeException.RecordFailure record(
      String sObject, int status, String code) {
    return new SalesforceCompositeException.RecordFailure(
        sObject,
        sObject.toLowerCase() + "-1",
        status,
        List.of(new SalesforceCompositeException.Error(code, code.toLowerCase(), List.of())));
  }

  static SalesforceCompositeException.RecordFailure halted(String sObject) {
    return record(sObject, 400, "PROCESSING_HALTED");
  }

  @Test
  void aCompositeRecordRefusedNamesEachRecordTheCauseFirstAndIsPermanent() {
    SalesforceCompositeException composite =
        new SalesforceCompositeException(
            List.of(
                halted("Account"),
                new SalesforceCompositeException.RecordFailure(
                    "Contact",
                    "buyer-user-01",
                    400,
                    List.of(
                        new SalesforceCompositeException.Error(
                            "REQUIRED_FIELD_MISSING",
                            "Required fields are missing",
                            List.of("LastName")))),
                halted("Opportunity")));

    Failure failure = SalesforceFailures.classify(composite).orElseThrow();

    assertThat(failure.permanent()).isTrue();
    assertThat(failure.message())
        .isEqualTo(
            "Salesforce Composite failed: Contact buyer-user-01: HTTP 400 REQUIRED_FIELD_MISSING:"
                + " Required fields are missing [LastName]; Account account-1: PROCESSING_HALTED;"
                + " Opportunity opportunity-1: PROCESSING_HALTED");
  }

  @Test
  void severalRecordsOnOneExternalIdArePermanent() {
    // an upsert whose external ID matches several records answers 300
    Failure failure =
        SalesforceFailures.classify(
                new SalesforceCompositeException(
                    List.of(record("Account", 300, "MULTIPLE_CHOICES"), halted("Contact"))))
            .orElseThrow();

    assertThat(failure.permanent()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(ints = {408, 429, 500, 503})
  void aCompositeRecordThatMaySucceedLaterIsRetried(int status) {
    Failure failure =
        SalesforceFailures.classify(
                new SalesforceCompositeException(
                    List.of(
                        halted("Account"),
                        halted("Contact"),
                        record("Opportunity", status, "BUSY"))))
            .orElseThrow();

    assertThat(failure.permanent()).isFalse();
    assertThat(failure.message())
        .startsWith(
            "Salesforce Composite failed: Opportunity opportunity-1: HTTP " + status + " BUSY");
  }

  @Test
  void onlyRolledBackRecordsNameNoCauseAndAreRetried() {
    Failure failure =
        SalesforceFailures.classify(
                new SalesforceCompositeException(List.of(halted("Account"), halted("Contact"))))
            .orElseThrow();

    assertThat(failure.permanent()).isFalse();
  }

  @Test
  void oneCauseThatMaySucceedLaterIsEnoughToRetry() {
    Failure failure =
        SalesforceFailures.classify(
                new RuntimeCamelException(
                    new SalesforceCompositeException(
                        List.of(
                            record("Account", 400, "INVALID_FIELD"),
                            record("Contact", 503, "BUSY")))))
            .orElseThrow();

    assertThat(failure.permanent()).isFalse();
  }
}
