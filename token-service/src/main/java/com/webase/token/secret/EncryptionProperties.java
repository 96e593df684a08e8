package com.webase.token.secret;

import jakarta.validation.constraints.Positive;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The keys that seal stored tokens (DESIGN §5, decision 0023; docs/OPERATIONS.md has the rotation
 * procedure).
 *
 * @param currentKey the id of the key new tokens are sealed with
 * @param keys the secrets by key id (≥ 32 characters each; from the environment or a secret store,
 *     never the repository); every key still listed opens the rows sealed with it
 * @param reencryptionInterval how often the re-encryption job moves rows sealed with another key to
 *     the current one (it also runs at startup)
 * @param reencryptionBatch rows moved per transaction
 */
@Validated
@ConfigurationProperties("webase.tokens.encryption")
public record EncryptionProperties(
    String currentKey,
    Map<String, String> keys,
    Duration reencryptionInterval,
    @Positive Integer reencryptionBatch) {

  public EncryptionProperties {
    currentKey = currentKey == null || currentKey.isBlank() ? "k1" : currentKey.strip();
    keys = keys == null ? Map.of() : Map.copyOf(keys);
    reencryptionInterval =
        reencryptionInterval == null ? Duration.ofMinutes(10) : reencryptionInterval;
    reencryptionBatch = reencryptionBatch == null ? 200 : reencryptionBatch;
  }

  /** The vault these keys make; refuses to start on a configuration that cannot work. */
  public TokenVault vault() {
    return new TokenVault(keys, currentKey);
  }
}
