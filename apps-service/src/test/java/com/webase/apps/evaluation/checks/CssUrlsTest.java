package com.webase.apps.evaluation.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CssUrlsTest {

  private static List<String> urls(String css) {
    return CssUrls.in(css).stream().map(WrittenReference::value).toList();
  }

  @Test
  void quotedUnquotedAndUppercaseUrlsAreFound() {
    assertThat(urls("a{b:url(x.png)} c{d:url( 'y.png' )} e{f:URL(\"z.png\")}"))
        .containsExactly("x.png", "y.png", "z.png");
  }

  @Test
  void importWithAStringOrAUrlIsFound() {
    assertThat(urls("@import 'a.css';\n@IMPORT \"b.css\" print;\n@import url(c.css);"))
        .containsExactly("a.css", "b.css", "c.css");
  }

  @Test
  void stringsThatAreNotUrlsAreLeftAlone() {
    String css =
        "@charset \"utf-8\";\n.q::before{content:\"url(a.png)\"}\n"
            + "@font-face{src:local(\"Inter\"),url(i.woff2) format(\"woff2\")}";

    assertThat(urls(css)).containsExactly("i.woff2");
  }

  @Test
  void commentedOutUrlsAreNotFound() {
    assertThat(urls("/* url(a.png) @import 'b.css'; */ .c { background: url(c.png) }"))
        .containsExactly("c.png");
  }

  @Test
  void escapesAreDecoded() {
    assertThat(urls("a{b:url(my\\ photo.png)} c{d:url('caf\\e9 .png')}"))
        .containsExactly("my photo.png", "café.png");
  }

  @Test
  void offsetPointsAtTheUrlsFirstCharacter() {
    String css = ".a {\n  background: url( \"b.png\" );\n}";

    WrittenReference found = CssUrls.in(css).getFirst();

    assertThat(css.substring(found.offset())).startsWith("b.png\"");
  }
}
