package com.ordercloudhub.hub.reload;

import com.ordercloudhub.hub.check.CheckedSettings;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.core.env.Environment;

/** The running hub's configuration as the route check sees it: whatever Camel would resolve. */
final class EnvironmentSettings implements CheckedSettings {

  static final String ROUTE_PATTERNS = "camel.main.routes-include-pattern";

  private final Environment environment;

  EnvironmentSettings(Environment environment) {
    this.environment = environment;
  }

  @Override
  public Optional<String> value(String key) {
    try {
      return Optional.ofNullable(environment.getProperty(key));
    } catch (IllegalArgumentException e) {
      return Optional.of(""); // defined, with a ${…} Spring cannot resolve: not the route's problem
    }
  }

  @Override
  public List<String> routePatterns() {
    return Arrays.stream(environment.getProperty(ROUTE_PATTERNS, "").split(","))
        .map(String::trim)
        .filter(p -> !p.isEmpty())
        .toList();
  }

  @Override
  public String source() {
    return "the hub's configuration";
  }
}
