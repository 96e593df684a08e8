package com.webase.account.email;

import com.webase.account.accounts.Account;
import com.webase.account.accounts.Accounts;
import com.webase.account.activity.SecurityActivity;
import com.webase.account.identity.KeycloakUsers;
import com.webase.events.account.EmailChangeRequested;
import com.webase.events.account.EmailChanged;
import com.webase.platform.problem.ProblemException;
import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.media.Schema;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A verified email change (DESIGN §1): a new address stays pending, with a single-use secret that
 * travels in {@code EmailChangeRequested} to the mail sent to it, until that secret comes back.
 * Only then does it become the account's and Keycloak's address, and {@code EmailChanged} tells the
 * old address. A new request or a resend replaces the secret; the old link stops working.
 */
@Service
public class EmailChanges {

  private final Accounts accounts;
  private final KeycloakUsers keycloak;
  private final SecurityActivity activity;
  private final JdbcClient jdbc;
  private final ApplicationEventPublisher events;
  private final TransactionTemplate transactions;
  private final EmailChangeProperties properties;
  private final Clock clock;
  private final MeterRegistry meters;

  EmailChanges(
      Accounts accounts,
      KeycloakUsers keycloak,
      SecurityActivity activity,
      JdbcClient jdbc,
      ApplicationEventPublisher events,
      TransactionTemplate transactions,
      EmailChangeProperties properties,
      Clock clock,
      MeterRegistry meters) {
    this.meters = meters;
    this.accounts = accounts;
    this.keycloak = keycloak;
    this.activity = activity;
    this.jdbc = jdbc;
    this.events = events;
    this.transactions = transactions;
    this.properties = properties;
    this.clock = clock;
  }

  /** A new address waiting for verification. */
  public record PendingEmail(
      @Schema(description = "The new address, not in effect until verified.") String email,
      @Schema(description = "When the change was asked for.") Instant requestedAt,
      @Schema(description = "When the verification link stops working.") Instant expiresAt) {}

  public Optional<PendingEmail> pending(String accountId) {
    return jdbc.sql(
            """
            select new_email as email, requested_at, expires_at from pending_email_change
            where account_id = ?
            """)
        .param(accountId)
        .query(PendingEmail.class)
        .optional();
  }

  /**
   * Asks for {@code newEmail} to become the account's address: stores it as pending and sends the
   * verification link to it. The address in use does not change.
   */
  public PendingEmail request(Account account, String newEmail) {
    if (newEmail.equalsIgnoreCase(account.email())) {
      throw new ProblemException(
          HttpStatus.BAD_REQUEST,
          "email-unchanged",
          "Same email address",
          "This is already the account's email address.",
          Map.of("field", "email"));
    }
    PendingEmail requested =
        transactions.execute(
            status -> {
              Account locked = accounts.lock(account.id()).orElseThrow();
              Instant now = clock.instant();
              requireMailAllowance(locked.id(), now);
              if (isUsedByAnother(newEmail, locked.id())) {
                // "taken" tells whether an address has an account: the answer costs as much of the
                // allowance as a mail, or addresses could be probed without limit. Committed
                // before the refusal; the account's lock keeps concurrent probes within the limit.
                useAllowance(locked.id(), now);
                count("refused-taken");
                return null;
              }
              return requestLocked(locked, newEmail, now);
            });
    if (requested == null) {
      throw emailTaken();
    }
    return requested;
  }

  /** Stores the pending address and sends its link; in the caller's transaction, account locked. */
  private PendingEmail requestLocked(Account locked, String newEmail, Instant now) {
    retireCurrentSecret(locked.id(), "superseded", now);
    String secret = VerificationSecret.generate();
    Instant expiresAt = now.plus(properties.verificationTtl());
    jdbc.sql(
            """
            insert into pending_email_change
              (account_id, new_email, secret_hash, requested_at, expires_at, last_sent_at)
            values (?, ?, ?, ?, ?, ?)
            on conflict (account_id) do update set new_email = excluded.new_email,
              secret_hash = excluded.secret_hash, requested_at = excluded.requested_at,
              expires_at = excluded.expires_at, last_sent_at = excluded.last_sent_at
            """)
        .params(
            locked.id(),
            newEmail,
            VerificationSecret.hash(secret),
            Timestamp.from(now),
            Timestamp.from(expiresAt),
            Timestamp.from(now))
        .update();
    activity.record(locked.id(), "email-change-requested", newEmail, now);
    announce(locked, newEmail, secret, expiresAt, now);
    count("requested");
    return new PendingEmail(newEmail, now, expiresAt);
  }

