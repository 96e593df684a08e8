package com.webase.apps.evaluation.checks;

/**
 * A reference as a file writes it, before any resolution.
 *
 * @param value the URL or module specifier, unescaped (string escapes, CSS escapes, HTML entities)
 *     but otherwise as written
 * @param offset where the value starts in the text it was found in, in chars; -1 when unknown
 */
record WrittenReference(String value, int offset) {

  WrittenReference shiftedBy(int base) {
    return new WrittenReference(value, base < 0 || offset < 0 ? -1 : base + offset);
  }
}
