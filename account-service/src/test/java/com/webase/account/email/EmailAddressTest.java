package com.webase.account.email;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EmailAddressTest {

  @Test
  void ordinaryAddressesAreAccepted() {
    for (String ok :
        new String[] {
          "a@example.com",
          "first.last+tag@sub.example.co.uk",
          "o'brien@example.ie",
          "x@xn--bcher-kva.example"
        }) {
      assertThat(EmailAddress.problemWith(ok)).as(ok).isEmpty();
    }
  }

  @Test
  void malformedOrDangerousAddressesAreRefused() {
    for (String bad :
        new String[] {
          null,
          "",
          "plain",
          "@example.com",
          "a@",
          "a@b",
          "a@@example.com",
          "a b@example.com",
          ".a@example.com",
          "a..b@example.com",
          "a@-example.com",
          "a@example.c0m",
          "\"quoted\"@example.com",
          "a@[127.0.0.1]",
          "a@example.com\r\nBcc: x@example.com",
          "x".repeat(65) + "@example.com",
          "a@" + "b".repeat(250) + ".com"
        }) {
      assertThat(EmailAddress.problemWith(bad)).as(String.valueOf(bad)).isPresent();
    }
  }

  @Test
  void theDomainIsStoredInLowerCaseTheLocalPartAsTyped() {
    assertThat(EmailAddress.normalise(" Ada.L@Example.COM ")).isEqualTo("Ada.L@example.com");
  }
}
