package com.ordercloudhub.hub.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ordercloudhub.hub.support.HubClient;
import com.ordercloudhub.hub.support.HubTest;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanParameterInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Jolokia with the ops login, over HTTP, on both paths Hawtio and scripts use: what an operator
 * needs works (route list, stop and start), and every way to send to an endpoint, evaluate an
 * expression, write an attribute, run JVM diagnostics or proxy elsewhere is refused with no effect
 * (no file, no table, no request to a peer, no secret in the answer).
 */
@HubTest
class JolokiaAccessTest {

  static final List<String> PATHS = List.of("/actuator/jolokia", "/actuator/hawtio/jolokia");
  static final String PROBE_SECRET = "probe-secret-" + UUID.randomUUID();
  static final ObjectMapper JSON = new ObjectMapper();
  static final MBeanServer JMX = ManagementFactory.getPlatformMBeanServer();

  static HttpServer peer;
  static final AtomicInteger peerRequests = new AtomicInteger();

  @LocalServerPort int port;
  @Autowired CamelContext camel;
  @Autowired JdbcTemplate jdbc;
  HubClient hub;
  Path drop;

  @BeforeAll
  static void startPeer() throws IOException {
    peer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    peer.createContext(
        "/",
        exchange -> {
          peerRequests.incrementAndGet();
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    peer.start();
  }

  @AfterAll
  static void stopPeer() {
    peer.stop(0);
  }

  @BeforeEach
  void connect() throws IOException {
    hub = new HubClient(port);
    drop =
        Files.createDirectories(Path.of("target", "jolokia-probe", UUID.randomUUID().toString()));
  }

  // ---- helpers

  private HttpResponse<String> post(String path, String body) {
    return hub.send(
        HttpRequest.newBuilder(hub.uri(path))
            .header("Authorization", HubClient.basic(HubClient.OPS_USER, HubClient.OPS_PASSWORD))
            .header("Content-Type", "application/json")
            .header("Origin", "http://127.0.0.1:" + port)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  private HttpResponse<String> get(String path) {
    return hub.send(
        HttpRequest.newBuilder(hub.uri(path))
            .header("Authorization", HubClient.basic(HubClient.OPS_USER, HubClient.OPS_PASSWORD))
            .header("Origin", "http://127.0.0.1:" + port)
            .GET()
            .build());
  }

  private static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(response.body(), e);
    }
  }

  /** Jolokia's status for each request of the answer (one for a single request). */
  private static List<Integer> statuses(HttpResponse<String> response) {
    JsonNode answer = json(response);
    List<Integer> statuses = new ArrayList<>();
    for (JsonNode each : answer.isArray() ? answer : List.of(answer)) {
      statuses.add(each.path("status").asInt());
    }
    return statuses;
  }

  private static ObjectNode exec(String mbean, String operation, Object... arguments) {
    ObjectNode request = JSON.createObjectNode().put("type", "exec").put("mbean", mbean);
    request.put("operation", operation);
    request.set("arguments", JSON.valueToTree(List.of(arguments)));
    return request;
  }

  /** This test's CamelContext (other test contexts of the same JVM have MBeans too). */
  private String contextMBean() throws Exception {
    return JMX.queryNames(
            new ObjectName(
                "org.apache.camel:context=" + camel.getManagementName() + ",type=context,*"),
            null)
        .iterator()
        .next()
        .toString();
  }

  private String routeMBean(String routeId) throws Exception {
    return JMX.queryNames(
            new ObjectName(
                "org.apache.camel:context="
                    + camel.getManagementName()
                    + ",type=routes,name="
                    + ObjectName.quote(routeId)
                    + ",*"),
            null)
        .iterator()
        .next()
        .toString();
  }

  private static String signature(MBeanOperationInfo op) {
    List<String> types = new ArrayList<>();
    for (MBeanParameterInfo p : op.getSignature()) {
      types.add(p.getType());
    }
    return op.getName() + "(" + String.join(",", types) + ")";
  }

  /** Arguments of the right types, every URI a file: endpoint writing into the drop folder. */
  private Object[] arguments(MBeanOperationInfo op) {
    List<Object> args = new ArrayList<>();
    String uri = "file:" + drop.toAbsolutePath() + "?fileName=pwned.txt";
    for (MBeanParameterInfo p : op.getSignature()) {
      args.add(
          switch (p.getType()) {
            case "boolean", "java.lang.Boolean" -> true;
            case "int", "long", "java.lang.Integer", "java.lang.Long" -> 1;
            case "java.util.Map" -> Map.of("CamelFileName", "pwned.txt");
            default -> args.isEmpty() ? uri : "pwned";
          });
    }
    return args.toArray();
  }

  private void assertRefusedOnBothPaths(JsonNode request) {
    for (String path : PATHS) {
      HttpResponse<String> answer = post(path, request.toString());
      assertThat(statuses(answer)).as(path + " " + request).containsOnly(403);
    }
  }

  // ---- refused, with no effect

  @Test
  void everySendAndRequestOperationOfTheContextIsRefusedAndWritesNothing() throws Exception {
    ObjectName context = new ObjectName(contextMBean());
    List<MBeanOperationInfo> sends =
        Stream.of(JMX.getMBeanInfo(context).getOperations())
            .filter(op -> op.getName().startsWith("send") || op.getName().startsWith("request"))
            .toList();
    assertThat(sends).hasSizeGreaterThanOrEqualTo(6); // sendBody, requestBodyAndHeaders, …
    for (MBeanOperationInfo op : sends) {
      assertRefusedOnBothPaths(exec(context.toString(), signature(op), arguments(op)));
      // named without a signature (Jolokia picks the only overload) and on a pattern
      assertRefusedOnBothPaths(
          exec("org.apache.camel:type=context,*", op.getName(), arguments(op)));
    }
    assertThat(drop).isEmptyDirectory();
  }

  @Test
  void everyOtherContextOperationTakingAUriOrExpressionOrSettingIsRefused() throws Exception {
    ObjectName context = new ObjectName(contextMBean());
    Set<String> allowed = JolokiaAllowList.OPERATIONS.get("org.apache.camel:context");
    Set<String> refused = new TreeSet<>();
    for (MBeanOperationInfo op : JMX.getMBeanInfo(context).getOperations()) {
      boolean takesText =
          Stream.of(op.getSignature()).anyMatch(p -> p.getType().equals("java.lang.String"));
      if ((takesText || op.getName().startsWith("set")) && !allowed.contains(signature(op))) {
        assertRefusedOnBothPaths(exec(context.toString(), signature(op), arguments(op)));
        refused.add(signature(op));
      }
    }
    assertThat(refused)
        .contains(
            "createEndpoint(java.lang.String)",
            "canSendToEndpoint(java.lang.String)",
            "setGlobalOption(java.lang.String,java.lang.String)",
            "setTracing(java.lang.Boolean)");
    assertThat(drop).isEmptyDirectory();
    assertThat(camel.getGlobalOptions()).doesNotContainKey("file:" + drop.toAbsolutePath());
    assertThat(camel.isTracing()).isFalse();
    // route-level: replacing a route, removing it, dumps that resolve placeholders
    String route = routeMBean("event-catch-all");
    assertRefusedOnBothPaths(exec(route, "updateRouteFromXml(java.lang.String)", "<route/>"));
    assertRefusedOnBothPaths(exec(route, "remove()"));
    assertRefusedOnBothPaths(exec(route, "dumpRouteAsXml(boolean)", true));
    assertRefusedOnBothPaths(exec(contextMBean(), "dumpRoutesAsXml(boolean)", true));
    assertThat(camel.getRoute("event-catch-all")).isNotNull();
  }

  @Test
  void anHttpEndpointArgumentReachesNoPeer() throws Exception {
    String url = "http://127.0.0.1:" + peer.getAddress().getPort() + "/probe";
    assertRefusedOnBothPaths(
        exec(contextMBean(), "requestBody(java.lang.String,java.lang.Object)", url, "x"));
    assertRefusedOnBothPaths(
        exec(contextMBean(), "sendStringBody(java.lang.String,java.lang.String)", url, "x"));
    assertThat(peerRequests.get()).isZero();
  }

  @Test
  void hawtiosProxyRelaysNothingToALocalPort() {
    int before = peerRequests.get();
    HttpResponse<String> answer =
        hub.opsGet("/actuator/hawtio/proxy/127.0.0.1/" + peer.getAddress().getPort() + "/probe");
    assertThat(answer.statusCode()).isNotEqualTo(200);
    assertThat(peerRequests.get()).isEqualTo(before);
  }

  @Test
  void anSqlEndpointArgumentCreatesNoTable() throws Exception {
    String table = "jolokia_probe_" + UUID.randomUUID().toString().substring(0, 8);
    assertRefusedOnBothPaths(
        exec(
            contextMBean(),
            "requestBody(java.lang.String,java.lang.Object)",
            "sql:CREATE TABLE " + table + " (id INT)",
            "x"));
    assertThat(
            jdbc.queryForObject(
                "SELECT COUNT(*) FROM information_schema.tables WHERE LOWER(table_name) = ?",
                Integer.class,
                table))
        .isZero();
  }

  @Test
  void languageEndpointsReadNoEnvironmentOrProperty() throws Exception {
    String path = System.getenv("PATH");
    for (String expression :
        List.of(
            "language:simple:${env:PATH}",
            "language:simple:${properties:hub.ops.password}",
            "language:simple:{{hub.ops.password}}")) {
      for (String jolokia : PATHS) {
        HttpResponse<String> answer =
            post(
                jolokia,
                exec(
                        contextMBean(),
                        "requestBody(java.lang.String,java.lang.Object)",
                        expression,
                        "x")
                    .toString());
        assertThat(statuses(answer)).as(expression).containsOnly(403);
        assertThat(answer.body()).doesNotContain(path, HubClient.OPS_PASSWORD);
      }
    }
  }

  @Test
  void attributeWritesAndSetterOperationsChangeNothing() throws Exception {
    String context = contextMBean();
    long timeout = (Long) JMX.getAttribute(new ObjectName(context), "Timeout");
    for (JsonNode request :
        List.of(
            JSON.createObjectNode()
                .put("type", "write")
                .put("mbean", "java.lang:type=Memory")
                .put("attribute", "Verbose")
                .put("value", true),
            JSON.createObjectNode()
                .put("type", "write")
                .put("mbean", context)
                .put("attribute", "Timeout")
                .put("value", 1),
            exec(context, "setTimeout(long)", 1),
            exec(context, "setTracing(java.lang.Boolean)", true),
            exec(routeMBean("event-catch-all"), "setTracing(java.lang.Boolean)", true),
            exec("java.util.logging:type=Logging", "setLoggerLevel", "", "OFF"))) {
      assertRefusedOnBothPaths(request);
    }
    assertThat(JMX.getAttribute(new ObjectName("java.lang:type=Memory"), "Verbose"))
        .isEqualTo(false);
    assertThat(JMX.getAttribute(new ObjectName(context), "Timeout")).isEqualTo(timeout);
    assertThat(camel.isTracing()).isFalse();
    assertThat(java.util.logging.LogManager.getLogManager().getLogger("").getLevel())
        .isNotEqualTo(java.util.logging.Level.OFF);
  }

  @Test
  void jvmDiagnosticsThatWriteOrRunAreRefused() throws Exception {
    Path heap = drop.resolve("heap.hprof");
    Path recording = drop.resolve("recording.jfr");
    for (JsonNode request :
        List.of(
            exec(
                "com.sun.management:type=HotSpotDiagnostic",
                "dumpHeap(java.lang.String,boolean)",
                heap.toAbsolutePath().toString(),
                true),
            exec(
                "com.sun.management:type=HotSpotDiagnostic",
                "setVMOption(java.lang.String,java.lang.String)",
                "HeapDumpOnOutOfMemoryError",
                "true"),
            exec(
                "com.sun.management:type=DiagnosticCommand",
                "jfrStart([Ljava.lang.String;)",
                List.of("filename=" + recording.toAbsolutePath())),
            exec(
                "com.sun.management:type=DiagnosticCommand",
                "vmSystemProperties([Ljava.lang.String;)",
                List.of()),
            exec("jdk.management.jfr:type=FlightRecorder", "newRecording()"),
            exec("java.lang:type=Memory", "gc()"),
            exec("java.lang:type=Threading", "resetPeakThreadCount()"))) {
      assertRefusedOnBothPaths(request);
    }
    assertThat(drop).isEmptyDirectory();
    assertThat(
            JMX.getAttribute(
                new ObjectName("jdk.management.jfr:type=FlightRecorder"), "Recordings"))
        .satisfies(r -> assertThat((Object[]) r).isEmpty());
  }

  @Test
  void aProxyTargetIsRefusedHoweverItIsSpelled() {
    String read =
        "\"type\":\"read\",\"mbean\":\"java.lang:type=Memory\",\"attribute\":\"HeapMemoryUsage\"";
    for (String path : PATHS) {
      for (String body :
          List.of(
              "{" + read + ",\"target\":{\"url\":\"service:jmx:rmi:///jndi/rmi://127.0.0.1:9/x\"}}",
              "{"
                  + read
                  + ",\"\\u0074arget\":{\"url\":\"service:jmx:rmi:///jndi/rmi://127.0.0.1:9/x\"}}",
              "[{" + read + "},{" + read + ",\"t\\u0061rget\":{\"url\":\"x\"}}]")) {
        HttpResponse<String> answer = post(path, body);
        assertThat(answer.statusCode()).as(body).isEqualTo(403);
        assertThat(json(answer).path("error").asText()).isEqualTo("proxy_refused");
        assertThat(answer.body()).doesNotContain("HeapMemoryUsage\":{");
      }
      assertThat(get(path + "/read/java.lang:type=Memory?target=service:jmx:rmi:x").statusCode())
          .isEqualTo(403);
    }
  }

  @Test
  void aBodyThatIsNotPlainJsonIsRefusedWithTheProblemShape() {
    for (String path : PATHS) {
      for (String body :
          List.of(
              "not json",
              "{\"type\":\"read\",\"type\":\"exec\",\"mbean\":\"java.lang:type=Memory\"}",
              "\"read\"",
              "[1]",
              "{\"type\":\"read\"} trailing")) {
        HttpResponse<String> answer = post(path, body);
        assertThat(answer.statusCode()).as(body).isEqualTo(400);
        JsonNode problem = json(answer);
        assertThat(problem.path("status").asInt()).isEqualTo(400);
        assertThat(problem.path("error").asText()).isEqualTo("invalid_json");
        assertThat(problem.path("message").asText()).isNotBlank().doesNotContain("exec");
      }
      HttpResponse<String> large = post(path, "[" + "{},".repeat(1_500_000) + "{}]");
      assertThat(large.statusCode()).isEqualTo(413);
      assertThat(json(large).path("error").asText()).isEqualTo("body_too_large");
    }
  }

  @Test
  void aBulkRequestGetsItsAllowedPartAndNothingElse() throws Exception {
    ArrayNode bulk = JSON.createArrayNode();
    bulk.add(
        JSON.createObjectNode()
            .put("type", "read")
            .put("mbean", "org.apache.camel:type=routes,*")
            .put("attribute", "RouteId"));
    bulk.add(
        exec(
            contextMBean(),
            "sendBody(java.lang.String,java.lang.Object)",
            "file:" + drop.toAbsolutePath() + "?fileName=pwned.txt",
            "pwned"));
    for (String path : PATHS) {
      HttpResponse<String> answer = post(path, bulk.toString());
      assertThat(statuses(answer)).containsExactly(200, 403);
      assertThat(json(answer).get(0).path("value").toString()).contains("event-catch-all");
    }
    assertThat(drop).isEmptyDirectory();
  }

  @Test
  void getPathsAreJudgedAfterJolokiasOwnParsing() throws Exception {
    String context = URLEncoder.encode(contextMBean(), StandardCharsets.UTF_8).replace("+", "%20");
    // Jolokia's path escaping: "!/" is a slash inside an argument
    String file = ("file:" + drop.toAbsolutePath()).replace("/", "!/");
    for (String path : PATHS) {
      for (String request :
          List.of(
              "/exec/"
                  + context
                  + "/sendBody(java.lang.String,java.lang.Object)/"
                  + file
                  + "/pwned",
              "/exec/" + context + "/sendBody/" + file + "/pwned",
              "/write/java.lang:type=Memory/Verbose/true",
              "/exec/java.lang:type=Memory/gc()")) {
        HttpResponse<String> answer = get(path + request);
        assertThat(statuses(answer)).as(request).containsOnly(403);
      }
    }
    assertThat(drop).isEmptyDirectory();
    assertThat(JMX.getAttribute(new ObjectName("java.lang:type=Memory"), "Verbose"))
        .isEqualTo(false);
  }

  @Test
  void notificationRequestsAreRefusedHoweverSpelled() {
    // Jolokia's notification handler never asks the restrictor: without the check an ops login
    // registered a client and subscribed to any MBean, hidden ones (DiagnosticCommand) included
    String register = "{\"type\":\"notification\",\"command\":\"register\"}";
    for (String path : PATHS) {
      for (String body :
          List.of(
              register,
              register.replace("notification", "NOTIFICATION"),
              "[{\"type\":\"version\"}," + register + "]",
              "{\"\\u0074ype\":\"notification\",\"command\":\"register\"}")) {
        HttpResponse<String> answer = post(path, body);
        assertThat(answer.statusCode()).as(body).isEqualTo(403);
        assertThat(json(answer).path("error").asText()).isEqualTo("type_refused");
        assertThat(answer.body()).doesNotContain("backend");
      }
      for (String request :
          List.of(
              "/notification/register",
              "/NOTIFICATION/register",
              "/notif!ication/register",
              "/%6Eotification/register",
              "?p=/notification/register",
              "/version?p=/notification/register")) {
        HttpResponse<String> answer = get(path + request);
        assertThat(answer.statusCode()).as(request).isEqualTo(403);
        assertThat(answer.body()).as(request).doesNotContain("backend");
      }
      assertThat(statuses(get(path + "/version"))).containsOnly(200);
      assertThat(statuses(get(path + "/read/java.lang:type=Memory/Verbose"))).containsOnly(200);
    }
  }

  // ---- what an operator does

  @Test
  void anOperatorListsRoutesAndStopsAndStartsOne() throws Exception {
    String route = routeMBean("event-catch-all");
    try {
      HttpResponse<String> routes =
          post(PATHS.get(1), "{\"type\":\"read\",\"mbean\":\"org.apache.camel:type=routes,*\"}");
      assertThat(statuses(routes)).containsExactly(200);
      assertThat(routes.body()).contains("inbound-receive-post-hook", "event-order-submitted");

      assertThat(statuses(post(PATHS.get(1), exec(route, "stop()").toString())))
          .containsExactly(200);
      assertThat(camel.getRouteController().getRouteStatus("event-catch-all"))
          .isEqualTo(ServiceStatus.Stopped);
      assertThat(statuses(post(PATHS.get(0), exec(route, "start()").toString())))
          .containsExactly(200);
      assertThat(camel.getRouteController().getRouteStatus("event-catch-all"))
          .isEqualTo(ServiceStatus.Started);
      assertThat(statuses(post(PATHS.get(0), exec(route, "reset(boolean)", true).toString())))
          .containsExactly(200);
      assertThat(get(PATHS.get(0) + "/read/java.lang:type=Threading/ThreadCount").statusCode())
          .isEqualTo(200);
    } finally {
      camel.getRouteController().startRoute("event-catch-all");
    }
  }

  @Test
  void whatMayBeReadHoldsNoSecret() throws Exception {
    String routeId = "jolokia-leak-probe";
    String endpoint = "http://127.0.0.1:9/probe?authUsername=u&authPassword=" + PROBE_SECRET;
    System.setProperty("hub.jolokia.probe", PROBE_SECRET);
    camel.addRoutes(
        new RouteBuilder() {
          @Override
          public void configure() {
            from("direct:" + routeId)
                .routeId(routeId)
                .setHeader("Authorization", simple("Basic {{hub.ops.password}}"))
                .to(endpoint);
          }
        });
    try {
      List<String> secrets =
          List.of(
              PROBE_SECRET,
              HubClient.OPS_PASSWORD,
              "test-hash-key",
              "second-test-key",
              "dGVzdC1lbmNyeXB0aW9uLWtleS0zMi1ieXRlcy0hISE=");
      ArrayNode reads = JSON.createArrayNode();
      for (String domain : JolokiaAllowList.READABLE_DOMAINS) {
        reads.add(
            JSON.createObjectNode()
                .put("type", "read")
                .put("mbean", domain + ":*")
                .set("config", JSON.createObjectNode().put("ignoreErrors", true)));
      }
      reads.add(
          JSON.createObjectNode()
              .put("type", "read")
              .put("mbean", "java.lang:type=Runtime")
              .put("attribute", "SystemProperties")
              .put("path", "hub.jolokia.probe"));
      // every allowed operation that takes no argument or only flags, on every MBean it exists on
      for (ObjectName name : JMX.queryNames(null, null)) {
        Set<String> allowed = JolokiaAllowList.OPERATIONS.get(JolokiaAllowList.typeOf(name));
        if (allowed == null) {
          continue;
        }
        for (MBeanOperationInfo op : JMX.getMBeanInfo(name).getOperations()) {
          boolean flagsOnly =
              Stream.of(op.getSignature()).allMatch(p -> p.getType().equals("boolean"));
          boolean lifecycle =
              Set.of("stop", "suspend", "restart", "start", "resume").contains(op.getName());
          if (allowed.contains(signature(op)) && flagsOnly && !lifecycle) {
            reads.add(exec(name.toString(), signature(op), arguments(op)));
          }
        }
      }
      for (String path : PATHS) {
        HttpResponse<String> answer = post(path, reads.toString());
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body())
            .contains(routeId, "authPassword=xxxxxx", "{{hub.ops.password}}", "[hidden]")
            .doesNotContain(secrets);
      }
      assertThat(drop).isEmptyDirectory();
    } finally {
      camel.getRouteController().stopRoute(routeId);
      camel.removeRoute(routeId);
      System.clearProperty("hub.jolokia.probe");
    }
  }
}
