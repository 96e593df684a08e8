package com.webase.apps.evaluation;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param maxFindingsPerCheck findings a report lists per check (50); the summary counts all
 */
@Validated
@ConfigurationProperties("webase.apps.evaluations")
public record EvaluationProperties(int maxFindingsPerCheck) {

  public EvaluationProperties {
    maxFindingsPerCheck = maxFindingsPerCheck <= 0 ? 50 : maxFindingsPerCheck;
  }
}
