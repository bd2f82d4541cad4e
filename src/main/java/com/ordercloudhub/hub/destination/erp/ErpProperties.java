package com.ordercloudhub.hub.destination.erp;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * One ERP instance, reached over REST: the keys under {@code hub.erp.<name>}. The default instance
 * {@code erp} takes them from the environment variables named below (application.yaml).
 *
 * @param baseUrl {@code ERP_BASE_URL}; without it, the instance's legs are skipped
 * @param auth {@code ERP_AUTH}: none, basic or bearer
 * @param username {@code ERP_USERNAME} (basic)
 * @param password {@code ERP_PASSWORD} (basic)
 * @param token {@code ERP_TOKEN} (bearer)
 * @param connectTimeoutMs how long to wait for a connection, in milliseconds
 * @param readTimeoutMs how long to wait for the answer, in milliseconds
 */
record ErpProperties(
    String baseUrl,
    @DefaultValue("none") String auth,
    String username,
    String password,
    String token,
    @DefaultValue("2000") long connectTimeoutMs,
    @DefaultValue("10000") long readTimeoutMs) {

  /** An instance nothing configures: no URL, so its legs are skipped. */
  static ErpProperties unset() {
    return new ErpProperties(null, "none", null, null, null, 2000, 10000);
  }

  @Override
  public String toString() {
    return "ErpProperties[baseUrl=" + baseUrl + ", auth=" + auth + ", username=" + username + "]";
  }
}
