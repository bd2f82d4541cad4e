package com.ordercloudhub.hub.impact;

import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

class ReadOnlyDataSourceH2Test extends ReadOnlyDataSourceContract {

  @Override
  DataSource database() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:impact-" + UUID.randomUUID() + ";MODE=PostgreSQL;DB_CLOSE_DELAY=-1");
    h2.setUser("sa");
    return h2;
  }
}
