package com.webase.notification.mail;

import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Mail delivery.
 *
 * @param from the sender, e.g. {@code Webase <no-reply@webase.dev>}
 * @param portalUrl the public URL of the portal, which every link in a mail starts with
 * @param firstRetry the wait after the first failed attempt; it doubles with each failure
 * @param maxRetry the longest wait between two attempts
 * @param maxAttempts after this many failures a mail is given up (status {@code failed})
 * @param claimFor how long a mail being sent is kept from other instances; longer than one SMTP
 *     exchange at the configured timeouts, and the time a crashed sender's mail waits to be retried
 * @param holdFor how long a mail to a person whose address is not known yet waits for it
 * @param keepFor how long the record of a sent or given-up mail is kept
 */
@Validated
@ConfigurationProperties("webase.notifications.mail")
public record MailProperties(
    String from,
    String portalUrl,
    Duration firstRetry,
    Duration maxRetry,
    @Positive Integer maxAttempts,
    Duration claimFor,
    Duration holdFor,
    Duration keepFor) {

  public MailProperties {
    from = from == null ? "Webase <no-reply@webase.local>" : from;
    portalUrl = portalUrl == null ? "http://localhost:8080" : portalUrl.replaceAll("/+$", "");
    firstRetry = firstRetry == null ? Duration.ofSeconds(1) : firstRetry;
    maxRetry = maxRetry == null ? Duration.ofMinutes(5) : maxRetry;
    maxAttempts = maxAttempts == null ? 300 : maxAttempts;
    claimFor = claimFor == null ? Duration.ofMinutes(2) : claimFor;
    holdFor = holdFor == null ? Duration.ofDays(7) : holdFor;
    keepFor = keepFor == null ? Duration.ofDays(90) : keepFor;
  }

  /** The wait before attempt {@code failures + 1}. */
  Duration backOff(int failures) {
    long millis = firstRetry.toMillis() << Math.min(failures - 1, 20);
    return Duration.ofMillis(Math.min(millis, maxRetry.toMillis()));
  }
}
