package com.ordercloudhub.hub.destination.crm;

import com.ordercloudhub.hub.delivery.Destination;
import com.ordercloudhub.hub.delivery.FailureClassifier.Failure;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * Salesforce, the {@code crm} destination: usable once its credentials are set (else its legs are
 * skipped); its mappings (mappings/crm/) read the external-ID field name and the Opportunity stage
 * configured for the event type ({@code hub.crm.stages}); Salesforce's errors and calls are its
 * own.
 */
@Component
class CrmDestination implements Destination {

  private final CrmProperties properties;
  private final SalesforceCalls calls;

  CrmDestination(CrmProperties properties, SalesforceCalls calls) {
    this.properties = properties;
    this.calls = calls;
  }

  @Override
  public String name() {
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

  @Override
  public Map<String, Object> mappingSettings(String eventType) {
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("externalIdField", properties.externalIdField());
    String key = eventType == null ? "" : eventType.replace('.', '-');
    settings.put("stage", properties.stages().get(key));
    return settings;
  }

  @Override
  public Optional<Failure> classify(Throwable cause, Exchange exchange) {
    return SalesforceFailures.classify(cause);
  }

  @Override
  public Optional<Map<String, Object>> describe(Endpoint endpoint, Exchange exchange) {
    return calls.describe(endpoint, exchange);
  }
}
