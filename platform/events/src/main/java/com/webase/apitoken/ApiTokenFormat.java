package com.webase.apitoken;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.zip.CRC32;

/**
 * The shape of an API token (DESIGN §5): {@code wbt_}, 30 random base62 characters (≈ 178 bits) and
 * a 6-character base62 CRC32 checksum of everything before it — 40 characters in all.
 *
 * <p>The fixed prefix lets secret scanners recognise a leaked Webase token; the checksum lets the
 * gateway and token-service refuse a mistyped or made-up token without a database look-up.
 * Thread-safe.
 */
public final class ApiTokenFormat {

  public static final String PREFIX = "wbt_";
  public static final int RANDOM_LENGTH = 30;
  public static final int CHECKSUM_LENGTH = 6;
  public static final int LENGTH = PREFIX.length() + RANDOM_LENGTH + CHECKSUM_LENGTH;

  private static final char[] BASE62 =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

  private final SecureRandom random;

  public ApiTokenFormat(SecureRandom random) {
    this.random = random;
  }

  public ApiTokenFormat() {
    this(new SecureRandom());
  }

  /** A new token. */
  public String generate() {
    StringBuilder token = new StringBuilder(LENGTH).append(PREFIX);
    for (int i = 0; i < RANDOM_LENGTH; i++) {
      token.append(BASE62[random.nextInt(BASE62.length)]); // nextInt is uniform: no modulo bias
    }
    return token.append(checksum(token)).toString();
  }

  /**
   * Whether {@code candidate} has the shape and checksum of a token; says nothing of its validity.
   */
  public static boolean isWellFormed(String candidate) {
    if (candidate == null || candidate.length() != LENGTH || !candidate.startsWith(PREFIX)) {
      return false;
    }
    for (int i = PREFIX.length(); i < LENGTH; i++) {
      if (!isBase62(candidate.charAt(i))) {
        return false;
      }
    }
    String body = candidate.substring(0, LENGTH - CHECKSUM_LENGTH);
    return checksum(body).equals(candidate.substring(LENGTH - CHECKSUM_LENGTH));
  }

  /** The last four characters, which lists and settings may show. */
  public static String lastFour(String token) {
    return token.substring(token.length() - 4);
  }

  private static String checksum(CharSequence body) {
    CRC32 crc = new CRC32();
    crc.update(body.toString().getBytes(StandardCharsets.US_ASCII));
    long value = crc.getValue();
    char[] out = new char[CHECKSUM_LENGTH];
    for (int i = CHECKSUM_LENGTH - 1; i >= 0; i--) {
      out[i] = BASE62[(int) (value % 62)];
      value /= 62;
    }
    return new String(out);
  }

  private static boolean isBase62(char c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  }
}
