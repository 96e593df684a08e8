package com.webase.platform.idempotency;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The {@code idempotency_key} table. Each statement commits on its own, outside the request's
 * transaction: the claim must be visible to a concurrent retry before the work starts, and the
 * answer must be kept whether or not the work's transaction committed.
 *
 * <p>Thread-safe.
 */
final class StoredAnswers {

  /** What a request found when it tried to claim its key. */
  sealed interface Claim {
    /** The key is this request's: do the work, then {@link #complete} or {@link #release}. */
    record Claimed() implements Claim {}

    /** An earlier request with this key and body was answered; here is its sealed answer. */
    record Answered(int status, byte[] sealed) implements Claim {}

    /** An earlier request with this key is still running. */
    record InFlight() implements Claim {}

    /** The key was used with another request. */
    record OtherRequest() implements Claim {}
  }

  private final JdbcClient jdbc;

  StoredAnswers(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Claims the key for a request with this fingerprint. A row older than {@code keepFor} counts as
   * absent, and an abandoned claim of the same request (its lease ran out) is taken over.
   */
  Claim claim(byte[] id, byte[] fingerprint, Instant now, Duration lease, Duration keepFor) {
    boolean claimed =
        jdbc.sql(
                """
                insert into idempotency_key (id, fingerprint, state, locked_until, created_at)
                values (:id, :fingerprint, 'in-flight', :lockedUntil, :now)
                on conflict (id) do update
                  set fingerprint = excluded.fingerprint, state = 'in-flight',
                      locked_until = excluded.locked_until, created_at = excluded.created_at,
                      response_status = null, response_sealed = null
                  where idempotency_key.created_at < :expiredBefore
                     or (idempotency_key.state = 'in-flight'
                         and idempotency_key.locked_until < :now
                         and idempotency_key.fingerprint = excluded.fingerprint)
                returning id
                """)
            .param("id", id)
            .param("fingerprint", fingerprint)
            .param("lockedUntil", Timestamp.from(now.plus(lease)))
            .param("now", Timestamp.from(now))
            .param("expiredBefore", Timestamp.from(now.minus(keepFor)))
            .query()
            .optionalValue()
            .isPresent();
    if (claimed) {
      return new Claim.Claimed();
    }
    return jdbc.sql(
            "select fingerprint, state, response_status, response_sealed from idempotency_key"
                + " where id = ?")
        .param(id)
        .query(
            (rs, row) -> {
              if (!Arrays.equals(rs.getBytes("fingerprint"), fingerprint)) {
                return (Claim) new Claim.OtherRequest();
              }
              if ("completed".equals(rs.getString("state"))) {
                return new Claim.Answered(
                    rs.getInt("response_status"), rs.getBytes("response_sealed"));
              }
              return new Claim.InFlight();
            })
        .optional()
        // deleted between the two statements (pruned, or released by a failed request): retry
        .orElseGet(() -> claim(id, fingerprint, now, lease, keepFor));
  }

  /** Keeps the answer; {@code sealed} null means it was too large to keep. */
  void complete(byte[] id, int status, byte[] sealed) {
    jdbc.sql(
            """
            update idempotency_key set state = 'completed', response_status = ?, response_sealed = ?
            where id = ? and state = 'in-flight'
            """)
        .params(status, sealed, id)
        .update();
  }

  /** The request failed on our side: the key is free for a retry. */
  void release(byte[] id) {
    jdbc.sql("delete from idempotency_key where id = ? and state = 'in-flight'").param(id).update();
  }

  /** Forgets answers older than {@code before}. */
  int pruneOlderThan(Instant before) {
    return jdbc.sql("delete from idempotency_key where created_at < ?")
        .param(Timestamp.from(before))
        .update();
  }
}
