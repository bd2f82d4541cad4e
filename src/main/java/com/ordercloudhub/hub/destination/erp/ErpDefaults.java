package com.ordercloudhub.hub.destination.erp;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.env.PropertySource;

/**
 * The defaults of every ERP instance's timeouts, for the placeholders of its route file ({@code
 * {{hub.erp.erp-eu.connect-timeout-ms}}}): an instance configured with its base URL alone still has
 * route files that resolve. Consulted last, after every configured source; it enumerates nothing,
 * so it answers any instance name without knowing the names.
 */
final class ErpDefaults extends PropertySource<Object> {

  static final String NAME = "erpInstanceDefaults";

  private static final Pattern KEY =
      Pattern.compile("hub\\.erp\\.[a-z0-9]+(?:-[a-z0-9]+)*\\.([a-z-]+)");

  private static final Map<String, String> DEFAULTS =
      Map.of(
          "connect-timeout-ms", String.valueOf(ErpProperties.unset().connectTimeoutMs()),
          "read-timeout-ms", String.valueOf(ErpProperties.unset().readTimeoutMs()));

  ErpDefaults() {
    super(NAME, new Object());
  }

  @Override
  public Object getProperty(String name) {
    Matcher key = KEY.matcher(name);
    return key.matches() ? DEFAULTS.get(key.group(1)) : null;
  }
}
