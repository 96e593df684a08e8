package com.webase.account.confirmation;

import com.webase.account.activity.SecurityActivity;
import com.webase.account.identity.KeycloakUsers;
import com.webase.platform.problem.ProblemException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Checks a current password against Keycloak, at most {@code maxPasswordFailures} wrong ones per
 * account within the window (DESIGN §5): a stolen session cannot be used to guess the password. The
 * count lives in the database, so every instance of the service sees it.
 */
@Service
public class CurrentPasswordCheck {

  private final KeycloakUsers keycloak;
  private final JdbcClient jdbc;
  private final SecurityActivity activity;
  private final TransactionTemplate transactions;
  private final ConfirmationProperties properties;
  private final Clock clock;

  CurrentPasswordCheck(
      KeycloakUsers keycloak,
      JdbcClient jdbc,
      SecurityActivity activity,
      TransactionTemplate transactions,
      ConfirmationProperties properties,
      Clock clock) {
    this.keycloak = keycloak;
    this.jdbc = jdbc;
    this.activity = activity;
    this.transactions = transactions;
    this.properties = properties;
    this.clock = clock;
  }

  /**
   * Returns when {@code password} is the current password of the account.
   *
   * @param field the request field that carried it, named in the problem
   * @throws ProblemException 429 {@code too-many-password-attempts} with {@code Retry-After} while
   *     the account is over its limit; 400 {@code current-password-wrong} when it is wrong
   */
  public void require(String accountId, String loginEmail, String password, String field) {
    Instant now = clock.instant();
    Instant windowStart = now.minus(properties.failureWindow());
    var failures =
        jdbc.sql(
                """
                select count(*) as count, min(failed_at) as oldest from current_password_failure
                where account_id = ? and failed_at > ?
                """)
            .params(accountId, Timestamp.from(windowStart))
            .query((rs, n) -> new Failures(rs.getInt("count"), rs.getTimestamp("oldest")))
            .single();
    if (failures.count() >= properties.maxPasswordFailures()) {
      Instant freeAt = failures.oldest().toInstant().plus(properties.failureWindow());
      long seconds = Math.max(1, Duration.between(now, freeAt).toSeconds() + 1);
      throw new ProblemException(
              HttpStatus.TOO_MANY_REQUESTS,
              "too-many-password-attempts",
              "Too many wrong passwords",
              "The current password was wrong "
                  + failures.count()
                  + " times in "
                  + properties.failureWindow().toMinutes()
                  + " minutes; try again in "
                  + seconds
                  + " seconds.",
              Map.of("retryAfterSeconds", seconds))
          .withHeader("Retry-After", Long.toString(seconds));
    }
    if (password == null || password.isEmpty()) {
      throw ProblemException.invalid(field, "is required");
    }
    if (password.length() > 1024) {
      // longer than any password Keycloak accepts: not worth asking it
      throw ProblemException.invalid(field, "is at most 1024 characters");
    }
    KeycloakUsers.PasswordCheck check = keycloak.checkPassword(accountId, loginEmail, password);
    if (check == KeycloakUsers.PasswordCheck.LOCKED) {
      // Keycloak's own brute-force protection (e.g. two failures within a second): not a wrong
      // password, and not counted as one
      throw new ProblemException(
              HttpStatus.TOO_MANY_REQUESTS,
              "login-temporarily-locked",
              "Login temporarily locked",
              "After several failed logins the account's login is locked for a short while; try"
                  + " again in a minute.",
              Map.of("retryAfterSeconds", 60))
          .withHeader("Retry-After", "60");
    }
    if (check == KeycloakUsers.PasswordCheck.WRONG) {
      transactions.executeWithoutResult(
          status -> {
            jdbc.sql("insert into current_password_failure (account_id, failed_at) values (?, ?)")
                .params(accountId, Timestamp.from(now))
                .update();
            activity.record(accountId, "current-password-refused", null, now);
          });
      throw new ProblemException(
          HttpStatus.BAD_REQUEST,
          "current-password-wrong",
          "Current password is wrong",
          "The current password is not correct.",
          Map.of(
              "errors",
              java.util.List.of(
                  new com.webase.platform.problem.ProblemResponses.FieldError(
                      field, "is not your current password"))));
    }
  }

  /** Forgets the failures of a deleted account. */
  public void forget(String accountId) {
    jdbc.sql("delete from current_password_failure where account_id = ?").param(accountId).update();
  }

  private record Failures(int count, java.sql.Timestamp oldest) {}
}
