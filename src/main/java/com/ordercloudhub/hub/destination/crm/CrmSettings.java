package com.ordercloudhub.hub.destination.crm;

import com.ordercloudhub.hub.delivery.DestinationSettings;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The CRM destination is usable once Salesforce credentials are set; else its legs are skipped. */
@Component
class CrmSettings implements DestinationSettings {

  private final CrmProperties properties;

  CrmSettings(CrmProperties properties) {
    this.properties = properties;
  }

  @Override
  public String destination() {
    return "crm";
  }

  @Override
  public Optional<String> missing() {
    if (!CrmProperties.present(properties.clientId())) {
      return Optional.of("SALESFORCE_CLIENT_ID is not set");
    }
    if (!properties.usesRefreshToken()
        && !(CrmProperties.present(properties.username())
            && CrmProperties.present(properties.password()))) {
      return Optional.of(
          "Neither SALESFORCE_REFRESH_TOKEN nor SALESFORCE_USERNAME and SALESFORCE_PASSWORD is set");
    }
    return Optional.empty();
  }
}
