package com.webase.platform.idempotency;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * How {@code Idempotency-Key} answers are kept (DESIGN §7).
 *
 * @param keepFor how long a key's first answer is replayed (24 h); after that the key is new again
 * @param lease how long a request may run holding its key before a retry may take it over (a
 *     process that died mid-request must not block the key for a day)
 * @param maxStoredResponse the largest answer kept; a larger one is sent but not kept, so a retry
 *     gets 409 {@code idempotency-answer-not-kept} rather than the work done twice
 */
@Validated
@ConfigurationProperties("webase.idempotency")
public record IdempotencyProperties(Duration keepFor, Duration lease, DataSize maxStoredResponse) {

  public IdempotencyProperties {
    keepFor = keepFor == null ? Duration.ofHours(24) : keepFor;
    lease = lease == null ? Duration.ofMinutes(1) : lease;
    maxStoredResponse = maxStoredResponse == null ? DataSize.ofMegabytes(1) : maxStoredResponse;
  }
}
