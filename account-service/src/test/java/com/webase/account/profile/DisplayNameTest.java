package com.webase.account.profile;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DisplayNameTest {

  @Test
  void namesFromManyScriptsAndWithPunctuationAreAccepted() {
    for (String name :
        new String[] {
          "Zoë", "O'Brien-Smith", "李小龍", "José María", "<b>Bold</b> & Co", "X Æ A-12"
        }) {
      assertThat(DisplayName.problemWith(DisplayName.normalise(name))).as(name).isEmpty();
    }
  }

  @Test
  void controlInvisibleAndLineBreakCharactersAreRefused() {
    for (String name :
        new String[] {
          "a\u0000b", "line\nbreak", "tab\tbed", "zero\u200Bwidth", "rtl\u202Eoverride"
        }) {
      assertThat(DisplayName.problemWith(DisplayName.normalise(name))).as(name).isPresent();
    }
  }

  @Test
  void emptyAndOverlongNamesAreRefused() {
    assertThat(DisplayName.problemWith(DisplayName.normalise("   "))).isPresent();
    assertThat(DisplayName.problemWith("x".repeat(100))).isEmpty();
    assertThat(DisplayName.problemWith("x".repeat(101))).isPresent();
  }

  @Test
  void normalisingTrimsCollapsesSpacesAndComposesAccents() {
    assertThat(DisplayName.normalise("  Zoe\u0308   Smith ")).isEqualTo("Zoë Smith");
  }
}
