package com.webase.account.confirmation;

import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How a person confirms a sensitive action (DESIGN §5, ASVS 7.5.1).
 *
 * @param recentLogin a portal login younger than this confirms by itself
 * @param maxPasswordFailures wrong current passwords allowed per account within {@code
 *     failureWindow}; the next attempt gets 429
 * @param failureWindow the window of that count
 */
@Validated
@ConfigurationProperties("webase.account.confirmation")
public record ConfirmationProperties(
    Duration recentLogin, @Positive Integer maxPasswordFailures, Duration failureWindow) {

  public ConfirmationProperties {
    recentLogin = recentLogin == null ? Duration.ofMinutes(15) : recentLogin;
    maxPasswordFailures = maxPasswordFailures == null ? 5 : maxPasswordFailures;
    failureWindow = failureWindow == null ? Duration.ofMinutes(15) : failureWindow;
  }
}
