package com.webase.account.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DisplayNamesTest {

  @Test
  void splittingAndJoiningGivesTheDisplayNameBack() {
    for (String name : new String[] {"Ada", "Ada Lovelace", "Ada King Lovelace", "<b>x</b> & Co"}) {
      var split = DisplayNames.split(name);
      assertThat(DisplayNames.join(split.first(), split.last())).isEqualTo(name);
    }
  }

  @Test
  void theLastWordIsTheLastName() {
    assertThat(DisplayNames.split("Ada King Lovelace"))
        .isEqualTo(new DisplayNames.Split("Ada King", "Lovelace"));
    assertThat(DisplayNames.split("Ada")).isEqualTo(new DisplayNames.Split("Ada", ""));
  }
}
