package com.webase.token.defaulttoken;

import com.webase.events.token.TokenRegenerated;
import com.webase.events.token.TokenRevoked;
import com.webase.platform.events.UrgentEvents;
import com.webase.token.tokens.ApiToken;
import com.webase.token.tokens.ApiTokens;
import com.webase.token.tokens.DeletedAccounts;
import com.webase.token.tokens.NewTokens;
import com.webase.token.tokens.Scopes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The token shown in Account Settings: exactly one per account, made on first need, and replaced by
 * {@link #regenerate} in one transaction that also records {@code TokenRevoked} and {@code
 * TokenRegenerated}, both sent directly after commit ({@link UrgentEvents}).
 */
@Service
public class DefaultTokens {

  static final String NAME = "Default token";

  private final ApiTokens tokens;
  private final NewTokens newTokens;
  private final DeletedAccounts deletedAccounts;
  private final UrgentEvents urgentEvents;
  private final TransactionTemplate transactions;
  private final Clock clock;

  DefaultTokens(
      ApiTokens tokens,
      NewTokens newTokens,
      DeletedAccounts deletedAccounts,
      UrgentEvents urgentEvents,
      TransactionTemplate transactions,
      Clock clock) {
    this.urgentEvents = urgentEvents;
    this.tokens = tokens;
    this.newTokens = newTokens;
    this.deletedAccounts = deletedAccounts;
    this.transactions = transactions;
    this.clock = clock;
  }

  /**
   * The user's default token and its row, made now if the user has none yet.
   *
   * @throws com.webase.platform.problem.ProblemException 410 {@code account-deleted}
   */
  public Shown show(String userId) {
    ApiToken stored = ensureExists(userId);
    return new Shown(stored, newTokens.reveal(stored));
  }

  /**
   * The row of the user's default token — what the masked view shows, no secret — made now if the
   * user has none yet.
   *
   * @throws com.webase.platform.problem.ProblemException 410 {@code account-deleted}
   */
  public ApiToken ensureExists(String userId) {
    deletedAccounts.requireLive(userId);
    var existing = tokens.currentDefault(userId, false);
    if (existing.isPresent()) {
      return existing.get();
    }
    try {
      return transactions.execute(
          status ->
              newTokens
                  .issue(userId, ApiToken.Kind.DEFAULT, NAME, Scopes.ALL, clock.instant(), null)
                  .stored());
    } catch (DuplicateKeyException madeConcurrently) {
      // another request (or the AccountCreated event) made it first: that is the one
      return tokens.currentDefault(userId, false).orElseThrow();
    }
  }

  /** The first token a new account gets; for the account-created event. */
  public void createFor(String userId) {
    ensureExists(userId);
  }

  /**
   * Replaces the default token. The old one stops working at once, or at the end of {@code grace}
   * for a zero-downtime rotation.
   */
  public Regenerated regenerate(String userId, Duration grace) {
    ensureExists(userId); // an account that never looked at its token still gets a clean rotation
    return transactions.execute(
        status -> {
          // the account lock before any token row, in the order a deletion takes them
          deletedAccounts.lock(userId);
          ApiToken old = tokens.currentDefault(userId, true).orElseThrow();
          Instant now = clock.instant();
          Instant oldValidUntil = now.plus(grace);
          tokens.replace(old.id(), now, oldValidUntil);
          var issued = newTokens.issue(userId, ApiToken.Kind.DEFAULT, NAME, Scopes.ALL, now, null);
          // sent straight to the topic as soon as this commits (the outbox row is the fallback):
          // every gateway must forget the old token at once (DESIGN §8, decisions 0012, 0013).
          // TokenRegenerated is not urgent, but it leaves with the revocation: both are on the
          // topic before the answer, instead of the outbox waking every consumer again after it
          urgentEvents.publish(
              new TokenRevoked(UUID.randomUUID(), now, userId, old.id().toString(), oldValidUntil));
          urgentEvents.publish(
              new TokenRegenerated(
                  UUID.randomUUID(),
                  now,
                  userId,
                  old.id().toString(),
                  issued.stored().id().toString(),
                  oldValidUntil));
          return new Regenerated(
              new Shown(issued.stored(), issued.token()), old.id(), oldValidUntil);
        });
  }

  public record Shown(ApiToken stored, String token) {}

  public record Regenerated(Shown current, UUID previousTokenId, Instant previousValidUntil) {}
}
