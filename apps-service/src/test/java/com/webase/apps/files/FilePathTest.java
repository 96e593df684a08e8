package com.webase.apps.files;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FilePathTest {

  @Test
  void aRelativePathOfPlainSegmentsIsKeptAsItIs() {
    assertThat(FilePath.check("index.html").path()).isEqualTo("index.html");
    assertThat(FilePath.check("js/lib/util.mjs").path()).isEqualTo("js/lib/util.mjs");
    assertThat(FilePath.check("img/é.png").path()).isEqualTo("img/é.png");
  }

  @Test
  void unicodeIsStoredInOneNormalForm() {
    String decomposed = "e\u0301.txt";
    assertThat(FilePath.check(decomposed).path()).isEqualTo("\u00e9.txt");
  }

  @Test
  void traversalAbsoluteEmptyAndControlCharactersAreRefused() {
    for (String bad :
        new String[] {
          "",
          "/etc/passwd",
          "../x",
          "a/../b",
          "a/./b",
          ".",
          "a//b",
          "a/",
          "a\\b",
          "a\u0000b",
          "a\nb",
          "x\u202Ey"
        }) {
      assertThat(FilePath.check(bad).valid()).as(bad).isFalse();
    }
  }

  @Test
  void lengthAndDepthAreLimited() {
    assertThat(FilePath.check("a/".repeat(15) + "b").valid()).isTrue();
    assertThat(FilePath.check("a/".repeat(16) + "b").valid()).isFalse();
    assertThat(FilePath.check("x".repeat(256)).valid()).isFalse();
    assertThat(FilePath.check(("x".repeat(200) + "/").repeat(3) + "y").valid()).isFalse();
  }

  @Test
  void contentTypesComeFromTheExtensionOnly() {
    assertThat(ContentTypes.of("index.HTML")).isEqualTo("text/html");
    assertThat(ContentTypes.of("a/b.mjs")).isEqualTo("text/javascript");
    assertThat(ContentTypes.of("noextension")).isEqualTo("application/octet-stream");
    assertThat(ContentTypes.of("dir.v2/file")).isEqualTo("application/octet-stream");
    assertThat(ContentTypes.header("image/svg+xml")).isEqualTo("image/svg+xml; charset=utf-8");
    assertThat(ContentTypes.header("image/png")).isEqualTo("image/png");
  }
}
