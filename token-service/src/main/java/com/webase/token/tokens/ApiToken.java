package com.webase.token.tokens;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One stored API token: everything about it except the token itself.
 *
 * @param keyId the id of the encryption key that sealed it
 */
public record ApiToken(
    UUID id,
    String userId,
    Kind kind,
    String name,
    byte[] hash,
    String keyId,
    byte[] sealed,
    String lastFour,
    List<String> scopes,
    Instant createdAt,
    Instant expiresAt,
    Instant replacedAt,
    Instant revokedAt,
    Instant lastUsedAt) {

  public enum Kind {
    DEFAULT,
    NAMED
  }

  /** Whether a request carrying this token at {@code now} is let in. */
  public boolean isActiveAt(Instant now) {
    return (revokedAt == null || now.isBefore(revokedAt))
        && (expiresAt == null || now.isBefore(expiresAt));
  }
}
