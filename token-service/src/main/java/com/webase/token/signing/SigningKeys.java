package com.webase.token.signing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.text.ParseException;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keys token-service signs its short-lived JWTs with. The first key of the configured JWK set
 * signs; every key is published in the JWKS, so a rotation is: put the new key first and keep the
 * old one second for longer than a JWT lives (5 minutes), then remove it — no downtime, and every
 * replica signs with the same key.
 *
 * <p>Without configured keys the service refuses to start, unless {@code generate-if-missing} is on
 * (tests, a single local instance): then it makes a key that lives as long as the process.
 * Thread-safe.
 */
public final class SigningKeys {

  private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

  private final List<RSAKey> keys;

  private SigningKeys(List<RSAKey> keys) {
    this.keys = List.copyOf(keys);
  }

  public static SigningKeys from(String jwkSetJson, boolean generateIfMissing) {
    if (jwkSetJson == null || jwkSetJson.isBlank()) {
      if (!generateIfMissing) {
        throw new IllegalStateException(
            "webase.tokens.signing.jwk-set is not configured: token-service needs its signing keys"
                + " (a JWK set with private RSA keys, the signing key first)");
      }
      log.warn("no signing keys configured: using a key generated for this process only");
      try {
        return new SigningKeys(
            List.of(
                new RSAKeyGenerator(2048)
                    .keyID(UUID.randomUUID().toString())
                    .keyUse(KeyUse.SIGNATURE)
                    .generate()));
      } catch (JOSEException e) {
        throw new IllegalStateException(e);
      }
    }
    try {
      List<RSAKey> keys = JWKSet.parse(jwkSetJson).getKeys().stream().map(JWK::toRSAKey).toList();
      if (keys.isEmpty() || !keys.getFirst().isPrivate()) {
        throw new IllegalStateException("the first signing key must be a private RSA key");
      }
      return new SigningKeys(keys);
    } catch (ParseException e) {
      throw new IllegalStateException("webase.tokens.signing.jwk-set is not a JWK set", e);
    }
  }

  /** The key that signs new tokens. */
  public RSAKey current() {
    return keys.getFirst();
  }

  /** Every key's public half, for {@code /.well-known/jwks.json}. */
  public JWKSet publicKeys() {
    return new JWKSet(keys.stream().map(k -> (JWK) k.toPublicJWK()).toList());
  }
}