  /** Sends the verification mail again, with a new link (the previous one stops working). */
  public PendingEmail resend(Account account) {
    return transactions.execute(
        status -> {
          Account locked = accounts.lock(account.id()).orElseThrow();
          Instant now = clock.instant();
          Pending pending = lockPending(locked.id()).orElseThrow(EmailChanges::nothingPending);
          Instant allowedAt = pending.lastSentAt().plus(properties.resendCooldown());
          if (now.isBefore(allowedAt)) {
            throw tooManyMails(
                "A verification mail was sent moments ago; wait before asking for another.",
                Duration.between(now, allowedAt));
          }
          requireMailAllowance(locked.id(), now);
          retireCurrentSecret(locked.id(), "superseded", now);
          String secret = VerificationSecret.generate();
          Instant expiresAt = now.plus(properties.verificationTtl());
          jdbc.sql(
                  """
                  update pending_email_change
                  set secret_hash = ?, expires_at = ?, last_sent_at = ? where account_id = ?
                  """)
              .params(
                  VerificationSecret.hash(secret),
                  Timestamp.from(expiresAt),
                  Timestamp.from(now),
                  locked.id())
              .update();
          announce(locked, pending.newEmail(), secret, expiresAt, now);
          count("resent");
          return new PendingEmail(pending.newEmail(), pending.requestedAt(), expiresAt);
        });
  }

  /** Drops the pending address; its link stops working. */
  public void cancel(Account account) {
    transactions.executeWithoutResult(
        status -> {
          accounts.lock(account.id()).orElseThrow();
          Instant now = clock.instant();
          Pending pending = lockPending(account.id()).orElseThrow(EmailChanges::nothingPending);
          retireCurrentSecret(account.id(), "cancelled", now);
          jdbc.sql("delete from pending_email_change where account_id = ?")
              .param(account.id())
              .update();
          activity.record(account.id(), "email-change-cancelled", pending.newEmail(), now);
          count("cancelled");
        });
  }

  /**
   * Follows a verification link: the pending address becomes the account's and Keycloak's
   * (verified) address. Needs no session — the link may be opened on another device; the secret is
   * the proof.
   *
   * @return the account's new address
   */
  public String verify(String secret) {
    try {
      String verified = verifyOrRefuse(secret);
      count("verified");
      return verified;
    } catch (ProblemException e) {
      count("refused");
      throw e;
    }
  }

  private void count(String step) {
    meters.counter("webase.account.email.changes", "step", step).increment();
  }

  private String verifyOrRefuse(String secret) {
    if (!VerificationSecret.isWellFormed(secret)) {
      throw ProblemException.invalid("secret", "is not a verification secret from a Webase link");
    }
    byte[] hash = VerificationSecret.hash(secret);
    return transactions.execute(
        status -> {
          Instant now = clock.instant();
          var pendingOwner =
              jdbc.sql("select account_id from pending_email_change where secret_hash = ?")
                  .param(hash)
                  .query(String.class)
                  .optional();
          if (pendingOwner.isEmpty()) {
            throw whyNotPending(hash);
          }
          Account account = accounts.lock(pendingOwner.get()).orElseThrow();
          Pending pending =
              lockPending(account.id())
                  .filter(p -> java.util.Arrays.equals(p.secretHash(), hash))
                  .orElseThrow(() -> whyNotPending(hash)); // replaced in the meantime
          if (!now.isBefore(pending.expiresAt())) {
            throw new ProblemException(
                HttpStatus.GONE,
                "verification-link-expired",
                "Verification link expired",
                "This link expired at "
                    + pending.expiresAt()
                    + ". Ask for a new one in Account Settings (resend).");
          }
          String oldEmail = account.email();
          String newEmail = pending.newEmail();
          requireUnused(newEmail, account.id());
          // Keycloak first: if it refuses, nothing here changes. If this transaction then fails,
          // following the link again repeats the (idempotent) Keycloak update.
          keycloak.setVerifiedEmail(account.id(), newEmail);
          accounts.updateEmail(account.id(), newEmail, now);
          retireCurrentSecret(account.id(), "used", now);
          jdbc.sql("delete from pending_email_change where account_id = ?")
              .param(account.id())
              .update();
          activity.record(account.id(), "email-changed", oldEmail + " → " + newEmail, now);
          events.publishEvent(
              new EmailChanged(UUID.randomUUID(), now, account.id(), oldEmail, newEmail));
          return newEmail;
        });
  }

  /** Forgets everything of a deleted account (the pending change goes with the account row). */
  public void forget(String accountId) {
    jdbc.sql("delete from retired_email_secret where account_id = ?").param(accountId).update();
    jdbc.sql("delete from email_verification_sent where account_id = ?").param(accountId).update();
  }

