package com.webase.token.tokens;

import com.webase.platform.problem.ProblemException;
import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The accounts account-service announced as deleted ({@code AccountDeleted}), kept for good in
 * {@code deleted_account}: no token is issued to them again, even through a Keycloak token that is
 * still valid for a few minutes after the deletion (decision 0022).
 *
 * <p>Issuing a token and applying a deletion take the same per-account lock ({@link #lock}), a
 * PostgreSQL advisory lock held to the end of the transaction. So either the deletion comes first
 * and the issue is refused, or the issue commits first and the deletion, applied after it, revokes
 * the new token with every other one: no token can be made after the deletion was applied.
 */
@Repository
public class DeletedAccounts {

  private final JdbcClient jdbc;

  DeletedAccounts(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Serialises token issues and the deletion of one account, until the transaction ends. A
   * transaction that locks token rows of the account takes this first, as the deletion does.
   */
  public void lock(String userId) {
    if (!TransactionSynchronizationManager.isActualTransactionActive()) {
      throw new IllegalStateException("the account lock needs a transaction");
    }
    jdbc.sql("select pg_advisory_xact_lock(hashtext(?))")
        .param("token-account:" + userId)
        .query()
        .rowSet();
  }

  public boolean isDeleted(String userId) {
    return jdbc.sql("select exists (select 1 from deleted_account where user_id = ?)")
        .param(userId)
        .query(Boolean.class)
        .single();
  }

  /**
   * Refuses a deleted account with 410 {@code account-deleted}.
   *
   * @throws ProblemException when the account was deleted
   */
  public void requireLive(String userId) {
    if (isDeleted(userId)) {
      throw new ProblemException(
          HttpStatus.GONE,
          "account-deleted",
          "Account deleted",
          "This account was deleted; its tokens no longer work and no new one is issued.");
    }
  }

  /**
   * Remembers the account as deleted, holding its lock, so that the caller's revocation of its
   * tokens in the same transaction sees every token issued before.
   */
  public void markDeleted(String userId, Instant at) {
    lock(userId);
    jdbc.sql(
            "insert into deleted_account (user_id, deleted_at) values (?, ?) on conflict do nothing")
        .params(userId, Timestamp.from(at))
        .update();
  }
}
