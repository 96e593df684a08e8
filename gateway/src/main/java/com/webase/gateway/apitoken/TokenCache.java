package com.webase.gateway.apitoken;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Introspection answers, keyed by the SHA-256 of the token (the raw token is never kept), each for
 * at most {@code cacheTtl} and never longer than its JWT stays usable.
 *
 * <p>Revocation evicts by token id (a scan of the entries). An id revoked recently is remembered
 * for one TTL, so that an introspection that was already on its way when the revocation arrived is
 * not cached afterwards.
 */
@Component
public class TokenCache {

  private static final Logger log = LoggerFactory.getLogger(TokenCache.class);

  private final Cache<String, Introspected> byHash;
  private final Cache<String, Instant> recentlyRevoked;
  private final Cache<String, String> refused;
  private final Clock clock;
  private final Duration margin;
  private final Counter hits;
  private final Counter misses;
  private final MeterRegistry meters;

  TokenCache(ApiTokenProperties properties, Clock clock, MeterRegistry meters) {
    this.clock = clock;
    this.margin = properties.jwtMargin();
    this.meters = meters;
    Duration ttl = properties.cacheTtl();
    this.byHash =
        Caffeine.newBuilder()
            .maximumSize(properties.cacheMaxEntries())
            .expireAfter(Expiry.<String, Introspected>creating((hash, entry) -> lifeOf(entry, ttl)))
            .build();
    this.recentlyRevoked =
        Caffeine.newBuilder()
            .maximumSize(properties.cacheMaxEntries())
            .expireAfterWrite(ttl)
            .build();
    this.refused =
        Caffeine.newBuilder()
            .maximumSize(properties.cacheMaxEntries())
            .expireAfterWrite(ttl)
            .build();
    this.hits = Counter.builder("webase.gateway.token.cache").tag("result", "hit").register(meters);
    this.misses =
        Counter.builder("webase.gateway.token.cache").tag("result", "miss").register(meters);
    meters.gauge("webase.gateway.token.cache.size", byHash, Cache::estimatedSize);
  }

  /** The key under which a token is remembered: its SHA-256, never the token itself. */
  public static String keyOf(String token) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /**
   * Whether this token is known to be revoked (see {@link #evict(String, String, Instant,
   * Instant)}).
   */
  public boolean isRefused(String key) {
    return refused.getIfPresent(key) != null;
  }

  /** A remembered answer whose JWT still has at least the margin left. */
  public Optional<Introspected> find(String key) {
    Introspected found = byHash.getIfPresent(key);
    if (found != null && found.jwtExpiresAt().minus(margin).isAfter(clock.instant())) {
      hits.increment();
      return Optional.of(found);
    }
    misses.increment();
    return Optional.empty();
  }

  /** Remembers an answer, unless its token was revoked while the question was on its way. */
  public void remember(String key, Introspected answer) {
    if (recentlyRevoked.getIfPresent(answer.tokenId()) != null) {
      return;
    }
    byHash.put(key, answer);
  }

  /**
   * Forgets a token at once.
   *
   * @param source where the news came from ({@code event} or {@code response}), for the metric
   * @param revokedAt when the revocation was recorded, for the lag metric; null if unknown
   */
  public void evict(String tokenId, String source, Instant revokedAt) {
    evict(tokenId, source, revokedAt, null);
  }

  /**
   * Forgets a token at once and, when it is dead already ({@code deadFrom} not in the future),
   * remembers its hash as refused: the next request with it is refused here, without asking
   * token-service. A token in a grace period is only forgotten.
   */
  public void evict(String tokenId, String source, Instant revokedAt, Instant deadFrom) {
    // the same revocation arrives more than once (the response, the direct send, the outbox's copy,
    // TokenRegenerated): each is applied, the lag is that of the first
    boolean first = recentlyRevoked.asMap().put(tokenId, clock.instant()) == null;
    boolean dead = deadFrom != null && !deadFrom.isAfter(clock.instant());
    // a scan, not an index: revocations are rare (people's actions), and an index kept beside the
    // cache can lose an entry to a removal racing a re-insert, which would keep a revoked token
    byHash
        .asMap()
        .entrySet()
        .removeIf(
            entry -> {
              boolean match = entry.getValue().tokenId().equals(tokenId);
              if (match && dead) {
                refused.put(entry.getKey(), tokenId);
              }
              return match;
            });
    meters.counter("webase.gateway.revocations.applied", "source", source).increment();
    Duration lag = revokedAt == null ? null : Duration.between(revokedAt, clock.instant());
    log.debug("evicted token {} ({}), {} after it was recorded", tokenId, source, lag);
    if (first && lag != null && !lag.isNegative()) {
      // a histogram, not client-side percentiles: the p99 across every gateway replica is computed
      // from the buckets (deploy/observability), which percentiles of each replica cannot give
      Timer.builder("webase.gateway.revocation.lag")
          .description("From a revocation's record at token-service to its eviction here")
          .tag("source", source)
          .publishPercentileHistogram()
          .minimumExpectedValue(Duration.ofMillis(1))
          .maximumExpectedValue(Duration.ofSeconds(30))
          .serviceLevelObjectives(Duration.ofSeconds(5))
          .register(meters)
          .record(lag);
    }
  }

  private Duration lifeOf(Introspected entry, Duration ttl) {
    Duration jwtLeft = Duration.between(clock.instant(), entry.jwtExpiresAt()).minus(margin);
    Duration life = jwtLeft.compareTo(ttl) < 0 ? jwtLeft : ttl;
    return life.isNegative() ? Duration.ZERO : life;
  }
}
