package com.webase.apps.chat.refining;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LineCountsTest {

  @Test
  void countsOnlyTheLinesThatDifferAcrossSeparateEdits() {
    String before = "a\nb\nc\nd\ne\nf\ng\n";
    String after = "a\nB\nc\nd\ne\nf2\nf3\ng\n";

    assertThat(LineCounts.between(before, after)).isEqualTo(new LineCounts(3, 2));
  }

  @Test
  void lineEndingsDoNotCountAsChanges() {
    assertThat(LineCounts.between("a\nb\n", "a\r\nb\r\n")).isEqualTo(new LineCounts(0, 0));
  }

  @Test
  void aHugeRewriteIsCountedCheaplyAsEverythingChanged() {
    String before = "old\n".repeat(3_000);
    String after = "new\n".repeat(3_000);

    assertThat(LineCounts.between(before, after)).isEqualTo(new LineCounts(3_000, 3_000));
  }
}
