package com.webase.apps.evaluation.checks;

import static com.webase.apps.evaluation.checks.SampleApps.check;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SizesCheckTest {

  private final AppChecks checks =
      new AppChecks(new AppChecks.Limits("index.html", 2_048, 5_000, 20));

  private Check sizes(Map<String, byte[]> files) {
    return check(checks.check(files), "sizes");
  }

  private static Map<String, byte[]> filesOfSizes(Object... pathsAndSizes) {
    Map<String, byte[]> files = new LinkedHashMap<>();
    for (int i = 0; i < pathsAndSizes.length; i += 2) {
      files.put((String) pathsAndSizes[i], new byte[(Integer) pathsAndSizes[i + 1]]);
    }
    return files;
  }

  @Test
  void filesExactlyAtTheLimitsPass() {
    Check sizes = sizes(filesOfSizes("a.png", 2_048, "b.png", 2_048, "c.png", 904));

    assertThat(sizes.status()).isEqualTo("passed");
    assertThat(sizes.summary())
        .isEqualTo("The app's 3 files total 5,000 bytes (4.9 KiB), within the limits.");
  }

  @Test
  void fileOverTheLimitFailsNamingItsSize() {
    Check sizes = sizes(filesOfSizes("index.html", 100, "img/photo.jpg", 2_049));

    assertThat(sizes.findings())
        .containsExactly(
            new Finding(
                "img/photo.jpg",
                null,
                "is 2,049 bytes (2.0 KiB), over the limit of 2,048 bytes (2.0 KiB) for one file."));
    assertThat(sizes.summary())
        .isEqualTo("1 of 2 files is over the limit of 2,048 bytes (2.0 KiB) for one file.");
  }

  @Test
  void appOverItsTotalFailsNamingTheLargestFiles() {
    Check sizes =
        sizes(
            filesOfSizes(
                "a.js", 1_000, "b.png", 2_000, "c.css", 500, "d.jpg", 1_800, "e.html", 300));

    assertThat(sizes.findings())
        .containsExactly(
            new Finding(
                null,
                null,
                "The app's files total 5,600 bytes (5.5 KiB), over the limit of 5,000 bytes (4.9"
                    + " KiB) for an app. The largest: b.png, 2,000 bytes (2.0 KiB); d.jpg, 1,800"
                    + " bytes (1.8 KiB); a.js, 1,000 bytes."));
    assertThat(sizes.summary())
        .isEqualTo(
            "The app totals 5,600 bytes (5.5 KiB), over its limit of 5,000 bytes (4.9 KiB).");
  }
}
