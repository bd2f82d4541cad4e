package com.ordercloudhub.hub.ops;

import com.ordercloudhub.hub.config.Problem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The operations API when the database does not answer in time (no connection free within the
 * pool's timeout, a query timed out, the database unreachable): {@code 503 store_unavailable} with
 * {@code Retry-After}, as the webhooks answer it, not a 500 that reads like a bug. Logged once per
 * call with the cause's type and message (no parameters, which may carry an operator's filter).
 */
@RestControllerAdvice(basePackages = "com.ordercloudhub.hub.ops")
@Order(Ordered.HIGHEST_PRECEDENCE)
class StoreUnavailable {

  private static final Logger log = LoggerFactory.getLogger(StoreUnavailable.class);
  static final String RETRY_AFTER_SECONDS = "5";

  @ExceptionHandler({
    CannotGetJdbcConnectionException.class,
    CannotCreateTransactionException.class,
    DataAccessResourceFailureException.class,
    QueryTimeoutException.class,
    TransientDataAccessException.class,
    RecoverableDataAccessException.class
  })
  ResponseEntity<Problem> unavailable(Exception e) {
    log.warn(
        "Operations API call refused 503: the database did not answer in time ({}: {})",
        e.getClass().getSimpleName(),
        firstLine(e.getMessage()));
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
        .body(
            Problem.of(
                503,
                "store_unavailable",
                "The database did not answer in time; try again in a few seconds"));
  }

  private static String firstLine(String message) {
    return message == null ? "" : message.lines().findFirst().orElse("");
  }
}
