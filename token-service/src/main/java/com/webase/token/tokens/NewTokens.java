package com.webase.token.tokens;

import com.webase.apitoken.ApiTokenFormat;
import com.webase.platform.problem.ProblemException;
import com.webase.token.secret.TokenVault;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Makes a token and stores what is kept of it; the caller's transaction decides if it lives. The
 * only way a token is made: it refuses an account that was deleted ({@link DeletedAccounts}).
 */
@Component
public class NewTokens {

  private static final Logger log = LoggerFactory.getLogger(NewTokens.class);

  private final ApiTokenFormat format = new ApiTokenFormat();
  private final TokenVault vault;
  private final ApiTokens tokens;
  private final DeletedAccounts deletedAccounts;
  private final MeterRegistry meters;

  NewTokens(
      TokenVault vault, ApiTokens tokens, DeletedAccounts deletedAccounts, MeterRegistry meters) {
    this.vault = vault;
    this.tokens = tokens;
    this.deletedAccounts = deletedAccounts;
    this.meters = meters;
  }

  /** A token just made: the stored row, and the token itself, which only this response carries. */
  public record Issued(ApiToken stored, String token) {}

  /**
   * Holds the account's token lock until the caller's transaction ends: what the caller counts or
   * checks before {@link #issue} cannot change meanwhile (a concurrent create, a deletion).
   */
  public void lockAccount(String userId) {
    deletedAccounts.lock(userId);
  }

  /**
   * Makes a token, inside the caller's transaction.
   *
   * @throws ProblemException 410 {@code account-deleted} when the account was deleted
   */
  public Issued issue(
      String userId,
      ApiToken.Kind kind,
      String name,
      List<String> scopes,
      Instant now,
      Instant expiresAt) {
    // held to the commit: a deletion applied at the same moment waits, then revokes this token too
    deletedAccounts.lock(userId);
    deletedAccounts.requireLive(userId);
    String token = format.generate();
    byte[] hash = TokenVault.hash(token);
    TokenVault.Sealed sealed = vault.encrypt(token, hash);
    ApiToken stored =
        new ApiToken(
            UUID.randomUUID(),
            userId,
            kind,
            name,
            hash,
            sealed.keyId(),
            sealed.ciphertext(),
            ApiTokenFormat.lastFour(token),
            List.copyOf(scopes),
            now,
            expiresAt,
            null,
            null,
            null);
    tokens.insert(stored);
    return new Issued(stored, token);
  }

  /**
   * The token of a stored row, for its owner's eyes (settings shows the default token).
   *
   * @throws ProblemException 503 {@code token-not-readable} when the row's key is not configured or
   *     does not open it; the token still works (look-ups use its hash)
   */
  public String reveal(ApiToken stored) {
    try {
      return vault.decrypt(stored.keyId(), stored.sealed(), stored.hash());
    } catch (IllegalStateException unreadable) {
      // the key id is configuration, not a secret; the token and the key stay out of the log
      log.error("stored token {} cannot be shown: {}", stored.id(), unreadable.getMessage());
      meters.counter("webase.tokens.unreadable", "key", stored.keyId()).increment();
      throw new ProblemException(
          HttpStatus.SERVICE_UNAVAILABLE,
          "token-not-readable",
          "Token cannot be shown",
          "The stored token cannot be shown right now (its encryption key is not available). It"
              + " still works; regenerate it to get one that can be shown.");
    }
  }
}
