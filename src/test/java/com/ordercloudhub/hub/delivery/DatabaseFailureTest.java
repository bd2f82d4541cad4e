package com.ordercloudhub.hub.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Which failures of a delivery are the hub's own database going away (the event goes again as soon
 * as the database answers) and which are not (it is put back for a minute, as before).
 */
class DatabaseFailureTest {

  @Test
  void anUnreachableOrLostDatabaseIsTheHubsOwnFailure() {
    assertThat(Dispatcher.databaseFailed(new CannotGetJdbcConnectionException("pool empty")))
        .isTrue();
    assertThat(
            Dispatcher.databaseFailed(
                new CannotCreateTransactionException(
                    "no connection", new SQLTransientConnectionException("timeout"))))
        .isTrue();
    assertThat(Dispatcher.databaseFailed(new QueryTimeoutException("slow"))).isTrue();
    assertThat(
            Dispatcher.databaseFailed(
                new IllegalStateException(
                    "wrapped", new SQLTransientConnectionException("connection is closed"))))
        .isTrue();
  }

  @Test
  void aStatementTheDatabaseRefusesOrAnotherErrorIsNot() {
    assertThat(
            Dispatcher.databaseFailed(
                new BadSqlGrammarException("task", "SELECT", new java.sql.SQLException("bad"))))
        .isFalse();
    assertThat(Dispatcher.databaseFailed(new DataIntegrityViolationException("duplicate")))
        .isFalse();
    assertThat(Dispatcher.databaseFailed(new IllegalArgumentException("a bug"))).isFalse();
  }
}
