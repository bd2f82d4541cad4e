package com.ordercloudhub.hub.delivery;

import java.util.Map;
import java.util.Optional;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;

/**
 * A system the hub delivers events to, as the core sees it: a Spring bean per destination, next to
 * its route file {@code routes/destinations/<name>.camel.yaml} (route {@code
 * <name>-deliver-event}). The core never names a destination; it asks these beans. Only {@link
 * #name()} is required: a destination without configuration, mapping settings, exceptions or calls
 * of its own keeps the defaults.
 */
public interface Destination {

  /** The destination's name, as in {@code direct:<name>-deliver-event} and on its legs. */
  String name();

  /**
   * Why the destination cannot be used now, e.g. "ERP_BASE_URL is not set"; empty when it can.
   * Without configuration its legs are {@code skipped} with this reason, never errors.
   */
  default Optional<String> missing() {
    return Optional.empty();
  }

  /**
   * What its mappings read under {@code hub.settings} for an event of this type (e.g. the CRM's
   * external-ID field and Opportunity stage). The map is turned into JSON.
   */
  default Map<String, Object> mappingSettings(String eventType) {
    return Map.of();
  }

  /**
   * The failure, when {@code cause} is one of this destination's own exceptions (a Salesforce
   * error, a refused mail address); empty leaves it to the generic rules of {@link
   * FailureClassifier}. Every destination is asked about every failure, so recognise only your own
   * exception types. The message is shortened and cleaned by the classifier; keep it free of
   * secrets.
   *
   * @param cause the failure, unwrapped from Camel's exchange exceptions
   * @param exchange the failed exchange, or null
   */
  default Optional<FailureClassifier.Failure> classify(Throwable cause, Exchange exchange) {
    return Optional.empty();
  }

  /**
   * How a dry run shows a call it did not make to this destination's component (a Salesforce
   * upsert, an SQL statement, an email), as the system on the other end would have received it;
   * empty leaves it to the generic descriptions (HTTP, else endpoint, headers and body). Asked for
   * every call a dry run holds back, so recognise only your own endpoints. Secrets are masked
   * afterwards by the secret rule.
   */
  default Optional<Map<String, Object>> describe(Endpoint endpoint, Exchange exchange) {
    return Optional.empty();
  }
}
