package com.ordercloudhub.hub.destination.database;

import com.ordercloudhub.hub.destination.MappingComponent;
import com.ordercloudhub.hub.destination.Mappings;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * The database routes alone (routes/destinations/database.camel.yaml and the delivery route
 * configurations it attaches to) with the real row builder, whose column checks read the reporting
 * tables from an in-memory H2 migrated by the hub's own Flyway scripts. The SQL writes are mocked
 * by the tests; nothing else of the hub starts.
 *
 * <p>No @Configuration: the whole-hub tests' component scan must not pick it up (the test names
 * it).
 */
@ImportAutoConfiguration({
  CamelAutoConfiguration.class,
  JacksonAutoConfiguration.class,
  DataSourceAutoConfiguration.class,
  JdbcTemplateAutoConfiguration.class,
  FlywayAutoConfiguration.class
})
@Import({ReportingRows.class, ReportingColumns.class, Mappings.class, MappingComponent.class})
class DatabaseRoutes {

  static final String ROUTES =
      "camel.main.routes-include-pattern="
          + "file:routes/shared/delivery.camel.yaml,file:routes/destinations/database.camel.yaml";

  /**
   * A database of the test's own, gone with its JVM, speaking PostgreSQL's dialect as the hub's.
   */
  static final String DATABASE =
      "spring.datasource.url=jdbc:h2:mem:database-routes;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
          + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
}
