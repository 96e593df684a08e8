package com.webase.apps.evaluation.checks;

import static org.assertj.core.api.Assertions.assertThat;

import com.webase.apps.evaluation.checks.LocalReference.InApp;
import com.webase.apps.evaluation.checks.LocalReference.NotLocal;
import com.webase.apps.evaluation.checks.LocalReference.OutsideApp;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LocalReferenceTest {

  @ParameterizedTest(name = "{0} from {1} is {2}")
  @CsvSource({
    "app.js, '', app.js",
    "./app.js, '', app.js",
    "app.js, pages/, pages/app.js",
    "../app.js, pages/, app.js",
    "/app.js, pages/deep/, app.js",
    "./a/./b/../c.js, '', a/c.js",
    "a//b.js, '', a/b.js",
    "app.js?v=3#main, '', app.js",
    "app.js#x?y, '', app.js",
    "my%20photo.png, '', my photo.png",
    "caf%C3%A9.png, '', café.png",
    "50%.png, '', 50%.png",
    "a+b.png, '', a+b.png",
    "img\\logo.png, '', img/logo.png",
    "'  spaced.png  ', '', spaced.png",
  })
  void fileReferenceResolvesToTheSnapshotPath(String written, String base, String path) {
    assertThat(LocalReference.resolve(written, base)).isEqualTo(new InApp(path, false));
  }

  @ParameterizedTest(name = "{0} from {1} is folder {2}")
  @CsvSource({
    "docs/, '', docs",
    "/, pages/, ''",
    "., pages/, pages",
    "./, pages/, pages",
    ".., pages/, ''",
    "%2e%2e/, pages/, ''",
    "/?page=2, '', ''",
  })
  void folderReferenceIsMarkedAsAFolder(String written, String base, String path) {
    assertThat(LocalReference.resolve(written, base)).isEqualTo(new InApp(path, true));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://example.com/a.js",
        "HTTP://EXAMPLE.COM",
        "data:image/png;base64,AAAA",
        "mailto:a@example.com",
        "tel:+1234",
        "javascript:void(0)",
        "blob:https://example.com/x",
        "sms:+1234",
        "//cdn.example/x.js",
        "#top",
        "?page=2",
        "",
        "   "
      })
  void referenceOffTheAppOrToThePageItselfIsNotLocal(String written) {
    assertThat(LocalReference.resolve(written, "pages/")).isEqualTo(new NotLocal());
  }

  @ParameterizedTest
  @ValueSource(strings = {"../x.js", "../../x.js", "/../x.js", "a/../../x.js"})
  void climbingAboveTheRootIsOutsideTheApp(String written) {
    assertThat(LocalReference.resolve(written, "")).isEqualTo(new OutsideApp());
  }
}
