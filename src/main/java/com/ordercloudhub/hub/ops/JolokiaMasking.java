package com.ordercloudhub.hub.ops;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import org.jolokia.json.JSONObject;
import org.jolokia.server.core.request.JolokiaObjectNameRequest;
import org.jolokia.server.core.request.JolokiaReadRequest;
import org.jolokia.server.core.request.JolokiaRequest;
import org.jolokia.server.core.service.api.AbstractJolokiaService;
import org.jolokia.server.core.service.api.JolokiaContext;
import org.jolokia.server.core.service.request.RequestInterceptor;

/**
 * Hides, in what Jolokia answers, values that can be secrets and that Hawtio's views still need to
 * read around:
 *
 * <ul>
 *   <li>the JVM's Runtime MBean: system property values and command-line arguments can carry
 *       secrets ({@code -Dspring.datasource.password=…}, {@code --hub.ops.password=…} in {@code
 *       sun.java.command}). Hawtio's Runtime view reads the whole MBean, so refusing the two
 *       attributes would break it; their values are hidden instead;
 *   <li>Camel's answers (attributes and route dumps): a secret written into an endpoint URI ({@code
 *       authPassword=…}, {@code ;password=…}) is shown as {@code xxxxxx}, as Camel's own endpoint
 *       attributes already do; route dumps show it as written otherwise. {@code {{placeholders}}}
 *       are never resolved by the dumps the allow-list lets through.
 * </ul>
 *
 * <p>Public with a public constructor because Jolokia creates it from {@code
 * META-INF/jolokia/services}; until it has, {@link JolokiaAllowList} refuses both attributes.
 */
