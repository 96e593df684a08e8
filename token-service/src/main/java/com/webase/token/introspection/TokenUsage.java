package com.webase.token.introspection;

import com.webase.token.tokens.ApiTokens;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Remembers when each token was last used and writes it on a schedule, so that introspection never
 * waits for a database write and a busy token costs one write per interval.
 */
@Component
class TokenUsage {

  private final Map<UUID, Instant> pending = new ConcurrentHashMap<>();
  private final ApiTokens tokens;

  TokenUsage(ApiTokens tokens) {
    this.tokens = tokens;
  }

  void record(UUID tokenId, Instant at) {
    pending.merge(tokenId, at, (a, b) -> a.isAfter(b) ? a : b);
  }

  @Scheduled(fixedDelayString = "${webase.tokens.introspection.usage-flush-interval}")
  void flush() {
    for (UUID id : pending.keySet()) {
      Instant at = pending.remove(id);
      if (at != null) {
        tokens.markUsed(id, at);
      }
    }
  }
}
