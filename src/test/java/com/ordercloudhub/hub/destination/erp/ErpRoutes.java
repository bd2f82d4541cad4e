package com.ordercloudhub.hub.destination.erp;

import com.ordercloudhub.hub.destination.MappingComponent;
import com.ordercloudhub.hub.destination.MappingInput;
import com.ordercloudhub.hub.destination.Mappings;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * The ERP routes alone (routes/destinations/erp.camel.yaml and the delivery route configurations it
 * attaches to) with the real beans they reference: the mapping input, the named ERP instances (and
 * their destinations, so the mapping settings are the real ones), the line-item reader, the
 * synced-order check and the request builder. The OrderCloud API the line items come from and the
 * event store the synced-order check asks are mocked by the test; nothing else of the hub starts.
 *
 * <p>No @Configuration: the whole-hub tests' component scan must not pick it up (the test names
 * it).
 */
@ImportAutoConfiguration({CamelAutoConfiguration.class, JacksonAutoConfiguration.class})
@Import({
  ErpConfig.class,
  ErpInstances.class,
  ErpRequests.class,
  OrderLineItems.class,
  SyncedOrders.class,
  MappingInput.class,
  Mappings.class,
  MappingComponent.class
})
class ErpRoutes {

  static final String ROUTES =
      "camel.main.routes-include-pattern="
          + "file:routes/shared/delivery.camel.yaml,file:routes/destinations/erp.camel.yaml";

  /** Never contacted: the send steps are replaced by mocks. */
  static final String BASE_URL = "http://127.0.0.1:9/api/v2";
}
