package com.webase.token.secret;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * How a token is kept (DESIGN §5): its SHA-256 for look-up, and an AES-256-GCM ciphertext so that
 * its owner can see it again in settings. The token itself is never stored.
 *
 * <p>Each key has an id, stored with every ciphertext, so that keys can be rotated (decision 0023):
 * the vault seals with its {@linkplain #currentKeyId() current} key and opens with any key it
 * knows, so two keys are active during a switch. A key is derived from a configured secret (at
 * least 32 characters), which comes from the environment or a secret store, never from the
 * repository. The token's hash is bound to the ciphertext as associated data, so a ciphertext
 * cannot be moved to another row. Thread-safe.
 */
public final class TokenVault {

  /** Key ids: short, lowercase (environment variables bind map keys in lower case). */
  private static final Pattern KEY_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");

  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final Map<String, SecretKey> keys;
  private final String currentKeyId;
  private final SecureRandom random = new SecureRandom();

  /**
   * @param secrets the secrets by key id; blank ones are left out (a key removed from the
   *     environment)
   * @param currentKeyId the key that seals from now on; must be among {@code secrets}
   * @throws IllegalArgumentException with a message that names no secret when the configuration
   *     cannot work
   */
  public TokenVault(Map<String, String> secrets, String currentKeyId) {
    Map<String, SecretKey> derived = new LinkedHashMap<>();
    secrets.forEach(
        (id, secret) -> {
          if (secret == null || secret.isBlank()) {
            return;
          }
          if (!KEY_ID.matcher(id).matches()) {
            throw new IllegalArgumentException(
                "token encryption key id '"
                    + id
                    + "' is not 1 to 32 lowercase letters, digits or '-'");
          }
          if (secret.length() < 32) {
            throw new IllegalArgumentException(
                "the token encryption secret of key '" + id + "' must have at least 32 characters");
          }
          derived.put(id, derive(secret));
        });
    if (currentKeyId == null || !derived.containsKey(currentKeyId)) {
      throw new IllegalArgumentException(
          "the current token encryption key '"
              + currentKeyId
              + "' has no secret configured (webase.tokens.encryption.keys."
              + currentKeyId
              + ": WEBASE_TOKEN_ENCRYPTION_SECRET for k1, WEBASE_TOKENS_ENCRYPTION_KEYS_<ID> for"
              + " others); configured keys: "
              + derived.keySet());
    }
    this.keys = Map.copyOf(derived);
    this.currentKeyId = currentKeyId;
  }

  /** A vault with one key, {@code k1}, as before keys had ids. */
  public static TokenVault withSingleKey(String secret) {
    return new TokenVault(Map.of("k1", secret == null ? "" : secret), "k1");
  }

  /** A ciphertext and the id of the key that sealed it. */
  public record Sealed(String keyId, byte[] ciphertext) {}

  /** Thrown when a ciphertext's key is not (or no longer) configured. */
  public static final class MissingKeyException extends IllegalStateException {
    private final String keyId;

    MissingKeyException(String keyId) {
      super("token encryption key '" + keyId + "' is not configured");
      this.keyId = keyId;
    }

    public String keyId() {
      return keyId;
    }
  }

  /** The look-up hash of a token. */
  public static byte[] hash(String token) {
    return sha256(token.getBytes(StandardCharsets.US_ASCII));
  }

  public String currentKeyId() {
    return currentKeyId;
  }

  /** The ids of every key this vault can open with. */
  public Set<String> keyIds() {
    return keys.keySet();
  }

  public boolean knows(String keyId) {
    return keys.containsKey(keyId);
  }

  /** Seals with the current key: nonce ‖ ciphertext ‖ tag. */
  public Sealed encrypt(String token, byte[] hash) {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.ENCRYPT_MODE, keys.get(currentKeyId), new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(hash);
      byte[] sealed = cipher.doFinal(token.getBytes(StandardCharsets.US_ASCII));
      return new Sealed(
          currentKeyId,
          ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available", e);
    }
  }

  /**
   * The token sealed in {@code stored} with the key {@code keyId}.
   *
   * @throws MissingKeyException when that key is not configured
   * @throws IllegalStateException when the ciphertext does not open with that key and hash
   */
  public String decrypt(String keyId, byte[] stored, byte[] hash) {
    SecretKey key = keys.get(keyId);
    if (key == null) {
      throw new MissingKeyException(keyId);
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, stored, 0, NONCE_BYTES));
      cipher.updateAAD(hash);
      byte[] plain = cipher.doFinal(stored, NONCE_BYTES, stored.length - NONCE_BYTES);
      return new String(plain, StandardCharsets.US_ASCII);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "a stored token does not open with the configured key '" + keyId + "'", e);
    }
  }

  /** Today's derivation, unchanged, so the key {@code k1} opens every row sealed before ids. */
  private static SecretKey derive(String secret) {
    return new SecretKeySpec(
        sha256(("webase-token-encryption:" + secret).getBytes(StandardCharsets.UTF_8)), "AES");
  }

  private static byte[] sha256(byte[] input) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(input);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
