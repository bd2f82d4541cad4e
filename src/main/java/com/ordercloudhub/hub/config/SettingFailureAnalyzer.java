package com.ordercloudhub.hub.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a {@link SettingException} into Spring Boot's "APPLICATION FAILED TO START" report. */
class SettingFailureAnalyzer extends AbstractFailureAnalyzer<SettingException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, SettingException cause) {
    return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
  }
}
