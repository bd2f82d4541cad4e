package com.ordercloudhub.hub.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import javax.management.StandardMBean;
import org.jolokia.server.core.util.HttpMethod;
import org.jolokia.server.core.util.RequestType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The allow-list's decisions, one row per (MBean, operation or attribute). */
class JolokiaAllowListTest {

  static final String CONTEXT = "org.apache.camel:context=hub,type=context,name=\"hub\"";
  static final String ROUTE = "org.apache.camel:context=hub,type=routes,name=\"r\"";

  /** Stands in for a Camel route MBean: one plain operation and an overloaded one. */
  public interface RouteProbeMBean {
    void start();

    String dumpRouteAsXml();

    String dumpRouteAsXml(boolean resolvePlaceholders);

    void updateRouteFromXml(String xml);
  }

  public static class RouteProbe implements RouteProbeMBean {
    public void start() {}

    public String dumpRouteAsXml() {
      return "";
    }

    public String dumpRouteAsXml(boolean resolvePlaceholders) {
      return "";
    }

    public void updateRouteFromXml(String xml) {}
  }

  static MBeanServer server;
  static JolokiaAllowList allowList;

  @BeforeAll
  static void register() throws Exception {
    server = MBeanServerFactory.newMBeanServer();
    server.registerMBean(
        new StandardMBean(new RouteProbe(), RouteProbeMBean.class), new ObjectName(ROUTE));
    allowList =
        new JolokiaAllowList(
            server, List.of("http://localhost:*", "https://hub.example.com"), () -> true);
  }

