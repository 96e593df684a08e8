package com.webase.apitoken;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiTokenFormatTest {

  private final ApiTokenFormat format = new ApiTokenFormat();

  @Test
  void aNewTokenHasThePrefixTheLengthAndAValidChecksum() {
    String token = format.generate();

    assertThat(token).startsWith("wbt_").hasSize(40).matches("wbt_[0-9A-Za-z]{36}");
    assertThat(ApiTokenFormat.isWellFormed(token)).isTrue();
  }

  @Test
  void tokensDoNotRepeat() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      assertThat(seen.add(format.generate())).isTrue();
    }
  }

  @Test
  void aSingleMistypedCharacterIsCaughtByTheChecksum() {
    String token = format.generate();
    int caught = 0;
    int tried = 0;
    for (int position = 4; position < token.length(); position++) {
      char original = token.charAt(position);
      char typo = original == 'a' ? 'b' : 'a';
      String mistyped = token.substring(0, position) + typo + token.substring(position + 1);
      tried++;
      if (!ApiTokenFormat.isWellFormed(mistyped)) {
        caught++;
      }
    }
    assertThat(caught).isEqualTo(tried);
  }

  @Test
  void thingsThatAreNotTokensAreRefused() {
    String token = format.generate();
    assertThat(ApiTokenFormat.isWellFormed(null)).isFalse();
    assertThat(ApiTokenFormat.isWellFormed("")).isFalse();
    assertThat(ApiTokenFormat.isWellFormed("Bearer " + token)).isFalse();
    assertThat(ApiTokenFormat.isWellFormed(token.substring(0, 39))).isFalse();
    assertThat(ApiTokenFormat.isWellFormed("xyz_" + token.substring(4))).isFalse();
    assertThat(ApiTokenFormat.isWellFormed(token.substring(0, 10) + "-" + token.substring(11)))
        .isFalse();
  }

  @Test
  void theLastFourAreTheEndOfTheToken() {
    String token = format.generate();
    assertThat(ApiTokenFormat.lastFour(token)).isEqualTo(token.substring(36));
  }
}
