package com.webase.gateway.ratelimit;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param perToken what one API token may do
 * @param failedAuthPerIp how many failed API-token authentications one client address may have
 *     before it is refused without a look-up
 * @param loginStartsPerIp how many portal logins one client address may start ({@code
 *     /oauth2/authorization/...}); each start makes a session, so a flood must not fill the store
 * @param lookUpsWhileBlocked how many look-ups this instance still makes, all blocked addresses
 *     together, for tokens sent from an address over {@code failedAuthPerIp}: a valid token is
 *     admitted even there, while token-service's load from blocked addresses stays bounded
 * @param maxTrackedKeys the most tokens and addresses tracked at once
 */
@Validated
@ConfigurationProperties("webase.gateway.rate-limit")
public record RateLimitProperties(
    @NotNull @Valid Quota perToken,
    @NotNull @Valid Quota failedAuthPerIp,
    @Valid Quota loginStartsPerIp,
    @Valid Quota lookUpsWhileBlocked,
    @Positive long maxTrackedKeys) {

  public RateLimitProperties {
    if (loginStartsPerIp == null) {
      loginStartsPerIp = new Quota(60, Duration.ofMinutes(1));
    }
    if (lookUpsWhileBlocked == null) {
      lookUpsWhileBlocked = new Quota(10, Duration.ofSeconds(1));
    }
  }

  /** {@code limit} requests per {@code period}, the whole quota coming back at each period. */
  public record Quota(@Positive long limit, @NotNull Duration period) {}
}
