package com.ordercloudhub.hub.destination.crm;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Salesforce, the CRM destination.
 *
 * @param loginUrl {@code SALESFORCE_LOGIN_URL}
 * @param clientId {@code SALESFORCE_CLIENT_ID} (the connected app's consumer key)
 * @param clientSecret {@code SALESFORCE_CLIENT_SECRET}
 * @param username {@code SALESFORCE_USERNAME} (username-password flow)
 * @param password {@code SALESFORCE_PASSWORD} (username-password flow)
 * @param refreshToken {@code SALESFORCE_REFRESH_TOKEN} (refresh-token flow; wins when set)
 * @param apiVersion REST API version
 * @param externalIdField the external-ID field on Account, Contact and Opportunity
 * @param stages the Opportunity stage each order event sets, by event type with dashes
 */
@ConfigurationProperties("hub.crm")
record CrmProperties(
    @DefaultValue("https://login.salesforce.com") String loginUrl,
    String clientId,
    String clientSecret,
    String username,
    String password,
    String refreshToken,
    @DefaultValue("59.0") String apiVersion,
    @DefaultValue("OrderCloud_ID__c") String externalIdField,
    @DefaultValue Map<String, String> stages) {

  public boolean usesRefreshToken() {
    return present(refreshToken);
  }

  static boolean present(String value) {
    return value != null && !value.isBlank();
  }

  @Override
  public String toString() {
    return "CrmProperties[loginUrl="
        + loginUrl
        + ", clientId="
        + clientId
        + ", username="
        + username
        + "]";
  }
}
