package com.ordercloudhub.hub.destination.crm;

import com.ordercloudhub.hub.destination.MappingComponent;
import com.ordercloudhub.hub.destination.MappingInput;
import com.ordercloudhub.hub.destination.Mappings;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;

/**
 * The CRM routes alone (routes/destinations/crm.camel.yaml and the delivery route configurations it
 * attaches to) with the real beans they reference: the mapping input, the CRM's mapping settings
 * from ./application.yaml and the Salesforce record and Composite request builders. Nothing else of
 * the hub starts.
 *
 * <p>No @Configuration: the whole-hub tests' component scan must not pick it up (the test names
 * it).
 */
@ImportAutoConfiguration({CamelAutoConfiguration.class, JacksonAutoConfiguration.class})
@EnableConfigurationProperties(CrmProperties.class)
@Import({
  MappingInput.class,
  Mappings.class,
  MappingComponent.class,
  CrmDestination.class,
  SalesforceCalls.class,
  SalesforceRecords.class,
  SalesforceComposite.class
})
class CrmRoutes {

  /** Only the files under test, no JMX, no thread keeping the JVM alive. */
  static final String ROUTES =
      "camel.main.routes-include-pattern="
          + "file:routes/shared/delivery.camel.yaml,file:routes/destinations/crm.camel.yaml";
}
