package com.ordercloudhub.hub.destination.erp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.env.MapPropertySource;

/**
 * The defaults of every ERP instance's timeouts, for the placeholders of its route file ({@code
 * {{hub.erp.erp-eu.connect-timeout-ms}}}): an instance configured with its base URL alone still has
 * route files that resolve. Consulted last, after every configured source. (It lists its keys: a
 * source that cannot would make Spring's binder search every bean property below every prefix.)
 */
final class ErpDefaults extends MapPropertySource {

  static final String NAME = "erpInstanceDefaults";

  ErpDefaults(List<String> instances) {
    super(NAME, defaults(instances));
  }

  private static Map<String, Object> defaults(List<String> instances) {
    ErpProperties unset = ErpProperties.unset();
    Map<String, Object> defaults = new LinkedHashMap<>();
    for (String name : instances) {
      defaults.put(
          ErpInstances.key(name, "connect-timeout-ms"), String.valueOf(unset.connectTimeoutMs()));
      defaults.put(
          ErpInstances.key(name, "read-timeout-ms"), String.valueOf(unset.readTimeoutMs()));
    }
    return defaults;
  }
}
