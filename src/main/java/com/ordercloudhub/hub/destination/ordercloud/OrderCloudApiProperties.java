package com.ordercloudhub.hub.destination.ordercloud;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The hub's own OrderCloud API client, used to read what a payload lacks (an order's line items).
 *
 * @param apiUrl {@code ORDERCLOUD_API_URL}
 * @param authUrl {@code ORDERCLOUD_AUTH_URL}; the token endpoint is {@code {authUrl}/oauth/token}
 * @param clientId {@code ORDERCLOUD_CLIENT_ID}; without it, enrichment is off
 * @param clientSecret {@code ORDERCLOUD_CLIENT_SECRET}
 * @param scope roles asked for with client credentials, space-separated
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout how long to wait for an answer
 * @param pageSize items per page when listing
 */
@ConfigurationProperties("hub.ordercloud.api")
public record OrderCloudApiProperties(
    @DefaultValue("https://sandboxapi.ordercloud.io") String apiUrl,
    @DefaultValue("https://sandboxauth.ordercloud.io") String authUrl,
    String clientId,
    String clientSecret,
    @DefaultValue("OrderReader") String scope,
    @DefaultValue("2s") Duration connectTimeout,
    @DefaultValue("10s") Duration readTimeout,
    @DefaultValue("100") int pageSize) {

  public boolean configured() {
    return clientId != null && !clientId.isBlank();
  }

  @Override
  public String toString() {
    return "OrderCloudApiProperties[apiUrl=" + apiUrl + ", clientId=" + clientId + "]";
  }
}
