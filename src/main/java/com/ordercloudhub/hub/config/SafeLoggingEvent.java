package com.ordercloudhub.hub.config;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.LoggerContextVO;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;
import org.slf4j.helpers.MessageFormatter;

/**
 * A log event as it may be written: every argument, MDC value and key-value pair is masked by the
 * secret rule and has its control characters escaped (a LogID with a newline cannot forge a line);
 * the message text the code wrote is kept as is (it may span lines on purpose) but masked too.
 * Exception messages are masked and escaped; their stack traces keep their lines.
 */
final class SafeLoggingEvent implements ILoggingEvent {

  private final ILoggingEvent event;
  private final SecretRule rule;
  private final boolean safeThrowable;
  private String formatted;

  /**
   * @param safeThrowable mask exception messages too; off for structured logs, whose optional stack
   *     trace printer needs logback's own proxy (and whose JSON escapes every control character)
   */
  SafeLoggingEvent(ILoggingEvent event, SecretRule rule, boolean safeThrowable) {
    this.event = event;
    this.rule = rule;
    this.safeThrowable = safeThrowable;
  }

  @Override
  public String getFormattedMessage() {
    if (formatted == null) {
      Object[] args = event.getArgumentArray();
      if (args == null || args.length == 0) {
        formatted = rule.mask(event.getFormattedMessage());
      } else {
        Object[] safe = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
          safe[i] =
              args[i] instanceof Throwable || args[i] == null
                  ? args[i]
                  : rule.forLog(String.valueOf(args[i]));
        }
        formatted = rule.mask(MessageFormatter.basicArrayFormat(event.getMessage(), safe));
      }
    }
    return formatted;
  }

  @Override
  public Map<String, String> getMDCPropertyMap() {
    Map<String, String> mdc = event.getMDCPropertyMap();
    if (mdc == null || mdc.isEmpty()) {
      return mdc;
    }
    Map<String, String> safe = new LinkedHashMap<>();
    mdc.forEach((key, value) -> safe.put(rule.forLog(key), rule.forLog(value)));
    return safe;
  }

  @SuppressWarnings("deprecation")
  @Override
  public Map<String, String> getMdc() {
    return getMDCPropertyMap();
  }

  @Override
  public List<KeyValuePair> getKeyValuePairs() {
    List<KeyValuePair> pairs = event.getKeyValuePairs();
    if (pairs == null || pairs.isEmpty()) {
      return pairs;
    }
    return pairs.stream()
        .map(
            p ->
                new KeyValuePair(
                    rule.forLog(p.key),
                    p.value == null ? null : rule.forLog(String.valueOf(p.value))))
        .toList();
  }

  @Override
  public IThrowableProxy getThrowableProxy() {
    IThrowableProxy proxy = event.getThrowableProxy();
    return proxy == null || !safeThrowable ? proxy : new SafeThrowable(proxy, rule);
  }

  @Override
  public String getThreadName() {
    return event.getThreadName();
  }

  @Override
  public Level getLevel() {
    return event.getLevel();
  }

  @Override
  public String getMessage() {
    return event.getMessage();
  }

  @Override
  public Object[] getArgumentArray() {
    return event.getArgumentArray();
  }

  @Override
  public String getLoggerName() {
    return event.getLoggerName();
  }

  @Override
  public LoggerContextVO getLoggerContextVO() {
    return event.getLoggerContextVO();
  }

  @Override
  public StackTraceElement[] getCallerData() {
    return event.getCallerData();
  }

  @Override
  public boolean hasCallerData() {
    return event.hasCallerData();
  }

  @Override
  public List<Marker> getMarkerList() {
    return event.getMarkerList();
  }

  @Override
  public long getTimeStamp() {
    return event.getTimeStamp();
  }

  @Override
  public int getNanoseconds() {
    return event.getNanoseconds();
  }

  @Override
  public Instant getInstant() {
    return event.getInstant();
  }

  @Override
  public long getSequenceNumber() {
    return event.getSequenceNumber();
  }

  @Override
  public void prepareForDeferredProcessing() {
    event.prepareForDeferredProcessing();
  }

  /** An exception whose messages (at every cause) are masked and kept on one line each. */
  private record SafeThrowable(IThrowableProxy proxy, SecretRule rule) implements IThrowableProxy {

    @Override
    public String getMessage() {
      return rule.forLog(proxy.getMessage());
    }

    @Override
    public String getClassName() {
      return proxy.getClassName();
    }

    @Override
    public StackTraceElementProxy[] getStackTraceElementProxyArray() {
      return proxy.getStackTraceElementProxyArray();
    }

    @Override
    public int getCommonFrames() {
      return proxy.getCommonFrames();
    }

    @Override
    public IThrowableProxy getCause() {
      IThrowableProxy cause = proxy.getCause();
      return cause == null ? null : new SafeThrowable(cause, rule);
    }

    @Override
    public IThrowableProxy[] getSuppressed() {
      IThrowableProxy[] suppressed = proxy.getSuppressed();
      if (suppressed == null) {
        return null;
      }
      IThrowableProxy[] safe = new IThrowableProxy[suppressed.length];
      for (int i = 0; i < suppressed.length; i++) {
        safe[i] = new SafeThrowable(suppressed[i], rule);
      }
      return safe;
    }

    @Override
    public boolean isCyclic() {
      return proxy.isCyclic();
    }
  }
}
