package com.webase.account.email;

import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Verified email change (DESIGN §1).
 *
 * @param verificationTtl how long the link sent to a new address works
 * @param resendCooldown the least time between two verification mails of one account
 * @param maxMailsPerDay how many verification mails one account may cause per 24 hours (a pending
 *     address is anyone's inbox: this keeps Webase from being used to spam it)
 */
@Validated
@ConfigurationProperties("webase.account.email")
public record EmailChangeProperties(
    Duration verificationTtl, Duration resendCooldown, @Positive Integer maxMailsPerDay) {

  public EmailChangeProperties {
    verificationTtl = verificationTtl == null ? Duration.ofHours(24) : verificationTtl;
    resendCooldown = resendCooldown == null ? Duration.ofSeconds(60) : resendCooldown;
    maxMailsPerDay = maxMailsPerDay == null ? 10 : maxMailsPerDay;
  }
}
