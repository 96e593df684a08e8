package com.webase.token.tokens;

import com.webase.apitoken.ApiTokenFormat;
import com.webase.token.secret.TokenVault;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Makes a token and stores what is kept of it; the caller's transaction decides if it lives. */
@Component
public class NewTokens {

  private final ApiTokenFormat format = new ApiTokenFormat();
  private final TokenVault vault;
  private final ApiTokens tokens;

  NewTokens(TokensProperties properties, ApiTokens tokens) {
    this.vault = new TokenVault(properties.encryptionSecret());
    this.tokens = tokens;
  }

  /** A token just made: the stored row, and the token itself, which only this response carries. */
  public record Issued(ApiToken stored, String token) {}

  public Issued issue(
      String userId,
      ApiToken.Kind kind,
      String name,
      List<String> scopes,
      Instant now,
      Instant expiresAt) {
    String token = format.generate();
    byte[] hash = TokenVault.hash(token);
    ApiToken stored =
        new ApiToken(
            UUID.randomUUID(),
            userId,
            kind,
            name,
            hash,
            vault.encrypt(token, hash),
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

  /** The token of a stored row, for its owner's eyes (settings shows the default token). */
  public String reveal(ApiToken stored) {
    return vault.decrypt(stored.sealed(), stored.hash());
  }
}
