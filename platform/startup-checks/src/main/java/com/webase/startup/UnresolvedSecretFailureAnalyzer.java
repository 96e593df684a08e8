package com.webase.startup;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Says at start-up, without a stack trace, which secrets are still placeholders. */
class UnresolvedSecretFailureAnalyzer extends AbstractFailureAnalyzer<UnresolvedSecretException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, UnresolvedSecretException cause) {
    return new FailureAnalysis(
        cause.getMessage(),
        "Set the named environment variables (or the properties) to their real values. Secrets"
            + " come from the environment or a secret store, never from the repository"
            + " (docs/OPERATIONS.md, \"Secrets left as placeholders\").",
        cause);
  }
}
