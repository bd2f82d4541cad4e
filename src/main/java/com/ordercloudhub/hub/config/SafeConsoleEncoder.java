package com.ordercloudhub.hub.config;

import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;
import java.nio.charset.Charset;
import org.springframework.boot.logging.logback.StructuredLogEncoder;

/**
 * The console encoder of {@code logback-spring.xml}: Spring Boot's own, the pattern one or the
 * structured one ({@code logging.structured.format.console}, e.g. {@code ecs} in the prod profile),
 * given each event through {@link SafeLoggingEvent}, so caller-supplied values are masked by the
 * secret rule and cannot start a log line of their own in either format.
 */
public class SafeConsoleEncoder extends EncoderBase<ILoggingEvent> {

  private String pattern;
  private String format;
  private Charset charset;
  private Encoder<ILoggingEvent> delegate;

  public void setPattern(String pattern) {
    this.pattern = pattern;
  }

  public void setFormat(String format) {
    this.format = format;
  }

  public void setCharset(Charset charset) {
    this.charset = charset;
  }

  boolean structured() {
    return format != null && !format.isBlank();
  }

  @Override
  public void start() {
    if (structured()) {
      StructuredLogEncoder structured = new StructuredLogEncoder();
      structured.setFormat(format);
      structured.setCharset(charset);
      delegate = structured;
    } else {
      PatternLayoutEncoder plain = new PatternLayoutEncoder();
      plain.setPattern(pattern);
      plain.setCharset(charset);
      delegate = plain;
    }
    delegate.setContext(getContext());
    delegate.start();
    super.start();
  }

  @Override
  public void stop() {
    if (delegate != null) {
      delegate.stop();
    }
    super.stop();
  }

  @Override
  public byte[] headerBytes() {
    return delegate.headerBytes();
  }

  @Override
  public byte[] encode(ILoggingEvent event) {
    return delegate.encode(new SafeLoggingEvent(event, LogSafety.rule(), !structured()));
  }

  @Override
  public byte[] footerBytes() {
    return delegate.footerBytes();
  }
}
