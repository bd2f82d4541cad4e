package com.ordercloudhub.hub.check;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What rules compare the route files against: the build passes application.yaml and the beans of
 * the Java sources, the running hub its environment and application context.
 *
 * @param settings configuration keys and route patterns
 * @param beans whether a name is a Spring bean of the hub
 * @param eventTypes every event type the hub can classify; empty: coverage is not checked
 */
public record CheckContext(
    CheckedSettings settings, Predicate<String> beans, Set<String> eventTypes) {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(.+?)}}");

  /**
   * A folder a setting names (the mappings, the email templates), as the hub resolves it: relative
   * to the working directory.
   */
  public Path directory(String key, String fallback) {
    return Path.of(settings.value(key).orElse(fallback));
  }

  /** {@code {{key}}} and {@code {{key:default}}} resolved; empty when a key is undefined. */
  public Optional<String> resolve(String text) {
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String[] keyAndDefault = m.group(1).trim().split(":", 2);
      Optional<String> value = settings.value(keyAndDefault[0]);
      if (value.isEmpty() && keyAndDefault.length < 2) {
        return Optional.empty();
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value.orElseGet(() -> keyAndDefault[1])));
    }
    m.appendTail(out);
    return Optional.of(out.toString());
  }
}
