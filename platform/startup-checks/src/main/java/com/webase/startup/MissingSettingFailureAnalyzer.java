package com.webase.startup;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Says at start-up, in one line and without a stack trace, which settings are missing. */
class MissingSettingFailureAnalyzer extends AbstractFailureAnalyzer<MissingSettingException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, MissingSettingException cause) {
    return new FailureAnalysis(
        cause.getMessage(),
        "Set each named environment variable (or property); docs/OPERATIONS.md lists what a"
            + " service reads.",
        cause);
  }
}
