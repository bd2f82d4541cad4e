package com.ordercloudhub.hub.destination.crm;

import org.apache.camel.component.salesforce.AuthenticationType;
import org.apache.camel.component.salesforce.SalesforceComponent;
import org.apache.camel.component.salesforce.SalesforceEndpointConfig;
import org.apache.camel.spi.ComponentCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires camel-salesforce from {@code hub.crm}. Login is lazy: a missing or unreachable Salesforce
 * never stops the hub from starting; the first delivery logs in, and a rejected session logs in
 * again.
 */
@Configuration(proxyBeanMethods = false)
class CrmConfig {

  @Bean
  ComponentCustomizer salesforceLogin(CrmProperties crm) {
    return ComponentCustomizer.builder(SalesforceComponent.class)
        .build(
            salesforce -> {
              salesforce.setLazyLogin(true);
              salesforce.setLoginUrl(crm.loginUrl());
              salesforce.setClientId(blankToNull(crm.clientId()));
              salesforce.setClientSecret(blankToNull(crm.clientSecret()));
              SalesforceEndpointConfig config =
                  salesforce.getConfig() != null
                      ? salesforce.getConfig()
                      : new SalesforceEndpointConfig();
              config.setApiVersion(crm.apiVersion());
              salesforce.setConfig(config);
              if (crm.usesRefreshToken()) {
                salesforce.setRefreshToken(crm.refreshToken());
                salesforce.setAuthenticationType(AuthenticationType.REFRESH_TOKEN);
              } else {
                salesforce.setUserName(blankToNull(crm.username()));
                salesforce.setPassword(blankToNull(crm.password()));
                salesforce.setAuthenticationType(AuthenticationType.USERNAME_PASSWORD);
              }
            });
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
