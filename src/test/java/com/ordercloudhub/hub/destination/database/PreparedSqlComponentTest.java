package com.ordercloudhub.hub.destination.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.sql.SqlEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The hub's {@code sql:} component against a real (H2) database: a statement's JDBC text is made
 * once and every row still gets its own values; an IN list is prepared per exchange, for as many
 * values as it has; a missing parameter fails as Camel's own component fails.
 */
class PreparedSqlComponentTest {

  static final String INSERT = "sql:INSERT INTO t (id, name) VALUES (:#id, :#name)";
  static final String IN_LIST = "sql:SELECT COUNT(*) AS n FROM t WHERE id IN (:#in:ids)";

  CamelContext camel;
  ProducerTemplate producer;
  JdbcTemplate jdbc;

  @BeforeEach
  void start() throws Exception {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:prepared-sql-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
    jdbc = new JdbcTemplate(dataSource);
    jdbc.execute("CREATE TABLE t (id INT PRIMARY KEY, name VARCHAR(40))");
    camel = new DefaultCamelContext();
    PreparedSqlComponent sql = new PreparedSqlComponent();
    sql.setDataSource(dataSource);
    camel.addComponent("sql", sql);
    camel.addRoutes(
        new RouteBuilder() {
          @Override
          public void configure() {
            from("direct:insert").to(INSERT);
            from("direct:count").to(IN_LIST);
          }
        });
    camel.start();
    producer = camel.createProducerTemplate();
  }

  @AfterEach
  void stop() {
    camel.stop();
  }

  @Test
  void eachRowGetsItsOwnValuesThroughOneTextPreparedOnce() {
    for (int i = 1; i <= 50; i++) {
      producer.sendBody("direct:insert", Map.of("id", i, "name", "row " + i));
    }

    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM t", Integer.class)).isEqualTo(50);
    assertThat(jdbc.queryForObject("SELECT name FROM t WHERE id = 37", String.class))
        .isEqualTo("row 37");
    assertThat(strategy(INSERT).kept()).isEqualTo(1);
  }

  @Test
  void anInListIsPreparedForAsManyValuesAsEachExchangeHas() {
    for (int i = 1; i <= 6; i++) {
      producer.sendBody("direct:insert", Map.of("id", i, "name", "row " + i));
    }

    for (List<Integer> ids : List.of(List.of(1), List.of(1, 2, 3), List.of(2, 4, 5, 6, 99))) {
      List<?> rows = producer.requestBodyAndHeader("direct:count", null, "ids", ids, List.class);
      Map<?, ?> row = (Map<?, ?>) rows.get(0);
      assertThat(((Number) row.get("N")).intValue())
          .as("rows among %s", ids)
          .isEqualTo((int) ids.stream().filter(id -> id <= 6).count());
    }
    assertThat(strategy(IN_LIST).kept()).isZero();
  }

  @Test
  void aMissingParameterFailsTheExchangeNamingIt() {
    Exchange done = producer.send("direct:insert", e -> e.getMessage().setBody(Map.of("id", 7)));

    assertThat(done.getException()).hasMessageContaining("Cannot find key [name]");
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM t", Integer.class)).isZero();
  }

  private PreparedSqlComponent.PreparedOnce strategy(String uri) {
    return (PreparedSqlComponent.PreparedOnce)
        camel.getEndpoint(uri, SqlEndpoint.class).getPrepareStatementStrategy();
  }
}
