package com.ordercloudhub.hub.destination.erp;

import com.ordercloudhub.hub.delivery.DestinationSettings;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The ERP destination is usable once ERP_BASE_URL (and the chosen auth's secrets) are set. */
@Component
class ErpSettings implements DestinationSettings {

  private final ErpProperties properties;
  private final ErpAuth auth;

  ErpSettings(ErpProperties properties) {
    this.properties = properties;
    this.auth = ErpAuth.of(properties.auth()); // a wrong ERP_AUTH stops start-up
  }

  @Override
  public String destination() {
    return "erp";
  }

  @Override
  public Optional<String> missing() {
    if (properties.baseUrl() == null || properties.baseUrl().isBlank()) {
      return Optional.of("ERP_BASE_URL is not set");
    }
    return auth.missing(properties);
  }
}