  @ParameterizedTest(name = "{0} {1} → {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # the route lifecycle and statistics an operator uses
          org.apache.camel:context=hub,type=routes,name="r"     | start()                                         | true
          org.apache.camel:context=hub,type=routes,name="r"     | stop()                                          | true
          org.apache.camel:context=hub,type=routes,name="r"     | stop(long)                                      | true
          org.apache.camel:context=hub,type=routes,name="r"     | suspend()                                       | true
          org.apache.camel:context=hub,type=routes,name="r"     | resume()                                        | true
          org.apache.camel:context=hub,type=routes,name="r"     | reset(boolean)                                  | true
          org.apache.camel:context=hub,type=routes,name="r"     | dumpRouteAsXml()                                | true
          org.apache.camel:context=hub,type=routes,*            | stop()                                          | true
          # a name without signature: allowed only when every overload is
          org.apache.camel:context=hub,type=routes,name="r"     | start                                           | true
          org.apache.camel:context=hub,type=routes,name="r"     | dumpRouteAsXml                                  | false
          org.apache.camel:context=hub,type=routes,name="r"     | reset                                           | false
          # routes are not replaced, removed or dumped with placeholders resolved
          org.apache.camel:context=hub,type=routes,name="r"     | updateRouteFromXml(java.lang.String)            | false
          org.apache.camel:context=hub,type=routes,name="r"     | updateRouteFromXml                              | false
          org.apache.camel:context=hub,type=routes,name="r"     | remove()                                        | false
          org.apache.camel:context=hub,type=routes,name="r"     | dumpRouteAsXml(boolean)                         | false
          org.apache.camel:context=hub,type=routes,name="r"     | setTracing(java.lang.Boolean)                   | false
          # spelling tricks get no further than an exact signature
          org.apache.camel:context=hub,type=routes,name="r"     | start( )                                        | false
          org.apache.camel:context=hub,type=routes,name="r"     | 'stop() '                                       | false
          org.apache.camel:context=hub,type=routes,name="r"     | START()                                         | false
          # the context: dumps and statistics, never a send, an endpoint, a setting or its own lifecycle
          org.apache.camel:context=hub,type=context,name="hub"  | dumpRoutesAsXml()                               | true
          org.apache.camel:context=hub,type=context,name="hub"  | dumpRoutesStatsAsXml(boolean,boolean)           | true
          org.apache.camel:context=hub,type=context,name="hub"  | dumpRoutesStatsAsXml(boolean, boolean)          | true
          org.apache.camel:context=hub,type=context,*           | dumpRoutesAsXml()                               | true
          org.apache.camel:context=hub,type=context,name="hub"  | sendBody(java.lang.String,java.lang.Object)     | false
          org.apache.camel:context=hub,type=context,name="hub"  | requestBody(java.lang.String,java.lang.Object)  | false
          org.apache.camel:context=hub,type=context,name="hub"  | sendBody                                        | false
          org.apache.camel:context=hub,type=context,name="hub"  | createEndpoint(java.lang.String)                | false
          org.apache.camel:context=hub,type=context,name="hub"  | canSendToEndpoint(java.lang.String)             | false
          org.apache.camel:context=hub,type=context,name="hub"  | removeEndpoints(java.lang.String)               | false
          org.apache.camel:context=hub,type=context,name="hub"  | setGlobalOption(java.lang.String,java.lang.String) | false
          org.apache.camel:context=hub,type=context,name="hub"  | dumpRoutesAsXml(boolean)                        | false
          org.apache.camel:context=hub,type=context,name="hub"  | dumpRouteTemplatesAsXml()                       | false
          org.apache.camel:context=hub,type=context,name="hub"  | stop()                                          | false
          org.apache.camel:context=hub,type=context,name="hub"  | startAllRoutes()                                | false
          # a pattern that leaves the type open matches no rule
          org.apache.camel:*                                    | dumpRoutesAsXml()                               | false
          org.apache.camel:type=*,context=hub                   | stop()                                          | false
          *:type=routes,*                                       | stop()                                          | false
          # steps, services, thread pools, producer templates, tracer, debugger: nothing that changes them
          org.apache.camel:context=hub,type=processors,name="p" | reset()                                         | true
          org.apache.camel:context=hub,type=processors,name="p" | disable()                                       | false
          org.apache.camel:context=hub,type=processors,name="p" | stop()                                          | false
          org.apache.camel:context=hub,type=services,name="s"   | browse()                                        | true
          org.apache.camel:context=hub,type=services,name="s"   | stop()                                          | false
          org.apache.camel:context=hub,type=threadpools,name="t"| setMaximumPoolSize(int)                         | false
          org.apache.camel:context=hub,type=tracer,name="t"     | setEnabled(boolean)                             | false
          org.apache.camel:context=hub,type=tracer,name="t"     | dumpAllTracedMessagesAsXml()                    | false
          org.apache.camel:context=hub,type=debugger,name="d"   | evaluateExpressionAtBreakpoint(java.lang.String,java.lang.String,java.lang.String) | false
          org.apache.camel:context=hub,type=services,name="DefaultProducerTemplate" | sendBody(java.lang.String,java.lang.Object) | false
          # the JVM: thread dumps only
          java.lang:type=Threading                              | dumpAllThreads(boolean,boolean)                 | true
          java.lang:type=Threading                              | resetPeakThreadCount()                          | false
          java.lang:type=Memory                                 | gc()                                            | false
          java.util.logging:type=Logging                        | setLoggerLevel(java.lang.String,java.lang.String) | false
          com.sun.management:type=HotSpotDiagnostic            | dumpHeap(java.lang.String,boolean)              | false
          com.sun.management:type=HotSpotDiagnostic            | setVMOption(java.lang.String,java.lang.String)  | false
          com.sun.management:type=DiagnosticCommand             | jfrStart([Ljava.lang.String;)                   | false
          com.sun.management:type=DiagnosticCommand             | compilerDirectivesAdd([Ljava.lang.String;)      | false
          jdk.management.jfr:type=FlightRecorder                | newRecording()                                  | false
          # Hawtio asking what it may show; Jolokia's own and other MBeans: nothing
          hawtio:type=security,area=jmx,name=HawtioDummyJMXSecurity | canInvoke(java.lang.String)                 | true
          hawtio:type=security,area=jmx,name=HawtioDummyJMXSecurity | canInvoke(java.util.Map)                    | true
          hawtio:type=QuartzFacade                              | pauseJob(java.lang.String,java.lang.String)     | false
          jolokia:type=Config,agent=a                           | setHistoryEntriesForAttribute(java.lang.String,java.lang.String,java.lang.String,java.lang.String,int) | false
          org.springframework.boot:type=Admin,name=SpringApplication | getProperty(java.lang.String)              | false
          com.zaxxer.hikari:type=Pool (HikariPool-1)            | softEvictConnections()                          | false
          """)
  void operations(String mbean, String operation, boolean allowed) throws Exception {
    assertThat(allowList.isOperationAllowed(new ObjectName(mbean), operation)).isEqualTo(allowed);
  }

  @ParameterizedTest(name = "read {0} {1} → {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          org.apache.camel:context=hub,type=routes,name="r"     | RouteId           | true
          org.apache.camel:context=hub,type=context,name="hub"  | CamelVersion      | true
          org.apache.camel:context=hub,type=endpoints,name="e"  | EndpointUri       | true
          java.lang:type=Memory                                 | HeapMemoryUsage   | true
          java.lang:type=Runtime                                | Uptime            | true
          java.lang:type=Threading                              | ThreadCount       | true
          hawtio:type=TreeWatcher                               | Counter           | true
          com.sun.management:type=HotSpotDiagnostic            | DiagnosticOptions | false
          jdk.management.jfr:type=FlightRecorder                | Recordings        | false
          org.springframework.boot:type=Endpoint,name=Env      | Env               | false
          com.zaxxer.hikari:type=PoolConfig (HikariPool-1)      | Username          | false
          *:type=Runtime                                        | SystemProperties  | false
          """)
  void reads(String mbean, String attribute, boolean allowed) throws Exception {
    assertThat(allowList.isAttributeReadAllowed(new ObjectName(mbean), attribute))
        .isEqualTo(allowed);
  }

  @Test
  void runtimeArgumentsAndPropertiesAreReadOnlyWhileMaskingIsInstalled() throws Exception {
    ObjectName runtime = new ObjectName("java.lang:type=Runtime");
    JolokiaAllowList unmasked = new JolokiaAllowList(server, List.of(), () -> false);
    assertThat(unmasked.isAttributeReadAllowed(runtime, "SystemProperties")).isFalse();
    assertThat(unmasked.isAttributeReadAllowed(runtime, "InputArguments")).isFalse();
    assertThat(unmasked.isAttributeReadAllowed(runtime, "Uptime")).isTrue();
    assertThat(allowList.isAttributeReadAllowed(runtime, "SystemProperties")).isTrue();
    assertThat(allowList.isAttributeReadAllowed(runtime, "InputArguments")).isTrue();
  }

  @Test
  void noAttributeIsEverWritten() throws Exception {
    for (String mbean : List.of(ROUTE, CONTEXT, "java.lang:type=Memory", "hawtio:type=About")) {
      assertThat(allowList.isAttributeWriteAllowed(new ObjectName(mbean), "Tracing")).isFalse();
    }
  }

  @Test
  void onlyReadingListingAndAllowedOperationsAreRequestTypes() {
    assertThat(RequestType.values())
        .filteredOn(allowList::isTypeAllowed)
        .containsExactlyInAnyOrder(
            RequestType.READ,
            RequestType.LIST,
            RequestType.SEARCH,
            RequestType.VERSION,
            RequestType.EXEC);
    assertThat(HttpMethod.values())
        .filteredOn(allowList::isHttpMethodAllowed)
        .containsExactlyInAnyOrder(HttpMethod.GET, HttpMethod.POST);
  }

  @Test
  void originsAreCheckedStrictly() {
    assertThat(allowList.isOriginAllowed("http://localhost:8080", true)).isTrue();
    assertThat(allowList.isOriginAllowed("https://hub.example.com", false)).isTrue();
    assertThat(allowList.isOriginAllowed(null, true)).isFalse();
    assertThat(allowList.isOriginAllowed("null", true)).isFalse();
    assertThat(allowList.isOriginAllowed("https://hub.example.com.evil.example", true)).isFalse();
    assertThat(allowList.isOriginAllowed("https://hubXexample.com", true)).isFalse();
    assertThat(allowList.isOriginAllowed("http://localhost.evil.example", true)).isFalse();
  }

  @Test
  void mbeansThatCanNeitherBeReadNorCalledAreHidden() throws Exception {
    assertThat(
            allowList.isObjectNameHidden(
                new ObjectName("com.sun.management:type=DiagnosticCommand")))
        .isTrue();
    assertThat(
            allowList.isObjectNameHidden(new ObjectName("jdk.management.jfr:type=FlightRecorder")))
        .isTrue();
    assertThat(allowList.isObjectNameHidden(new ObjectName(ROUTE))).isFalse();
    assertThat(allowList.isObjectNameHidden(new ObjectName("java.lang:type=Memory"))).isFalse();
  }
}
