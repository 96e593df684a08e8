package com.webase.token.tokens;

import com.webase.token.secret.EncryptionProperties;
import com.webase.token.secret.TokenVault;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The re-encryption job of a key rotation (decision 0023): moves stored tokens sealed with an older
 * key that is still configured to the current key, at startup and then every {@code
 * webase.tokens.encryption.reencryption-interval}.
 *
 * <p>Batched (one transaction per batch), idempotent (a row already under the current key is not
 * picked; a row moved meanwhile is not overwritten) and safe with several instances: rows are
 * locked with {@code FOR UPDATE SKIP LOCKED}, so two instances move different rows. Rows sealed
 * with a key that is not configured are left as they are and reported — a log line naming the key
 * id and the count, and the gauge {@code webase.tokens.sealed{key,state}} — never a crash: the
 * tokens keep working (look-ups use their hash), only showing them fails. Thread-safe.
 */
@Component
public class SealingKeyRotation {

  private static final Logger log = LoggerFactory.getLogger(SealingKeyRotation.class);

  /** Before every id: PostgreSQL orders uuids by their bytes, unsigned. */
  private static final UUID FIRST = new UUID(0, 0);

  private final ApiTokens tokens;
  private final TokenVault vault;
  private final TransactionTemplate transactions;
  private final MeterRegistry meters;
  private final int batchSize;
  private final Map<String, AtomicLong> sealedCounts = new ConcurrentHashMap<>();

  @Autowired
  SealingKeyRotation(
      ApiTokens tokens,
      TokenVault vault,
      TransactionTemplate transactions,
      MeterRegistry meters,
      EncryptionProperties properties) {
    this(tokens, vault, transactions, meters, properties.reencryptionBatch());
  }

  /** For a job with its own vault and batch size (tests of a rotation). */
  public SealingKeyRotation(
      ApiTokens tokens,
      TokenVault vault,
      TransactionTemplate transactions,
      MeterRegistry meters,
      int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("the re-encryption batch must hold at least one row");
    }
    this.tokens = tokens;
    this.vault = vault;
    this.transactions = transactions;
    this.meters = meters;
    this.batchSize = batchSize;
  }

  /** What one run did. */
  public record Outcome(int moved, int unreadable, Map<String, Long> missingKeys) {}

  @EventListener(ApplicationReadyEvent.class)
  void atStartup() {
    runSafely();
  }

  @Scheduled(
      initialDelayString = "${webase.tokens.encryption.reencryption-interval:10m}",
      fixedDelayString = "${webase.tokens.encryption.reencryption-interval:10m}")
  void periodically() {
    runSafely();
  }

  private void runSafely() {
    try {
      run();
    } catch (RuntimeException e) {
      // the next run tries again; the service keeps serving
      log.error("token re-encryption run failed: {}", e.toString());
    }
  }

  /** Moves every row it can to the current key, then reports what is left. */
  public Outcome run() {
    List<String> older = new ArrayList<>(vault.keyIds());
    older.remove(vault.currentKeyId());
    int moved = 0;
    int unreadable = 0;
    if (!older.isEmpty()) {
      UUID after = FIRST;
      while (true) {
        UUID from = after;
        Batch batch = transactions.execute(status -> moveBatch(older, from));
        moved += batch.moved();
        unreadable += batch.unreadable();
        if (batch.seen() < batchSize) {
          break;
        }
        after = batch.last();
      }
    }
    Map<String, Long> counts = tokens.countBySealingKey();
    Map<String, Long> missing = new java.util.TreeMap<>();
    Set<String> reported = new java.util.HashSet<>();
    counts.forEach(
        (keyId, count) -> {
          String state =
              keyId.equals(vault.currentKeyId())
                  ? "current"
                  : vault.knows(keyId) ? "older" : "missing";
          gauge(keyId, state).set(count);
          reported.add(keyId + "|" + state);
          if (state.equals("missing")) {
            missing.put(keyId, count);
          }
        });
    // a key that seals nothing any more reads 0, so a finished rotation shows on the dashboard
    sealedCounts.forEach(
        (key, value) -> {
          if (!reported.contains(key)) {
            value.set(0);
          }
        });
    if (moved > 0) {
      log.info("re-encrypted {} stored tokens with key '{}'", moved, vault.currentKeyId());
      meters.counter("webase.tokens.reencrypted").increment(moved);
    }
    if (unreadable > 0) {
      log.error(
          "{} stored tokens sealed with a configured older key do not open with it; they were"
              + " left as they are (is the right secret configured for that key id?)",
          unreadable);
    }
    missing.forEach(
        (keyId, count) ->
            log.warn(
                "{} stored tokens are sealed with key '{}', which is not configured: they keep"
                    + " working but cannot be shown until regenerated; add the key back to"
                    + " re-encrypt them",
                count,
                keyId));
    return new Outcome(moved, unreadable, missing);
  }

  private Batch moveBatch(List<String> older, UUID after) {
    List<ApiTokens.SealedRow> rows = tokens.lockSealedWith(older, after, batchSize);
    int moved = 0;
    int unreadable = 0;
    for (ApiTokens.SealedRow row : rows) {
      String token;
      try {
        token = vault.decrypt(row.keyId(), row.sealed(), row.hash());
      } catch (IllegalStateException wrongSecret) {
        unreadable++;
        meters.counter("webase.tokens.unreadable", "key", row.keyId()).increment();
        continue;
      }
      TokenVault.Sealed sealed = vault.encrypt(token, row.hash());
      if (tokens.reseal(row.id(), row.keyId(), sealed.keyId(), sealed.ciphertext())) {
        moved++;
      }
    }
    return new Batch(rows.size(), rows.isEmpty() ? after : rows.getLast().id(), moved, unreadable);
  }

  private record Batch(int seen, UUID last, int moved, int unreadable) {}

  private AtomicLong gauge(String keyId, String state) {
    return sealedCounts.computeIfAbsent(
        keyId + "|" + state,
        k -> {
          AtomicLong value = new AtomicLong();
          Gauge.builder("webase.tokens.sealed", value, AtomicLong::get)
              .description("stored tokens by the key that sealed them")
              .tag("key", keyId)
              .tag("state", state)
              .register(meters);
          return value;
        });
  }
}
