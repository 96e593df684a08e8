package com.webase.token.secret;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * How a token is kept (DESIGN §5): its SHA-256 for look-up, and an AES-256-GCM ciphertext so that
 * its owner can see it again in settings. The token itself is never stored.
 *
 * <p>The key is derived from a configured secret (at least 32 characters), which comes from the
 * environment or a secret store, never from the repository. The token's hash is bound to the
 * ciphertext as associated data, so a ciphertext cannot be moved to another row. Thread-safe.
 */
public final class TokenVault {

  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final SecretKey key;
  private final SecureRandom random = new SecureRandom();

  public TokenVault(String encryptionSecret) {
    if (encryptionSecret == null || encryptionSecret.length() < 32) {
      throw new IllegalArgumentException(
          "the token encryption secret must have at least 32 characters");
    }
    byte[] derived =
        sha256(("webase-token-encryption:" + encryptionSecret).getBytes(StandardCharsets.UTF_8));
    this.key = new SecretKeySpec(derived, "AES");
  }

  /** The look-up hash of a token. */
  public static byte[] hash(String token) {
    return sha256(token.getBytes(StandardCharsets.US_ASCII));
  }

  /** nonce ‖ ciphertext ‖ tag. */
  public byte[] encrypt(String token, byte[] hash) {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(hash);
      byte[] sealed = cipher.doFinal(token.getBytes(StandardCharsets.US_ASCII));
      return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available", e);
    }
  }

  /**
   * The token sealed in {@code stored}.
   *
   * @throws IllegalStateException when the ciphertext does not open with this key and hash
   */
  public String decrypt(byte[] stored, byte[] hash) {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, stored, 0, NONCE_BYTES));
      cipher.updateAAD(hash);
      byte[] plain = cipher.doFinal(stored, NONCE_BYTES, stored.length - NONCE_BYTES);
      return new String(plain, StandardCharsets.US_ASCII);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("a stored token does not open with the configured key", e);
    }
  }

  private static byte[] sha256(byte[] input) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(input);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
