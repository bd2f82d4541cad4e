package com.ordercloudhub.hub.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.MBeanInfo;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanParameterInfo;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import org.jolokia.server.core.service.api.Restrictor;
import org.jolokia.server.core.util.HttpMethod;
import org.jolokia.server.core.util.RequestType;

/**
 * What Jolokia (and so Hawtio) may do with the ops login: deny by default. Jolokia asks this after
 * it has parsed a request (JSON body or GET path, escapes decoded), so no spelling of a request
 * gets past it. Reads: the MBean domains Hawtio's Camel, JMX and Runtime views show. Operations:
 * only the listed (MBean type, operation signature) pairs: route lifecycle, statistics resets,
 * dumps that do not resolve placeholders, thread dumps and Hawtio's own permission checks. Nothing
 * that takes an endpoint URI, an expression, a route or a template, no attribute writes, no JVM
 * diagnostics.
 */
final class JolokiaAllowList implements Restrictor {

  /** Domains whose attributes may be read (values that leak are masked by JolokiaMasking). */
  static final Set<String> READABLE_DOMAINS =
      Set.of(
          "org.apache.camel",
          "java.lang",
          "java.nio",
          "java.util.logging",
          "hawtio",
          "jolokia",
          "JMImplementation");

  /**
   * Operations by "domain:type", with their exact signatures as JMX gives them. A call naming the
   * operation without a signature is allowed only when every overload of it is listed here.
   */
  static final Map<String, Set<String>> OPERATIONS =
      Map.of(
          "org.apache.camel:routes",
          Set.of(
              "start()",
              "stop()",
              "stop(long)",
              "stop(java.lang.Long,java.lang.Boolean)",
              "suspend()",
              "suspend(long)",
              "resume()",
              "restart()",
              "restart(long)",
              "reset()",
              "reset(boolean)",
              // no-argument dumps keep {{placeholders}} as written (the boolean variants resolve)
              "dumpRouteAsXml()",
              "dumpRouteAsYaml()",
              "dumpRouteStatsAsXml(boolean,boolean)",
              "dumpRouteStatsAsJSon(boolean,boolean)",
              "dumpStatsAsXml(boolean)",
              "dumpStatsAsJSon(boolean)",
              "dumpStepStatsAsXml(boolean)",
              "processorIds()"),
          "org.apache.camel:context",
          Set.of(
              "reset()",
              "reset(boolean)",
              "dumpRoutesAsXml()",
              "dumpRoutesAsYaml()",
              "dumpRoutesStatsAsXml(boolean,boolean)",
              "dumpRouteStatsAsJSon(boolean,boolean)",
              "dumpStatsAsXml(boolean)",
              "dumpStatsAsJSon(boolean)",
              "dumpStepStatsAsXml(boolean)",
              "dumpRoutesCoverageAsXml()",
              "routeIds()",
              "componentNames()",
              "languageNames()",
              "dataFormatNames()",
              "routeGroups()"),
          "org.apache.camel:processors",
          Set.of("reset()"),
          // in-flight exchanges: ids, routes, nodes and durations, no bodies
          "org.apache.camel:services",
          Set.of("browse()", "browse(int,boolean)", "browse(java.lang.String,int,boolean)"),
          "java.lang:Threading",
          Set.of(
              "dumpAllThreads(boolean,boolean)",
              "dumpAllThreads(boolean,boolean,int)",
              "findDeadlockedThreads()",
              "findMonitorDeadlockedThreads()"),
          // Hawtio asks which buttons to show; the answers change nothing
          "hawtio:security",
          Set.of(
              "canInvoke(java.lang.String)",
              "canInvoke(java.util.Map)",
              "canInvoke(java.lang.String,java.lang.String)",
              "canInvoke(java.lang.String,java.lang.String,[Ljava.lang.String;)",
              "list()"));

  static final Set<RequestType> TYPES =
      Set.of(
          RequestType.READ,
          RequestType.LIST,
          RequestType.SEARCH,
          RequestType.VERSION,
          RequestType.EXEC);

