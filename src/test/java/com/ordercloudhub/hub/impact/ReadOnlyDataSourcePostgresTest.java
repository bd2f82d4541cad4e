package com.ordercloudhub.hub.impact;

import com.ordercloudhub.hub.support.EmbeddedPostgresServer;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

class ReadOnlyDataSourcePostgresTest extends ReadOnlyDataSourceContract {

  @Override
  DataSource database() {
    PGSimpleDataSource postgres = new PGSimpleDataSource();
    postgres.setUrl(EmbeddedPostgresServer.newDatabase());
    postgres.setUser("postgres");
    return postgres;
  }
}
