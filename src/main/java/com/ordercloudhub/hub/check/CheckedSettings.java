package com.ordercloudhub.hub.check;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the route check needs from configuration: the value of a key (placeholders, the mappings and
 * templates folders) and the patterns Camel loads route files with. The build reads
 * application.yaml ({@code routecheck.ApplicationYamlSettings}); the running hub its Spring
 * environment.
 */
public interface CheckedSettings {

  /** The value of a key, when it is defined where a placeholder can use it. */
  Optional<String> value(String key);

  /** Profiles that define a key the default document does not (for the message), else empty. */
  default Set<String> profilesDefining(String key) {
    return Set.of();
  }

  /** {@code camel.main.routes-include-pattern}, split at commas. */
  List<String> routePatterns();

  /** Where the keys come from, as problems name it ("application.yaml"). */
  String source();
}
