package com.webase.gateway.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Per-token and per-address quotas (failed API-token look-ups, login starts) (Bucket4j, in this
 * instance's memory: with N instances a client gets at most N times the quota, which is what the
 * limits are sized for). Buckets of keys not seen for two periods are dropped.
 */
@Component
@EnableConfigurationProperties(RateLimitProperties.class)
public class RateLimits {

  private final RateLimitProperties.Quota perToken;
  private final RateLimitProperties.Quota perIp;
  private final Cache<String, Bucket> tokenBuckets;
  private final Cache<String, Bucket> ipBuckets;
  private final RateLimitProperties.Quota loginStarts;
  private final Cache<String, Bucket> loginStartBuckets;
  private final Bucket lookUpsWhileBlocked;

  RateLimits(RateLimitProperties properties) {
    this.perToken = properties.perToken();
    this.perIp = properties.failedAuthPerIp();
    this.tokenBuckets = buckets(perToken, properties.maxTrackedKeys());
    this.ipBuckets = buckets(perIp, properties.maxTrackedKeys());
    this.loginStarts = properties.loginStartsPerIp();
    this.loginStartBuckets = buckets(loginStarts, properties.maxTrackedKeys());
    this.lookUpsWhileBlocked = newBucket(properties.lookUpsWhileBlocked());
  }

  /** Takes one login start from the address's quota. */
  public Decision takeForLoginStart(String address) {
    return take(loginStartBuckets, address, loginStarts);
  }

  /** Takes one request from the token's quota. */
  public Decision takeForToken(String tokenId) {
    return take(tokenBuckets, tokenId, perToken);
  }

  /**
   * Takes one introspection from the address's allowance of unknown tokens, before the look-up:
   * concurrent requests cannot all slip past the limit. Give it back with {@link
   * #returnLookUpOf(String)} when the token proved valid or could not be checked, so that only
   * failed look-ups stay counted.
   */
  public Decision takeLookUpFor(String address) {
    return take(ipBuckets, address, perIp);
  }

  /**
   * Takes one look-up from the budget that all blocked addresses share: a token from a blocked
   * address is still looked up while the budget lasts, so that a valid one is admitted and the
   * address's neighbours cannot lock it out; what token-service gets from blocked addresses stays
   * bounded by this budget.
   */
  public boolean takeLookUpWhileBlocked() {
    return lookUpsWhileBlocked.tryConsume(1);
  }

  /** Gives back a look-up taken by {@link #takeLookUpFor(String)} that was no failure. */
  public void returnLookUpOf(String address) {
    Bucket bucket = ipBuckets.getIfPresent(address);
    if (bucket != null) {
      bucket.addTokens(1);
    }
  }

  private static Decision take(
      Cache<String, Bucket> buckets, String key, RateLimitProperties.Quota quota) {
    Bucket bucket = buckets.get(key, k -> newBucket(quota));
    ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
    if (probe.isConsumed()) {
      return Decision.allowed(
          quota.limit(), probe.getRemainingTokens(), probe.getNanosToWaitForReset());
    }
    return Decision.refused(quota.limit(), probe.getNanosToWaitForRefill());
  }

  private static Bucket newBucket(RateLimitProperties.Quota quota) {
    return Bucket.builder()
        .addLimit(
            Bandwidth.builder()
                .capacity(quota.limit())
                .refillIntervally(quota.limit(), quota.period())
                .build())
        .build();
  }

  private static Cache<String, Bucket> buckets(RateLimitProperties.Quota quota, long max) {
    return Caffeine.newBuilder()
        .maximumSize(max)
        .expireAfterAccess(quota.period().multipliedBy(2))
        .build();
  }

  /**
   * The outcome, with the headers of the IETF RateLimit draft: {@code RateLimit-Limit}, {@code
   * RateLimit-Remaining}, {@code RateLimit-Reset} (seconds until the quota is back), and {@code
   * Retry-After} when refused.
   */
  public record Decision(boolean allowed, long limit, long remaining, long resetSeconds) {

    static Decision allowed(long limit, long remaining, long nanosToReset) {
      return new Decision(true, limit, remaining, seconds(nanosToReset));
    }

    static Decision refused(long limit, long nanosToWait) {
      return new Decision(false, limit, 0, Math.max(1, seconds(nanosToWait)));
    }

    public Map<String, String> headers() {
      Map<String, String> headers = new LinkedHashMap<>();
      headers.put("RateLimit-Limit", Long.toString(limit));
      headers.put("RateLimit-Remaining", Long.toString(remaining));
      headers.put("RateLimit-Reset", Long.toString(resetSeconds));
      if (!allowed) {
        headers.put("Retry-After", Long.toString(resetSeconds));
      }
      return headers;
    }

    private static long seconds(long nanos) {
      return (long) Math.ceil(nanos / (double) TimeUnit.SECONDS.toNanos(1));
    }
  }
}
