package com.webase.token.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.webase.apitoken.ApiTokenFormat;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TokenVaultTest {

  private static final String SECRET = "a-test-secret-that-is-long-enough-0123456789";
  private final TokenVault vault = new TokenVault(SECRET);
  private final String token = new ApiTokenFormat().generate();

  @Test
  void aSealedTokenOpensWithTheSameKeyAndHash() {
    byte[] hash = TokenVault.hash(token);
    byte[] sealed = vault.encrypt(token, hash);

    assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain(token);
    assertThat(vault.decrypt(sealed, hash)).isEqualTo(token);
  }

  @Test
  void theSameTokenIsSealedDifferentlyEachTime() {
    byte[] hash = TokenVault.hash(token);
    assertThat(vault.encrypt(token, hash)).isNotEqualTo(vault.encrypt(token, hash));
  }

  @Test
  void aCiphertextMovedToAnotherRowDoesNotOpen() {
    byte[] sealed = vault.encrypt(token, TokenVault.hash(token));
    byte[] otherHash = TokenVault.hash(new ApiTokenFormat().generate());

    assertThatThrownBy(() -> vault.decrypt(sealed, otherHash))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void anotherKeyDoesNotOpenIt() {
    byte[] hash = TokenVault.hash(token);
    byte[] sealed = vault.encrypt(token, hash);
    TokenVault other = new TokenVault("another-secret-that-is-long-enough-9876543210");

    assertThatThrownBy(() -> other.decrypt(sealed, hash)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aShortSecretIsRefused() {
    assertThatThrownBy(() -> new TokenVault("short")).hasMessageContaining("at least 32");
  }

  @Test
  void theHashIsSha256() {
    assertThat(TokenVault.hash(token)).hasSize(32);
  }
}
