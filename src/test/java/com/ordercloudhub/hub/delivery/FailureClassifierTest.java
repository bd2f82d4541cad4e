package com.ordercloudhub.hub.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelExchangeException;
import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;

class FailureClassifierTest {

  private final FailureClassifier classifier = new FailureClassifier(List.of());

  private static HttpOperationFailedException http(int status, String body) {
    return new HttpOperationFailedException(
        "http://user:secret@erp.example:8443/sales-orders?token=abc",
        status,
        "status " + status,
        null,
        Map.of(),
        body);
  }

  @ParameterizedTest(name = "HTTP {0} → permanent={1}")
  @CsvSource({
    "400, true",
    "401, true",
    "404, true",
    "409, true",
    "422, true",
    "408, false",
    "429, false",
    "500, false",
    "502, false",
    "503, false",
    "504, false"
  })
  void httpStatusesAreClassifiedAsTheContractSays(int status, boolean permanent) {
    FailureClassifier.Failure failure =
        classifier.classify(http(status, "{\"error\":\"x\"}"), null);

    assertThat(failure.permanent()).isEqualTo(permanent);
    assertThat(failure.message()).contains("HTTP " + status).contains("{\"error\":\"x\"}");
  }

  @Test
  void storedErrorsCarryNoCredentialsFromTheUri() {
    String message = classifier.classify(http(503, null), null).message();

    assertThat(message).contains("http://erp.example:8443/sales-orders");
    assertThat(message).doesNotContain("secret", "token=abc", "user:");
  }

  @Test
  void aMappingFailureIsPermanentAndNamesTheMappingFile() {
    Exchange exchange = new DefaultExchange(new DefaultCamelContext());
    exchange.setProperty(
        Exchange.FAILURE_ENDPOINT,
        "jsonata://file:mappings/database/order.jsonata?inputType=Jackson");
    Exception jsonataError = new com.dashjoin.jsonata.JException("T2002", 12);

    FailureClassifier.Failure failure =
        classifier.classify(new CamelExchangeException("failed", exchange, jsonataError), exchange);

    assertThat(failure.permanent()).isTrue();
    assertThat(failure.message()).contains("file:mappings/database/order.jsonata");
  }

  @Test
  void aRejectedRecordIsPermanentButAConcurrentInsertIsRetried() {
    assertThat(
            classifier
                .classify(new DataIntegrityViolationException("NULL not allowed for column"), null)
                .permanent())
        .isTrue();
    assertThat(
            classifier
                .classify(new SQLIntegrityConstraintViolationException("check", "23514"), null)
                .permanent())
        .isTrue();
    assertThat(classifier.classify(new SQLException("bad date", "22007"), null).permanent())
        .isTrue();
    assertThat(classifier.classify(new DuplicateKeyException("race"), null).permanent()).isFalse();
    assertThat(classifier.classify(new SQLException("unique", "23505"), null).permanent())
        .isFalse();
  }

  @Test
  void connectionProblemsAndOurOwnPermanentErrorAreTellApart() {
    assertThat(classifier.classify(new ConnectException("Connection refused"), null).permanent())
        .isFalse();
    assertThat(classifier.classify(new SQLException("gone", "08006"), null).permanent()).isFalse();
    FailureClassifier.Failure ours =
        classifier.classify(new PermanentDeliveryException("No reporting table for x.y"), null);
    assertThat(ours.permanent()).isTrue();
    assertThat(ours.message()).isEqualTo("No reporting table for x.y");
  }

  @Test
  void longMessagesAreShortened() {
    String message = classifier.classify(http(500, "x".repeat(5000)), null).message();

    assertThat(message).hasSizeLessThanOrEqualTo(FailureClassifier.MAX_MESSAGE);
  }
}
