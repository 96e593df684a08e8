package com.webase.apps.evaluation.checks;

import java.util.ArrayList;
import java.util.List;

/**
 * The image URLs in a {@code srcset} (or {@code imagesrcset}) value, split as the HTML standard's
 * "parse a srcset attribute" does: candidates are separated by commas, a URL runs to the first
 * whitespace (so a comma inside a {@code data:} URL stays in it), and a descriptor ({@code 2x},
 * {@code 480w}) follows.
 *
 * <p>Stateless; thread-safe.
 */
final class SrcsetCandidates {

  private SrcsetCandidates() {}

  static List<WrittenReference> in(String srcset) {
    List<WrittenReference> found = new ArrayList<>();
    int length = srcset.length();
    int i = 0;
    while (i < length) {
      while (i < length && (Character.isWhitespace(srcset.charAt(i)) || srcset.charAt(i) == ',')) {
        i++;
      }
      if (i >= length) {
        break;
      }
      int start = i;
      while (i < length && !Character.isWhitespace(srcset.charAt(i))) {
        i++;
      }
      String url = srcset.substring(start, i);
      if (url.endsWith(",")) {
        // "a.png, b.png 2x": commas right after a URL end its candidate; it has no descriptor.
        found.add(new WrittenReference(url.replaceAll(",+$", ""), start));
        continue;
      }
      found.add(new WrittenReference(url, start));
      int parens = 0;
      while (i < length && (srcset.charAt(i) != ',' || parens > 0)) {
        char c = srcset.charAt(i++);
        if (c == '(') {
          parens++;
        } else if (c == ')') {
          parens = Math.max(0, parens - 1);
        }
      }
    }
    return found;
  }
}
