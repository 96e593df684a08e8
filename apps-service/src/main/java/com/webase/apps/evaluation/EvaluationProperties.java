package com.webase.apps.evaluation;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param maxFindingsPerCheck findings a report lists per check (50); the summary counts all
 */
@ConfigurationProperties("webase.apps.evaluations")
public record EvaluationProperties(int maxFindingsPerCheck) {

  public EvaluationProperties {
    maxFindingsPerCheck = maxFindingsPerCheck <= 0 ? 50 : maxFindingsPerCheck;
  }
}