public final class JolokiaMasking extends AbstractJolokiaService<RequestInterceptor>
    implements RequestInterceptor {

  static final String HIDDEN = "[hidden]";
  static final String RUNTIME = "java.lang:type=Runtime";
  static final Set<String> MASKED_ATTRIBUTES = Set.of("SystemProperties", "InputArguments");

  /** System properties whose values are shown: the JVM's own, none of them a secret. */
  static final Set<String> SHOWN_PROPERTIES =
      Set.of(
          "java.version",
          "java.vendor",
          "java.vm.name",
          "java.vm.vendor",
          "java.vm.version",
          "java.runtime.name",
          "java.runtime.version",
          "java.specification.version",
          "java.class.version",
          "java.home",
          "java.io.tmpdir",
          "os.name",
          "os.arch",
          "os.version",
          "file.encoding",
          "file.separator",
          "path.separator",
          "line.separator",
          "user.dir",
          "user.name",
          "user.timezone",
          "user.language",
          "user.country",
          "PID");

  /** A URI parameter whose name says it is a secret, and its value (RAW(…) included). */
  static final Pattern SECRET_PARAMETER =
      Pattern.compile(
          "([?&;][\\w.\\-]*(?:password|passphrase|passwd|secret|token|apikey|api_key|accesskey"
              + "|privatekey|credential|authorization|signature|sas)[\\w.\\-]*=)"
              + "(RAW\\([^)]*\\)|RAW\\{[^}]*\\}|[^&\"'\\s<>]*)",
          Pattern.CASE_INSENSITIVE);

  static final String CAMEL = "org.apache.camel";

  // one per Jolokia agent running in this JVM (tests run several hub contexts side by side)
  private static final AtomicInteger INSTALLED = new AtomicInteger();

  public JolokiaMasking(int order) {
    super(RequestInterceptor.class, order);
  }

  public JolokiaMasking() {
    this(0);
  }

  /** Whether Jolokia has loaded this interceptor (else the masked attributes are refused). */
  static boolean installed() {
    return INSTALLED.get() > 0;
  }

  @Override
  public void init(JolokiaContext context) {
    super.init(context);
    INSTALLED.incrementAndGet();
  }

  @Override
  public void destroy() throws Exception {
    INSTALLED.decrementAndGet();
    super.destroy();
  }

  @Override
  public void intercept(JolokiaRequest request, JSONObject answer) {
    if (!answer.containsKey("value")) {
      return;
    }
    if (request instanceof JolokiaObjectNameRequest named
        && CAMEL.equals(named.getObjectName().getDomain())) {
      answer.put("value", sanitized(answer.get("value")));
    }
    if (!(request instanceof JolokiaReadRequest read)) {
      return;
    }
    ObjectName name = read.getObjectName();
    Object value = answer.get("value");
    if (name.isPattern()) {
      // {mbean: {attribute: value}}
      if (value instanceof Map<?, ?> byMBean) {
        for (Map.Entry<?, ?> entry : byMBean.entrySet()) {
          if (isRuntime(String.valueOf(entry.getKey()))
              && entry.getValue() instanceof Map<?, ?> m) {
            maskAttributes(m);
          }
        }
      }
    } else if (isRuntime(name.getCanonicalName())) {
      if (read.isMultiAttributeMode() || read.getAttributeName() == null) {
        if (value instanceof Map<?, ?> m) {
          maskAttributes(m);
        }
      } else if (MASKED_ATTRIBUTES.contains(read.getAttributeName())) {
        List<String> path = read.getPathParts();
        answer.put(
            "value",
            path != null && !path.isEmpty() ? HIDDEN : mask(read.getAttributeName(), value));
      }
    }
  }

  /** The value with every secret URI parameter in its strings replaced by xxxxxx. */
  @SuppressWarnings("unchecked")
  static Object sanitized(Object value) {
    if (value instanceof String text) {
      return SECRET_PARAMETER.matcher(text).replaceAll("$1xxxxxx");
    }
    if (value instanceof Map<?, ?> map) {
      for (Map.Entry<Object, Object> entry : ((Map<Object, Object>) map).entrySet()) {
        entry.setValue(sanitized(entry.getValue()));
      }
    } else if (value instanceof List<?> list) {
      List<Object> items = (List<Object>) list;
      items.replaceAll(JolokiaMasking::sanitized);
    }
    return value;
  }

  private static boolean isRuntime(String name) {
    try {
      return new ObjectName(name).getCanonicalName().equals(RUNTIME);
    } catch (MalformedObjectNameException e) {
      return false;
    }
  }

  @SuppressWarnings("unchecked")
  private static void maskAttributes(Map<?, ?> attributes) {
    Map<Object, Object> values = (Map<Object, Object>) attributes;
    for (String attribute : MASKED_ATTRIBUTES) {
      if (values.containsKey(attribute)) {
        values.put(attribute, mask(attribute, values.get(attribute)));
      }
    }
  }

  /** The attribute's value with everything that could be a secret replaced by [hidden]. */
  static Object mask(String attribute, Object value) {
    if ("SystemProperties".equals(attribute) && value instanceof Map<?, ?> properties) {
      JSONObject masked = new JSONObject();
      properties.forEach((key, v) -> masked.put(String.valueOf(key), shown(key, v) ? v : HIDDEN));
      return masked;
    }
    if ("InputArguments".equals(attribute) && value instanceof List<?> arguments) {
      return arguments.stream().map(a -> maskArgument(String.valueOf(a))).toList();
    }
    return HIDDEN;
  }

  private static boolean shown(Object key, Object value) {
    // Hawtio shows a map of key to value; a nested structure would be a surprise: hidden
    return SHOWN_PROPERTIES.contains(String.valueOf(key)) && !(value instanceof Map<?, ?>);
  }

  /** -Dkey=value and --key=value keep their key; JVM flags (-Xmx1g, -XX:…) stay as they are. */
  static String maskArgument(String argument) {
    if (argument.startsWith("-XX:") || argument.startsWith("-Xlog")) {
      return argument;
    }
    int equals = argument.indexOf('=');
    return equals < 0 ? argument : argument.substring(0, equals + 1) + HIDDEN;
  }
}