  // the same split Jolokia's ExecHandler applies to "name(type,type)"
  private static final Pattern SIGNATURE = Pattern.compile("^(.*)\\((.*)\\)$");

  private final MBeanServerConnection server;
  private final AllowedOrigins origins;
  private final BooleanSupplier masking;

  /**
   * @param server where operation signatures are looked up for calls that name none
   * @param allowedOrigins browser origins allowed (strict checking), as {@link AllowedOrigins}
   * @param masking whether JolokiaMasking hides Runtime's arguments and properties
   */
  JolokiaAllowList(
      MBeanServerConnection server, List<String> allowedOrigins, BooleanSupplier masking) {
    this.server = server;
    this.masking = masking;
    this.origins = new AllowedOrigins(allowedOrigins);
  }

  @Override
  public boolean isHttpMethodAllowed(HttpMethod method) {
    return method == HttpMethod.GET || method == HttpMethod.POST;
  }

  @Override
  public boolean isTypeAllowed(RequestType type) {
    return TYPES.contains(type);
  }

  @Override
  public boolean isAttributeReadAllowed(ObjectName name, String attribute) {
    if (name == null || name.isDomainPattern() || !READABLE_DOMAINS.contains(name.getDomain())) {
      return false;
    }
    // values that could hold a secret are readable only once JolokiaMasking hides them
    return masking.getAsBoolean()
        || attribute == null
        || !JolokiaMasking.RUNTIME.equals(name.getCanonicalName())
        || !JolokiaMasking.MASKED_ATTRIBUTES.contains(attribute);
  }

  @Override
  public boolean isAttributeWriteAllowed(ObjectName name, String attribute) {
    return false;
  }

  @Override
  public boolean isOperationAllowed(ObjectName name, String operation) {
    String type = typeOf(name);
    if (type == null || operation == null) {
      return false;
    }
    Set<String> allowed = OPERATIONS.get(type);
    if (allowed == null) {
      return false;
    }
    Matcher m = SIGNATURE.matcher(operation);
    if (m.matches()) {
      String types = m.group(2).isEmpty() ? "" : String.join(",", m.group(2).split("\\s*,\\s*"));
      return allowed.contains(m.group(1) + "(" + types + ")");
    }
    List<String> overloads = signatures(name, operation);
    return !overloads.isEmpty() && allowed.containsAll(overloads);
  }

  /** "domain:type" of a name or of a pattern that fixes both; null otherwise. */
  static String typeOf(ObjectName name) {
    if (name == null || name.isDomainPattern()) {
      return null;
    }
    String type = name.getKeyProperty("type");
    if (type == null || name.isPropertyValuePattern("type")) {
      return null;
    }
    return name.getDomain() + ":" + type;
  }

  /** Every signature of the operation on the MBeans the name (or pattern) stands for. */
  private List<String> signatures(ObjectName name, String operation) {
    List<String> found = new ArrayList<>();
    try {
      for (ObjectName each : server.queryNames(name, null)) {
        MBeanInfo info = server.getMBeanInfo(each);
        for (MBeanOperationInfo op : info.getOperations()) {
          if (op.getName().equals(operation)) {
            StringJoiner types = new StringJoiner(",", operation + "(", ")");
            for (MBeanParameterInfo p : op.getSignature()) {
              types.add(p.getType());
            }
            found.add(types.toString());
          }
        }
      }
    } catch (Exception e) {
      return List.of(); // unknown: refused
    }
    return found;
  }

  @Override
  public boolean isRemoteAccessAllowed(String... hostOrAddress) {
    return true; // the ops login (Spring Security) decides who may call
  }

  @Override
  public boolean isOriginAllowed(String origin, boolean onlyWhenStrictCheckingIsEnabled) {
    // strict checking always: a request without Origin (or Referer) is refused too
    return origins.contains(origin);
  }

  @Override
  public boolean isObjectNameHidden(ObjectName name) {
    // MBeans that can be neither read nor called stay out of Hawtio's tree
    String type = typeOf(name);
    return !isAttributeReadAllowed(name, null) && (type == null || !OPERATIONS.containsKey(type));
  }
}
