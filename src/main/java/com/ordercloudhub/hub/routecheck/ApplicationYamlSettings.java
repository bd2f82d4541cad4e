package com.ordercloudhub.hub.routecheck;

import com.ordercloudhub.hub.check.CheckedSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.FileSystemResource;

/**
 * The keys of an application.yaml as the build sees them: a placeholder may use a key of the first
 * (default) document; a key defined only in a profile is not enough, since the hub also runs
 * without that profile.
 */
public final class ApplicationYamlSettings implements CheckedSettings {

  private final Path file;
  private final Map<String, String> defaults = new LinkedHashMap<>();
  private final Map<String, Set<String>> profiles = new TreeMap<>();
  private final List<String> patterns = new ArrayList<>();

  /**
   * @throws IOException when the file cannot be read or is not YAML
   */
  public ApplicationYamlSettings(Path file) throws IOException {
    this.file = file;
    List<PropertySource<?>> documents =
        new YamlPropertySourceLoader().load(file.toString(), new FileSystemResource(file));
    for (PropertySource<?> document : documents) {
      EnumerablePropertySource<?> keys = (EnumerablePropertySource<?>) document;
      Object profile = keys.getProperty("spring.config.activate.on-profile");
      Object platform = keys.getProperty("spring.config.activate.on-cloud-platform");
      boolean always = profile == null && platform == null;
      for (String key : keys.getPropertyNames()) {
        if (always) {
          defaults.put(key, String.valueOf(keys.getProperty(key)));
        } else {
          profiles
              .computeIfAbsent(key, k -> new TreeSet<>())
              .add(String.valueOf(profile != null ? profile : platform));
        }
      }
      Object include = keys.getProperty("camel.main.routes-include-pattern");
      if (include != null && always) {
        Arrays.stream(include.toString().split(","))
            .map(String::trim)
            .filter(p -> !p.isEmpty())
            .forEach(patterns::add);
      }
    }
  }

  @Override
  public Optional<String> value(String key) {
    return Optional.ofNullable(defaults.get(key));
  }

  @Override
  public Set<String> profilesDefining(String key) {
    return profiles.getOrDefault(key, Set.of());
  }

  @Override
  public List<String> routePatterns() {
    return List.copyOf(patterns);
  }

  @Override
  public String source() {
    return file.toString();
  }
}
