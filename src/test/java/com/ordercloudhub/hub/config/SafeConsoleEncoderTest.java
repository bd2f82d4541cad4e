package com.ordercloudhub.hub.config;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.core.env.Environment;
import org.springframework.mock.env.MockEnvironment;

/**
 * A caller value with CR, LF or a Unicode line separator cannot forge a log line, and a secret in
 * it is masked, in the plain console pattern and in the prod profile's ECS JSON lines.
 */
class SafeConsoleEncoderTest {

  static final String FORGED =
      "f00d\n2026-12-01T00:00:00Z  INFO 1 --- [main] x : Login ok user=admin\r\nz\u2028y\u2029w";
  static final String JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJsb2cifQ.c2lnbmF0dXJl";

  final LoggerContext context = new LoggerContext();
  final Logger logger = context.getLogger("hub.test");

  {
    context.setMDCAdapter(MDC.getMDCAdapter());
  }

  LoggingEvent event() {
    MDC.put("logId", FORGED);
    try {
      Object[] args = {FORGED, "Bearer " + JWT};
      LoggingEvent event =
          new LoggingEvent(
              Logger.class.getName(), logger, Level.WARN, "Stored logId={} auth={}", null, args);
      event.prepareForDeferredProcessing();
      return event;
    } finally {
      MDC.remove("logId");
    }
  }

  SafeConsoleEncoder encoder(String pattern, String format) {
    SafeConsoleEncoder encoder = new SafeConsoleEncoder();
    encoder.setContext(context);
    encoder.setPattern(pattern);
    encoder.setFormat(format);
    encoder.setCharset(StandardCharsets.UTF_8);
    encoder.start();
    return encoder;
  }

  @Test
  void thePlainPatternWritesOneLineWithTheControlsEscapedAndTheTokenMasked() {
    String line =
        new String(encoder("%d %5p %logger : %m%n", null).encode(event()), StandardCharsets.UTF_8);

    assertThat(line).endsWith("\n");
    assertThat(line.substring(0, line.length() - 1)).doesNotContain("\n", "\r", "\u2028", "\u2029");
    assertThat(line)
        .contains("logId=f00d\\n2026-12-01T00:00:00Z  INFO 1", "\\r\\nz\\u2028y\\u2029w")
        .contains("auth=Bearer [redacted]")
        .doesNotContain(JWT);
  }

  @Test
  void theEcsJsonLineHasTheSameMessageAndMdc() throws Exception {
    MockEnvironment environment = new MockEnvironment();
    environment.setProperty("spring.application.name", "ordercloud-hub");
    context.putObject(Environment.class.getName(), environment);

    String line = new String(encoder(null, "ecs").encode(event()), StandardCharsets.UTF_8);

    assertThat(line.trim()).doesNotContain("\n", "\r", "\u2028", "\u2029").doesNotContain(JWT);
    JsonNode json = new ObjectMapper().readTree(line);
    assertThat(json.get("message").asText())
        .startsWith("Stored logId=f00d\\n2026")
        .contains("auth=Bearer [redacted]");
    assertThat(json.get("logId").asText()).contains("\\n2026").doesNotContain("\n");
  }
}
