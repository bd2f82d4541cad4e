package com.ordercloudhub.hub.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the request check makes of a Jolokia body: parsed as Jolokia parses it, not searched. */
class JolokiaRequestCheckTest {

  final JolokiaRequestCheck check = new JolokiaRequestCheck(10_000);

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          {"type":"read","mbean":"java.lang:type=Memory"}                                  | ok
          [{"type":"read","mbean":"java.lang:type=Memory"},{"type":"version"}]             | ok
          {"type":"exec","mbean":"m","operation":"op","arguments":["\\"target\\": x"]}     | ok
          {"type":"read","mbean":"m","config":{"target":"x"}}                              | ok
          {"type":"notification","command":"register"}                                   | This Jolokia request type is not allowed
          {"type":"Notification","command":"register"}                                   | This Jolokia request type is not allowed
          [{"type":"version"},{"type":"notification","command":"register"}]             | This Jolokia request type is not allowed
          {"type":"write","mbean":"m","attribute":"a","value":1}                         | This Jolokia request type is not allowed
          {"mbean":"m"}                                                                  | This Jolokia request type is not allowed
          {"type":"read","mbean":"m","target":{"url":"service:jmx:x"}}                     | proxy
          {"type":"read","mbean":"m","\\u0074arget":{"url":"x"}}                           | proxy
          {"type":"read","mbean":"m","TARGET":{"url":"x"}}                                 | proxy
          [{"type":"version"},{"type":"read","mbean":"m","t\\u0061rget":{}}]               | proxy
          {"type":"read","type":"exec","mbean":"m"}                                        | A Jolokia request has a duplicate key
          {"type":"read","\\u0074ype":"exec","mbean":"m"}                                  | A Jolokia request has a duplicate key
          not json                                                                         | A Jolokia request must be JSON
          {"type":"read"} {"type":"exec"}                                                  | A Jolokia request must be JSON
          {'type':'read'}                                                                  | A Jolokia request must be JSON
          {"type":"read",}                                                                 | A Jolokia request must be JSON
          "read"                                                                           | A Jolokia request must be a JSON object or an array of them
          [{"type":"read"},"exec"]                                                         | Each request of a Jolokia bulk request must be a JSON object
          ``                                                                               | A Jolokia request must be a JSON object or an array of them
          """)
  void decides(String body, String expected) {
    String problem = check.problem(body.getBytes(StandardCharsets.UTF_8));
    assertThat(problem == null ? "ok" : problem).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          /read/java.lang:type=Memory                | true
          /exec/java.lang:type=Threading/findDeadlockedThreads() | true
          /version                                   | true
          /                                          | true
          /notification/register                     | false
          /NOTIFICATION/register                     | false
          /notif!ication/register                    | false
          /write/java.lang:type=Memory/Verbose/true  | false
          /nonsense                                  | false
          """)
  void judgesTheTypeOfAGetPathAsJolokiaSplitsIt(String path, boolean allowed) {
    assertThat(JolokiaRequestCheck.allowedPath(path)).isEqualTo(allowed);
  }

  @Test
  void aBulkRequestAsLargeAsHawtiosPermissionCheckIsParsedCheaply() {
    // Hawtio's canInvoke(Map) of every MBean's operations: ~700 KB for the shipped routes
    StringBuilder body = new StringBuilder("[");
    for (int i = 0; i < 2_000; i++) {
      body.append(i == 0 ? "" : ",")
          .append("{\"type\":\"exec\",\"mbean\":\"hawtio:type=security,area=jmx,name=X\",")
          .append("\"operation\":\"canInvoke(java.util.Map)\",\"arguments\":[{\"org.apache.camel:")
          .append("context=hub,type=routes,name=\\\"route-")
          .append(i)
          .append("\\\"\":[\"start()\",\"stop()\",\"dumpRouteAsXml()\",\"reset(boolean)\"]}]}");
    }
    byte[] bytes = body.append("]").toString().getBytes(StandardCharsets.UTF_8);
    JolokiaRequestCheck large = new JolokiaRequestCheck(4_000_000);
    assertThat(large.problem(bytes)).isNull();
    long start = System.nanoTime();
    int runs = 20;
    for (int i = 0; i < runs; i++) {
      large.problem(bytes);
    }
    System.out.printf(
        "Jolokia request check: %d KB bulk request parsed in %.1f ms on average%n",
        bytes.length / 1024, (System.nanoTime() - start) / 1e6 / runs);
  }

  @ParameterizedTest(name = "nesting {0} → {1}")
  @CsvSource({"60, ok", "70, A Jolokia request must be JSON"})
  void nestingIsBounded(int depth, String expected) {
    String body = "{\"type\":\"exec\",\"arguments\":" + "[".repeat(depth) + "]".repeat(depth) + "}";
    String problem = check.problem(body.getBytes(StandardCharsets.UTF_8));
    assertThat(problem == null ? "ok" : problem).isEqualTo(expected);
  }
}
