package com.ordercloudhub.hub.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.ordercloudhub.hub.support.Fixtures;
import com.ordercloudhub.hub.support.HubClient;
import com.ordercloudhub.hub.support.HubTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every refusal the server makes on its own (Tomcat, Spring Security's firewall, Spring MVC)
 * answers the JSON problem, with its status, Content-Type application/json and nothing of the
 * request in it. Sent over a raw socket: an HTTP client would refuse to send most of these.
 */
@HubTest
class ServerRefusalsTest {

  /** A marker in every bad request: it must never come back. */
  private static final String MARK = "sk_live_m4rk";

  private static final String CLOSE = "Host: 127.0.0.1\r\nConnection: close\r\n";
  private static final String OPS =
      "Authorization: " + HubClient.basic(HubClient.OPS_USER, HubClient.OPS_PASSWORD) + "\r\n";

  @LocalServerPort int port;

  @Test
  void requestsTomcatRefusesBeforeSpringAreJsonProblems() throws IOException {
    Map<String, String> requests = new LinkedHashMap<>();
    requests.put("malformed request line", MARK + "\r\n\r\n");
    requests.put(
        "control character in the URL",
        "GET /webhooks/" + MARK + "\u0001 HTTP/1.1\r\n" + CLOSE + "\r\n");
    requests.put("'{' in the URL", "GET /webhooks/{" + MARK + "} HTTP/1.1\r\n" + CLOSE + "\r\n");
    requests.put(
        "bad percent-encoding", "GET /webhooks/%zz" + MARK + " HTTP/1.1\r\n" + CLOSE + "\r\n");
    requests.put(
        "encoded slash", "GET /webhooks/ordercloud%2F" + MARK + " HTTP/1.1\r\n" + CLOSE + "\r\n");
    requests.put(
        "encoded backslash", "GET /webhooks/a%5C" + MARK + " HTTP/1.1\r\n" + CLOSE + "\r\n");
    requests.put("%00", "GET /webhooks/a%00" + MARK + " HTTP/1.1\r\n" + CLOSE + "\r\n");
    requests.put("raw non-ASCII", "GET /webhooks/\u00e9" + MARK + " HTTP/1.1\r\n" + CLOSE + "\r\n");
    requests.put(
        "bad Host",
        "GET /webhooks/x HTTP/1.1\r\nHost: a " + MARK + "\r\nConnection: close\r\n\r\n");
    requests.put("no Host", "GET /webhooks/x HTTP/1.1\r\nConnection: close\r\n\r\n");
    requests.put(
        "control character in a header",
        "POST /webhooks/ordercloud/post HTTP/1.1\r\n"
            + CLOSE
            + "X-oc-hash: "
            + MARK
            + "\u0001\r\nContent-Length: 2\r\n\r\n{}");
    requests.put(
        "Content-Length not a number",
        "POST /webhooks/ordercloud/post HTTP/1.1\r\n"
            + CLOSE
            + "Content-Length: "
            + MARK
            + "\r\n\r\n{}");

    for (Map.Entry<String, String> request : requests.entrySet()) {
      assertProblem(request.getKey(), send(request.getValue()), 400, "bad_request");
    }
    assertProblem(
        "HTTP/9.9",
        send("GET /webhooks/x HTTP/9.9\r\n" + CLOSE + "\r\n"),
        505,
        "http_version_not_supported");
    assertProblem(
        "unknown Transfer-Encoding",
        send(
            "POST /webhooks/ordercloud/post HTTP/1.1\r\n"
                + CLOSE
                + "Transfer-Encoding: "
                + MARK
                + "\r\n\r\n{}"),
        501,
        "not_implemented");
  }

  @Test
  void headersOverTheLimitAre431() throws IOException {
    String big = MARK + "a".repeat(9000);

    assertProblem(
        "one big header",
        send("GET /webhooks/x HTTP/1.1\r\n" + CLOSE + "X-Big: " + big + "\r\n\r\n"),
        431,
        "header_too_large");
    assertProblem(
        "URL over the limit",
        send("GET /webhooks/" + big + " HTTP/1.1\r\n" + CLOSE + "\r\n"),
        431,
        "header_too_large");
    assertProblem(
        "many small headers",
        send(
            "GET /webhooks/x HTTP/1.1\r\n"
                + CLOSE
                + ("X-" + MARK + ": " + "b".repeat(100) + "\r\n").repeat(100)
                + "\r\n"),
        431,
        "header_too_large");
  }

  @Test
  void urlsTheFirewallRejectsAreJsonProblems() throws IOException {
    Map<String, String> requests = new LinkedHashMap<>();
    requests.put(
        "';'",
        "POST /webhooks/ordercloud/post;"
            + MARK
            + " HTTP/1.1\r\n"
            + CLOSE
            + "Content-Length: 2\r\n\r\n{}");
    requests.put("'..'", "GET /webhooks/../api/" + MARK + " HTTP/1.1\r\n" + CLOSE + "\r\n");
    requests.put(
        "encoded '..'", "GET /webhooks/%2e%2e/api/" + MARK + " HTTP/1.1\r\n" + CLOSE + "\r\n");
    requests.put("'//'", "GET /webhooks//" + MARK + " HTTP/1.1\r\n" + CLOSE + "\r\n");
    requests.put(
        "';' on the API", "GET /api/events;" + MARK + " HTTP/1.1\r\n" + CLOSE + OPS + "\r\n");
    requests.put("TRACE", "TRACE /webhooks/" + MARK + " HTTP/1.1\r\n" + CLOSE + "\r\n");

    for (Map.Entry<String, String> request : requests.entrySet()) {
      assertProblem(request.getKey(), send(request.getValue()), 400, "request_rejected");
    }
  }

  @Test
  void unknownPathsAre404OnWebhooksApiAndElsewhere() throws IOException {
    assertProblem(
        "webhooks GET",
        send("GET /webhooks/" + MARK + " HTTP/1.1\r\n" + CLOSE + "\r\n"),
        404,
        "not_found");
    assertProblem(
        "webhooks POST",
        send(
            "POST /webhooks/ordercloud/"
                + MARK
                + " HTTP/1.1\r\n"
                + CLOSE
                + "Content-Length: 2\r\n\r\n{}"),
        404,
        "not_found");
    assertProblem(
        "api", send("GET /api/" + MARK + " HTTP/1.1\r\n" + CLOSE + OPS + "\r\n"), 404, "not_found");
    assertProblem(
        "root", send("GET /" + MARK + " HTTP/1.1\r\n" + CLOSE + OPS + "\r\n"), 404, "not_found");
    assertProblem(
        "actuator",
        send("GET /actuator/" + MARK + " HTTP/1.1\r\n" + CLOSE + OPS + "\r\n"),
        404,
        "not_found");
    assertProblem(
        "the error page itself",
        send("GET /error HTTP/1.1\r\n" + CLOSE + "\r\n"),
        404,
        "not_found");
    // without a login the API says 401 first, and says it the same way
    assertProblem(
        "api without login",
        send("GET /api/" + MARK + " HTTP/1.1\r\n" + CLOSE + "\r\n"),
        401,
        "unauthorized");
  }

  @Test
  void aWrongMethodIs405WithAllow() throws IOException {
    Map<String, String> requests = new LinkedHashMap<>();
    requests.put(
        "GET post-hook",
        "GET /webhooks/ordercloud/post?" + MARK + " HTTP/1.1\r\n" + CLOSE + "\r\n");
    requests.put(
        "PUT post-hook",
        "PUT /webhooks/ordercloud/post HTTP/1.1\r\n" + CLOSE + "Content-Length: 2\r\n\r\n{}");
    requests.put("GET pre-hook", "GET /webhooks/ordercloud/pre HTTP/1.1\r\n" + CLOSE + "\r\n");
    requests.put(
        "DELETE messages",
        "DELETE /webhooks/ordercloud/messages/" + MARK + " HTTP/1.1\r\n" + CLOSE + "\r\n");
    requests.put("DELETE api", "DELETE /api/events HTTP/1.1\r\n" + CLOSE + OPS + "\r\n");

    for (Map.Entry<String, String> request : requests.entrySet()) {
      Raw answer = send(request.getValue());
      assertProblem(request.getKey(), answer, 405, "method_not_allowed");
      assertThat(answer.header("Allow")).as(request.getKey()).isNotBlank();
    }
  }

  @Test
  void mediaTypeRefusalsAre415And406() throws IOException {
    assertProblem(
        "unreadable Content-Type",
        send(
            "POST /api/simulate HTTP/1.1\r\n"
                + CLOSE
                + OPS
                + "Content-Type: ;"
                + MARK
                + "\r\nContent-Length: 2\r\n\r\n{}"),
        415,
        "unsupported_media_type");
    // the problem is JSON even when the client accepts only something else
    assertProblem(
        "Accept text/csv",
        send("GET /api/events HTTP/1.1\r\n" + CLOSE + OPS + "Accept: text/csv\r\n\r\n"),
        406,
        "not_acceptable");
  }

  @Test
  void aBadQueryParameterTypeIs400WithoutItsValue() throws IOException {
    assertProblem(
        "page not a number",
        send("GET /api/events?page=" + MARK + " HTTP/1.1\r\n" + CLOSE + OPS + "\r\n"),
        400,
        "bad_request");
  }

  private static void assertProblem(String name, Raw answer, int status, String error) {
    assertThat(answer.status()).as(name + ": " + answer).isEqualTo(status);
    assertThat(answer.header("Content-Type")).as(name).startsWith("application/json");
    JsonNode body = Fixtures.json(answer.body().getBytes(StandardCharsets.UTF_8));
    assertThat(body.get("status").asInt()).as(name).isEqualTo(status);
    assertThat(body.get("error").asText()).as(name).isEqualTo(error);
    assertThat(body.get("message").asText()).as(name).isNotBlank();
    assertThat(body.size()).as(name + ": only status, error, message").isEqualTo(3);
    assertThat(answer.text().toLowerCase(Locale.ROOT))
        .as(name)
        .doesNotContain(MARK, "<html", "exception");
  }

  private Raw send(String request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      InputStream in = socket.getInputStream();
      byte[] chunk = new byte[8192];
      // Connection: close (or Tomcat closing after an error) ends the answer; bounded regardless
      for (int n; answer.size() < 65_536 && (n = in.read(chunk)) != -1; ) {
        answer.write(chunk, 0, n);
      }
      return Raw.parse(answer.toString(StandardCharsets.ISO_8859_1));
    }
  }

  /** A raw HTTP/1.1 answer: status line, headers, body (de-chunked). */
  record Raw(String text, int status, String headers, String body) {

    static Raw parse(String text) {
      int end = text.indexOf("\r\n\r\n");
      assertThat(end).as("an HTTP answer: %s", text).isPositive();
      String head = text.substring(0, end);
      String body = text.substring(end + 4);
      int status = Integer.parseInt(head.substring(9, 12));
      if (head.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) {
        body = dechunk(body);
      }
      return new Raw(text, status, head, body);
    }

    String header(String name) {
      for (String line : headers.split("\r\n")) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
          return line.substring(colon + 1).trim();
        }
      }
      return "";
    }

    private static String dechunk(String chunked) {
      StringBuilder body = new StringBuilder();
      int at = 0;
      while (true) {
        int eol = chunked.indexOf("\r\n", at);
        int size = Integer.parseInt(chunked.substring(at, eol).trim(), 16);
        if (size == 0) {
          return body.toString();
        }
        body.append(chunked, eol + 2, eol + 2 + size);
        at = eol + 2 + size + 2;
      }
    }
  }
}
