package com.ordercloudhub.hub.destination.erp;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The ERP, reached over REST.
 *
 * @param baseUrl {@code ERP_BASE_URL}; without it, ERP legs are skipped
 * @param auth {@code ERP_AUTH}: none, basic or bearer
 * @param username {@code ERP_USERNAME} (basic)
 * @param password {@code ERP_PASSWORD} (basic)
 * @param token {@code ERP_TOKEN} (bearer)
 * @param connectTimeoutMs how long to wait for a connection, in milliseconds
 * @param readTimeoutMs how long to wait for the answer, in milliseconds
 */
@ConfigurationProperties("hub.erp")
public record ErpProperties(
    String baseUrl,
    @DefaultValue("none") String auth,
    String username,
    String password,
    String token,
    @DefaultValue("2000") long connectTimeoutMs,
    @DefaultValue("10000") long readTimeoutMs) {

  @Override
  public String toString() {
    return "ErpProperties[baseUrl=" + baseUrl + ", auth=" + auth + ", username=" + username + "]";
  }
}
