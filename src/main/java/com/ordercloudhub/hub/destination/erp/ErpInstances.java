package com.ordercloudhub.hub.destination.erp;

import com.ordercloudhub.hub.config.SettingException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The named ERP instances, {@code hub.erp.<name>.*}: each is a destination of that name with its
 * own route file ({@code routes/destinations/<name>.camel.yaml}). The default instance {@code erp}
 * always exists (unconfigured, its legs are skipped). A wrong {@code auth} of any instance stops
 * start-up naming its setting.
 *
 * <p>Before instances, the default ERP's keys sat directly under {@code hub.erp} ({@code
 * hub.erp.base-url}); such a key still configures instance {@code erp} and wins over {@code
 * hub.erp.erp.*}, so existing configuration keeps working.
 */
@Component(ErpInstances.BEAN)
class ErpInstances {

  /** The bean name each instance's {@link ErpDestination} definition refers to. */
  static final String BEAN = "erpInstances";

  static final String PREFIX = "hub.erp";

  private static final Set<String> FIELDS =
      Set.of(
          "base-url",
          "auth",
          "username",
          "password",
          "token",
          "connect-timeout-ms",
          "read-timeout-ms");

  private static final Pattern NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

  private final Map<String, ErpInstance> instances = new LinkedHashMap<>();

  ErpInstances(Environment environment) {
    Map<String, Object> tree = tree(environment);
    Map<String, Object> legacy = new LinkedHashMap<>();
    tree.forEach(
        (key, value) -> {
          if (!(value instanceof Map) && FIELDS.contains(key)) {
            legacy.put(key(ErpInstance.DEFAULT, key), value);
          }
        });
    Binder binder = binder(environment, legacy);
    for (String name : names(environment)) {
      ErpProperties properties =
          binder
              .bind(PREFIX + "." + name, Bindable.of(ErpProperties.class))
              .orElseGet(ErpProperties::unset);
      instances.put(name, ErpInstance.of(name, properties));
    }
  }

  /**
   * The instance names configured, the default first: each a destination name (kebab-case).
   *
   * @throws SettingException for a name that cannot be a destination's, or a key under {@code
   *     hub.erp} that is neither an instance nor one of the default instance's settings
   */
  static List<String> names(Environment environment) {
    List<String> names = new ArrayList<>(List.of(ErpInstance.DEFAULT));
    tree(environment)
        .forEach(
            (key, value) -> {
              if (value instanceof Map) {
                if (!NAME.matcher(key).matches()) {
                  throw new SettingException(
                      PREFIX + "." + key,
                      PREFIX + "." + key,
                      "names an ERP instance, but \"" + key + "\" is not kebab-case",
                      "Name the instance like a destination, e.g. hub.erp.erp-eu.base-url.");
                }
                if (!names.contains(key)) {
                  names.add(key);
                }
              } else if (!FIELDS.contains(key)) {
                throw new SettingException(
                    PREFIX + "." + key,
                    PREFIX + "." + key,
                    "is not an ERP setting",
                    "Configure an ERP instance as hub.erp.<name>.<setting>, e.g."
                        + " hub.erp.erp.base-url.");
              }
            });
    return names;
  }

  /** The key of an instance's setting: {@code hub.erp.erp-eu.base-url}. */
  static String key(String name, String field) {
    return PREFIX + "." + name + "." + field;
  }

  /**
   * @throws IllegalStateException when no instance has this name
   */
  ErpInstance instance(String name) {
    ErpInstance instance = instances.get(name);
    if (instance == null) {
      throw new IllegalStateException(
          "No ERP instance named "
              + name
              + " (configured: "
              + String.join(", ", instances.keySet())
              + "): set "
              + key(name, "base-url"));
    }
    return instance;
  }

  List<ErpInstance> all() {
    return List.copyOf(instances.values());
  }

  private static Map<String, Object> tree(Environment environment) {
    return Binder.get(environment)
        .bind(PREFIX, Bindable.mapOf(String.class, Object.class))
        .orElse(Map.of());
  }

  /** The environment, with the default instance's old flat keys in front. */
  private static Binder binder(Environment environment, Map<String, Object> legacy) {
    List<ConfigurationPropertySource> sources = new ArrayList<>();
    sources.add(new MapConfigurationPropertySource(legacy));
    ConfigurationPropertySources.get(environment).forEach(sources::add);
    return new Binder(
        sources,
        new PropertySourcesPlaceholdersResolver(
            ((ConfigurableEnvironment) environment).getPropertySources()));
  }
}
