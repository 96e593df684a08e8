package com.webase.token.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.webase.apitoken.ApiTokenFormat;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TokenVaultTest {

  private static final String SECRET = "a-test-secret-that-is-long-enough-0123456789";
  private static final String OTHER = "another-secret-that-is-long-enough-9876543210";
  private final TokenVault vault = TokenVault.withSingleKey(SECRET);
  private final String token = new ApiTokenFormat().generate();

  @Test
  void aSealedTokenOpensWithTheSameKeyAndHash() {
    byte[] hash = TokenVault.hash(token);
    TokenVault.Sealed sealed = vault.encrypt(token, hash);

    assertThat(sealed.keyId()).isEqualTo("k1");
    assertThat(new String(sealed.ciphertext(), StandardCharsets.ISO_8859_1)).doesNotContain(token);
    assertThat(vault.decrypt("k1", sealed.ciphertext(), hash)).isEqualTo(token);
  }

  @Test
  void theSameTokenIsSealedDifferentlyEachTime() {
    byte[] hash = TokenVault.hash(token);
    assertThat(vault.encrypt(token, hash).ciphertext())
        .isNotEqualTo(vault.encrypt(token, hash).ciphertext());
  }

  @Test
  void aCiphertextMovedToAnotherRowDoesNotOpen() {
    byte[] sealed = vault.encrypt(token, TokenVault.hash(token)).ciphertext();
    byte[] otherHash = TokenVault.hash(new ApiTokenFormat().generate());

    assertThatThrownBy(() -> vault.decrypt("k1", sealed, otherHash))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void anotherSecretUnderTheSameIdDoesNotOpenIt() {
    byte[] hash = TokenVault.hash(token);
    byte[] sealed = vault.encrypt(token, hash).ciphertext();
    TokenVault other = TokenVault.withSingleKey(OTHER);

    assertThatThrownBy(() -> other.decrypt("k1", sealed, hash))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void duringASwitchTheNewKeySealsAndBothOpen() {
    byte[] hash = TokenVault.hash(token);
    byte[] underA = vault.encrypt(token, hash).ciphertext();
    TokenVault switching = new TokenVault(Map.of("k1", SECRET, "k2", OTHER), "k2");

    TokenVault.Sealed underB = switching.encrypt(token, hash);

    assertThat(underB.keyId()).isEqualTo("k2");
    assertThat(switching.decrypt("k1", underA, hash)).isEqualTo(token);
    assertThat(switching.decrypt("k2", underB.ciphertext(), hash)).isEqualTo(token);
  }

  @Test
  void aKeyNoLongerConfiguredIsReportedByItsIdNotItsSecret() {
    byte[] hash = TokenVault.hash(token);
    byte[] underA = vault.encrypt(token, hash).ciphertext();
    TokenVault onlyB = new TokenVault(Map.of("k1", "", "k2", OTHER), "k2");

    assertThat(onlyB.keyIds()).containsExactly("k2");
    assertThatThrownBy(() -> onlyB.decrypt("k1", underA, hash))
        .isInstanceOfSatisfying(
            TokenVault.MissingKeyException.class,
            missing -> assertThat(missing.keyId()).isEqualTo("k1"))
        .message()
        .doesNotContain(SECRET);
  }

  @Test
  void aCurrentKeyWithoutASecretIsRefusedAtStart() {
    assertThatThrownBy(() -> new TokenVault(Map.of("k1", SECRET), "k2"))
        .hasMessageContaining("'k2' has no secret configured")
        .message()
        .doesNotContain(SECRET);
  }

  @Test
  void aShortSecretOrABadKeyIdIsRefused() {
    assertThatThrownBy(() -> TokenVault.withSingleKey("short")).hasMessageContaining("at least 32");
    assertThatThrownBy(() -> new TokenVault(Map.of("Key One", SECRET), "Key One"))
        .hasMessageContaining("lowercase");
  }

  @Test
  void theHashIsSha256() {
    assertThat(TokenVault.hash(token)).hasSize(32);
  }
}