  private void announce(
      Account account, String newEmail, String secret, Instant expiresAt, Instant now) {
    useAllowance(account.id(), now);
    events.publishEvent(
        new EmailChangeRequested(
            UUID.randomUUID(),
            now,
            account.id(),
            account.name(),
            account.email(),
            newEmail,
            secret,
            expiresAt));
  }

  private void requireUnused(String email, String accountId) {
    if (isUsedByAnother(email, accountId)) {
      throw emailTaken();
    }
  }

  private boolean isUsedByAnother(String email, String accountId) {
    return accounts.emailUsedByAnother(email, accountId)
        || keycloak.emailUsedByAnother(email, accountId);
  }

  private static ProblemException emailTaken() {
    return new ProblemException(
        HttpStatus.CONFLICT,
        "email-taken",
        "Email address in use",
        "Another account uses this email address.",
        Map.of("field", "email"));
  }

  /**
   * Counts one use of the account's daily allowance: a verification mail sent, or an {@code
   * email-taken} answer given.
   */
  private void useAllowance(String accountId, Instant now) {
    jdbc.sql("insert into email_verification_sent (account_id, sent_at) values (?, ?)")
        .params(accountId, Timestamp.from(now))
        .update();
  }

  private void requireMailAllowance(String accountId, Instant now) {
    Instant dayAgo = now.minus(Duration.ofDays(1));
    var sent =
        jdbc.sql(
                """
                select count(*) as count, min(sent_at) as oldest from email_verification_sent
                where account_id = ? and sent_at > ?
                """)
            .params(accountId, Timestamp.from(dayAgo))
            .query((rs, n) -> new Object[] {rs.getInt("count"), rs.getTimestamp("oldest")})
            .single();
    if ((int) sent[0] >= properties.maxMailsPerDay()) {
      Instant freeAt = ((java.sql.Timestamp) sent[1]).toInstant().plus(Duration.ofDays(1));
      throw tooManyMails(
          "This account asked for "
              + sent[0]
              + " verification mails (or addresses already in use) in 24 hours, the most"
              + " allowed.",
          Duration.between(now, freeAt));
    }
  }

  private static ProblemException tooManyMails(String detail, Duration wait) {
    long seconds = Math.max(1, wait.toSeconds() + 1);
    return new ProblemException(
            HttpStatus.TOO_MANY_REQUESTS,
            "too-many-verification-mails",
            "Too many verification mails",
            detail,
            Map.of("retryAfterSeconds", seconds))
        .withHeader("Retry-After", Long.toString(seconds));
  }

  private void retireCurrentSecret(String accountId, String reason, Instant now) {
    jdbc.sql(
            """
            insert into retired_email_secret (secret_hash, account_id, reason, retired_at)
            select secret_hash, account_id, ?, ? from pending_email_change where account_id = ?
            on conflict (secret_hash) do nothing
            """)
        .params(reason, Timestamp.from(now), accountId)
        .update();
  }

  private ProblemException whyNotPending(byte[] hash) {
    String reason =
        jdbc.sql("select reason from retired_email_secret where secret_hash = ?")
            .param(hash)
            .query(String.class)
            .optional()
            .orElse("unknown");
    return switch (reason) {
      case "used" ->
          new ProblemException(
              HttpStatus.CONFLICT,
              "verification-link-used",
              "Verification link already used",
              "This link was already used; the address it verified is in effect.");
      case "superseded" ->
          new ProblemException(
              HttpStatus.GONE,
              "verification-link-superseded",
              "Verification link replaced",
              "A newer verification mail was sent; use the link in the newest one.");
      case "cancelled" ->
          new ProblemException(
              HttpStatus.GONE,
              "verification-link-cancelled",
              "Email change cancelled",
              "The email change this link belongs to was cancelled.");
      default ->
          new ProblemException(
              HttpStatus.NOT_FOUND,
              "verification-link-unknown",
              "Unknown verification link",
              "This link is not one Webase sent, or its account no longer exists.");
    };
  }

  private static ProblemException nothingPending() {
    return new ProblemException(
        HttpStatus.NOT_FOUND,
        "no-pending-email-change",
        "No pending email change",
        "There is no email change waiting for verification.");
  }

  private record Pending(
      String newEmail,
      byte[] secretHash,
      Instant requestedAt,
      Instant expiresAt,
      Instant lastSentAt) {}

  private Optional<Pending> lockPending(String accountId) {
    return jdbc.sql(
            """
            select new_email, secret_hash, requested_at, expires_at, last_sent_at
            from pending_email_change where account_id = ? for update
            """)
        .param(accountId)
        .query(Pending.class)
        .optional();
  }
}
