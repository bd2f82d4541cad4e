package com.ordercloudhub.hub.impact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The inert hub's database on a real database: reads answer, every writing statement is refused
 * before the database sees it (the rows stay), and the real connection is not handed out.
 */
abstract class ReadOnlyDataSourceContract {

  abstract DataSource database();

  DataSource real;
  JdbcTemplate writer;
  JdbcTemplate reader;

  @BeforeEach
  void table() {
    real = database();
    writer = new JdbcTemplate(real);
    writer.execute("DROP TABLE IF EXISTS impact_probe");
    writer.execute("CREATE TABLE impact_probe (id INT PRIMARY KEY, name VARCHAR(20))");
    writer.update("INSERT INTO impact_probe VALUES (1, 'kept'), (2, 'also kept')");
    reader = new JdbcTemplate(new ReadOnlyDataSource(real, false));
  }

  @Test
  void readsAnswerAndWritesAreRefusedBeforeTheDatabase() throws Exception {
    assertThat(reader.queryForObject("SELECT COUNT(*) FROM impact_probe", Integer.class))
        .isEqualTo(2);
    assertThat(reader.queryForObject("SELECT name FROM impact_probe WHERE id = ?", String.class, 1))
        .isEqualTo("kept");
    assertThat(
            reader.queryForObject(
                "WITH t AS (SELECT id FROM impact_probe) SELECT COUNT(*) FROM t", Integer.class))
        .isEqualTo(2);
    for (String write :
        List.of(
            "INSERT INTO impact_probe VALUES (3, 'new')",
            "UPDATE impact_probe SET name = 'changed'",
            "DELETE FROM impact_probe",
            "SELECT id FROM impact_probe FOR UPDATE",
            "DROP TABLE impact_probe",
            "TRUNCATE TABLE impact_probe")) {
      assertThatThrownBy(() -> reader.update(write))
          .as(write)
          .rootCause()
          .hasMessageContaining("does not write the database");
      assertThatThrownBy(() -> reader.execute(write))
          .as(write)
          .rootCause()
          .hasMessageContaining("does not write the database");
    }
    try (Connection connection = reader.getDataSource().getConnection()) {
      try (Statement statement = connection.createStatement()) {
        assertThatThrownBy(() -> statement.executeUpdate("DELETE FROM impact_probe"))
            .hasMessageContaining("does not write the database");
        assertThatThrownBy(() -> statement.addBatch("DELETE FROM impact_probe"))
            .hasMessageContaining("does not write the database");
        try (ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM impact_probe")) {
          assertThat(rows.next()).isTrue();
          assertThat(rows.getInt(1)).isEqualTo(2);
        }
      }
      assertThatThrownBy(() -> connection.prepareCall("{call nothing()}"))
          .hasMessageContaining("does not write the database");
      // the connection that would write is not handed out
      assertThat(connection.isWrapperFor(PreparedStatement.class)).isFalse();
      assertThat(connection.unwrap(Connection.class)).isSameAs(connection);
      assertThat(reader.getDataSource().isWrapperFor(real.getClass())).isFalse();
    }
    assertThat(writer.queryForList("SELECT name FROM impact_probe ORDER BY id", String.class))
        .containsExactly("kept", "also kept");
  }
}
