package com.webase.apps.apps;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AppNamesTest {

  @Test
  void aSlugIsTheNameInLowerCaseAsciiWithSingleHyphens() {
    assertThat(AppNames.slugOf("Café  Menu!")).isEqualTo("cafe-menu");
    assertThat(AppNames.slugOf("--Hello__World--")).isEqualTo("hello-world");
    assertThat(AppNames.slugOf("Ünïcödé ✓ 2026")).isEqualTo("unicode-2026");
    assertThat(AppNames.slugOf("日本語")).as("nothing left").isEqualTo("app");
    assertThat(AppNames.slugOf("a".repeat(60) + " b")).hasSize(40).matches("[a-z0-9-]+");
  }

  @Test
  void aTakenSlugIsNumberedWithinItsLength() {
    assertThat(AppNames.numbered("shop", 1)).isEqualTo("shop");
    assertThat(AppNames.numbered("shop", 2)).isEqualTo("shop-2");
    assertThat(AppNames.numbered("a".repeat(40), 12)).hasSize(40).endsWith("-12");
  }

  @Test
  void aReservedSlugNeverBecomesASiteNameAsItIs() {
    assertThat(AppNames.siteNameOf("admin")).matches("admin-[a-z0-9]{4}");
    assertThat(AppNames.siteNameOf("shop")).isEqualTo("shop");
    assertThat(AppNames.withSuffix("shop")).matches("shop-[a-z0-9]{4}");
  }

  @Test
  void namesAndDescriptionsHaveTheirLimits() {
    assertThat(AppNames.problemWithName("ok")).isEmpty();
    assertThat(AppNames.problemWithName(" ")).hasValue("must not be blank");
    assertThat(AppNames.problemWithName("x".repeat(101))).isPresent();
    assertThat(AppNames.problemWithName("bell\u0007")).isPresent();
    assertThat(AppNames.problemWithDescription("two\nlines\tfine")).isEmpty();
    assertThat(AppNames.problemWithDescription("nul\u0000")).isPresent();
    assertThat(AppNames.problemWithDescription("d".repeat(2001))).isPresent();
  }
}
