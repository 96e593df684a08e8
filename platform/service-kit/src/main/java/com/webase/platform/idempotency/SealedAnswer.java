package com.webase.platform.idempotency;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A kept answer — status, the headers worth replaying, body — sealed with AES-GCM under a key
 * derived from the caller and their {@code Idempotency-Key}, which is never stored. An answer can
 * hold a secret (a new API token is shown once, in the answer to its creation): whoever reads the
 * table without the client's key learns nothing from it.
 *
 * <p>The row's id is a hash of the same two values under another label, so neither is in the table.
 */
record SealedAnswer(int status, List<Header> headers, byte[] body) {

  record Header(String name, String value) {}

  private static final SecureRandom random = new SecureRandom();
  private static final int NONCE_BYTES = 12;

  /** The row id of a caller's key. */
  static byte[] idOf(String caller, String key) {
    return sha256("webase-idempotency-id", caller, key);
  }

  byte[] seal(String caller, String key) {
    try {
      byte[] nonce = new byte[NONCE_BYTES];
      random.nextBytes(nonce);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, keyOf(caller, key), new GCMParameterSpec(128, nonce));
      byte[] sealed = cipher.doFinal(encode());
      return ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available", e);
    }
  }

  static SealedAnswer open(byte[] sealed, String caller, String key) {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.DECRYPT_MODE,
          keyOf(caller, key),
          new GCMParameterSpec(128, sealed, 0, NONCE_BYTES));
      return decode(cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES));
    } catch (GeneralSecurityException e) {
      // the id matched, so the key did too: the row was altered
      throw new IllegalStateException("a kept idempotent answer could not be opened", e);
    }
  }

  private static SecretKeySpec keyOf(String caller, String key) {
    return new SecretKeySpec(sha256("webase-idempotency-seal", caller, key), "AES");
  }

  private byte[] encode() {
    var bytes = new ByteArrayOutputStream(body.length + 256);
    try (var out = new DataOutputStream(bytes)) {
      out.writeInt(status);
      out.writeInt(headers.size());
      for (Header header : headers) {
        out.writeUTF(header.name());
        out.writeUTF(header.value());
      }
      out.writeInt(body.length);
      out.write(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static SealedAnswer decode(byte[] plain) {
    try (var in = new DataInputStream(new ByteArrayInputStream(plain))) {
      int status = in.readInt();
      int count = in.readInt();
      List<Header> headers = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        headers.add(new Header(in.readUTF(), in.readUTF()));
      }
      byte[] body = in.readNBytes(in.readInt());
      return new SealedAnswer(status, headers, body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] sha256(String label, String caller, String key) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (String part : List.of(label, caller, key)) {
        byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
        digest.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
        digest.update(bytes);
      }
      return digest.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
