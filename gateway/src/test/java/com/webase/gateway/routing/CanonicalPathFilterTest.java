package com.webase.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CanonicalPathFilterTest {

  @Test
  void encodedUnreservedCharactersAreDecodedAndOthersKept() {
    assertThat(path("/api/v1/%61pps")).isEqualTo("/api/v1/apps");
    assertThat(path("/api/v1/apps/a/files/my%20page.html"))
        .isEqualTo("/api/v1/apps/a/files/my%20page.html");
  }

  @Test
  void duplicateSlashesAreResolved() {
    assertThat(path("/api/v1//apps")).isEqualTo("/api/v1/apps");
    assertThat(path("//api/v1/apps")).isEqualTo("/api/v1/apps");
    assertThat(path("/api/v1/apps/")).isEqualTo("/api/v1/apps/");
    assertThat(path("/api/v1/apps//")).isEqualTo("/api/v1/apps/");
    assertThat(path("/")).isEqualTo("/");
  }

  @Test
  void whatCannotBeResolvedIsRefused() {
    assertThat(refusal("/api/./v1/apps")).contains("'.' or '..'");
    assertThat(refusal("/api/v1/tokens/../apps")).contains("'.' or '..'");
    assertThat(refusal("/api/v1/tokens/%2e%2E/apps")).contains("'.' or '..'");
    assertThat(refusal("/api/v1/apps/a/files/../x")).contains("'.' or '..'");
    assertThat(refusal("/api/v1%2Fapps")).contains("encoded '/'");
    assertThat(refusal("/api/v1/apps%5C")).contains("encoded '/'");
    assertThat(refusal("/api/v1/apps;x=1")).contains("';'");
    assertThat(refusal("/api/v1/%zz")).contains("no percent-encoding");
    assertThat(refusal("/api/v1/%C3")).contains("UTF-8");
  }

  private static String path(String raw) {
    CanonicalPathFilter.Canonical canonical = CanonicalPathFilter.canonicalise(raw);
    assertThat(canonical.refusal()).as(raw).isNull();
    return canonical.path();
  }

  private static String refusal(String raw) {
    CanonicalPathFilter.Canonical canonical = CanonicalPathFilter.canonicalise(raw);
    assertThat(canonical.refusal()).as(raw).isNotNull();
    return canonical.refusal();
  }
}
