package com.ordercloudhub.hub.config;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.slf4j.event.KeyValuePair;

/**
 * What a log line may show of an event: arguments, MDC values, key-value pairs and exception
 * messages with secrets masked and line breaks escaped; the code's own message text keeps its
 * lines.
 */
class SafeLoggingEventTest {

  static final String JWT = "eyJhbGciOiJSUzI1NiJ9.eyJ1c3IiOiJqZG9lIn0.SIGNATURE";

  final LoggerContext context = new LoggerContext();
  final Logger logger = context.getLogger("hub.test");
  final SecretRule rule = SecretRule.defaults();

  {
    context.setMDCAdapter(MDC.getMDCAdapter());
  }

  LoggingEvent event(String message, Throwable thrown, Object... args) {
    LoggingEvent event =
        new LoggingEvent(Logger.class.getName(), logger, Level.WARN, message, thrown, args);
    event.prepareForDeferredProcessing();
    return event;
  }

  @Test
  void argumentsAreMaskedAndCannotStartALine() {
    LoggingEvent event =
        event(
            "Hook {} from {} token {} none {}",
            null,
            "UserToken=" + JWT,
            "l-1\n2026-12-01 INFO forged",
            JWT,
            null);

    String line = new SafeLoggingEvent(event, rule, true).getFormattedMessage();

    assertThat(line)
        .isEqualTo(
            "Hook UserToken=[redacted] from l-1\\n2026-12-01 INFO forged token [redacted] none"
                + " null")
        .doesNotContain(JWT)
        .doesNotContain("\n");
    // the event as logback made it is untouched
    assertThat(event.getFormattedMessage()).contains(JWT);
  }

  @Test
  void theCodesOwnTextKeepsItsLinesButIsMaskedToo() {
    LoggingEvent event = event("Route check:\n  password=hunter2\n  Bearer " + JWT, null);

    String line = new SafeLoggingEvent(event, rule, true).getFormattedMessage();

    assertThat(line).isEqualTo("Route check:\n  password=[redacted]\n  Bearer [redacted]");
  }

  @Test
  void mdcKeysAndValuesAreMaskedAndEscaped() {
    MDC.put("logId", "l-1\r\nforged");
    MDC.put("auth", "Bearer " + JWT);
    try {
      LoggingEvent event = event("stored", null);

      Map<String, String> mdc = new SafeLoggingEvent(event, rule, true).getMDCPropertyMap();

      assertThat(mdc).containsEntry("logId", "l-1\\r\\nforged");
      assertThat(mdc.get("auth")).isEqualTo("Bearer [redacted]");
    } finally {
      MDC.remove("logId");
      MDC.remove("auth");
    }
  }

  @Test
  void keyValuePairsAreMaskedAndANullValueStaysNull() {
    LoggingEvent event = event("sent", null);
    event.addKeyValuePair(new KeyValuePair("url", "https://jdoe:hunter2@erp.example/orders"));
    event.addKeyValuePair(new KeyValuePair("next", "a\u2028b"));
    event.addKeyValuePair(new KeyValuePair("none", null));

    var pairs = new SafeLoggingEvent(event, rule, true).getKeyValuePairs();

    assertThat(pairs).extracting(p -> p.key).containsExactly("url", "next", "none");
    assertThat(pairs.get(0).value).isEqualTo("https://jdoe:[redacted]@erp.example/orders");
    assertThat(pairs.get(1).value).isEqualTo("a\\u2028b");
    assertThat(pairs.get(2).value).isNull();
  }

  @Test
  void exceptionMessagesAreMaskedAtEveryCauseAndSuppressed() {
    IllegalStateException thrown =
        new IllegalStateException(
            "call failed: password=hunter2\nnext", new RuntimeException("Bearer " + JWT));
    thrown.addSuppressed(new RuntimeException("client_secret=s3cr3t"));

    IThrowableProxy proxy =
        new SafeLoggingEvent(event("failed", thrown), rule, true).getThrowableProxy();

    assertThat(proxy.getMessage()).isEqualTo("call failed: password=[redacted]\\nnext");
    assertThat(proxy.getClassName()).isEqualTo(IllegalStateException.class.getName());
    assertThat(proxy.getStackTraceElementProxyArray()).isNotEmpty();
    assertThat(proxy.getCause().getMessage()).isEqualTo("Bearer [redacted]");
    assertThat(proxy.getSuppressed()).hasSize(1);
    assertThat(proxy.getSuppressed()[0].getMessage()).isEqualTo("client_secret=[redacted]");
  }

  @Test
  void forStructuredLogsTheExceptionIsLogbacksOwn() {
    LoggingEvent event = event("failed", new IllegalStateException("password=hunter2"));

    ILoggingEvent safe = new SafeLoggingEvent(event, rule, false);

    assertThat(safe.getThrowableProxy()).isSameAs(event.getThrowableProxy());
    assertThat(new SafeLoggingEvent(event("ok", null), rule, true).getThrowableProxy()).isNull();
  }
}
