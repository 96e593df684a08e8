package com.webase.apps.evaluation.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SrcsetCandidatesTest {

  private static List<String> urls(String srcset) {
    return SrcsetCandidates.in(srcset).stream().map(WrittenReference::value).toList();
  }

  @Test
  void candidatesWithDescriptorsAreSplitAtCommas() {
    assertThat(urls("small.jpg 480w, medium.jpg 800w,large.jpg 1200w"))
        .containsExactly("small.jpg", "medium.jpg", "large.jpg");
  }

  @Test
  void candidatesWithoutDescriptorsEndAtTheirComma() {
    assertThat(urls("a.png, b.png 2x")).containsExactly("a.png", "b.png");
  }

  @Test
  void commaInsideADataUrlStaysInIt() {
    assertThat(urls("data:image/png;base64,AAAA 1x, b.png 2x"))
        .containsExactly("data:image/png;base64,AAAA", "b.png");
  }

  @Test
  void offsetsPointAtEachCandidate() {
    String srcset = "a.png 1x,\n  b.png 2x";

    assertThat(SrcsetCandidates.in(srcset))
        .extracting(WrittenReference::offset)
        .containsExactly(0, srcset.indexOf("b.png"));
  }
}
