package com.webase.records.models;

import com.webase.platform.problem.ProblemException;
import org.springframework.http.HttpStatus;

/**
 * Versions as entity tags: a model or record at version 7 has the strong ETag {@code "7"}. {@code
 * If-Match} takes one such tag (or {@code *}, which any existing resource matches); a stale one is
 * answered 412 by the caller, a malformed one 400 here.
 */
public final class ETags {

  private ETags() {}

  public static String of(long version) {
    return "\"" + version + "\"";
  }

  /** The version an {@code If-Match} header asks for; null when absent or {@code *}. */
  public static Long expected(String ifMatch) {
    if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
      return null;
    }
    String tag = ifMatch.trim();
    if (tag.length() > 2 && tag.length() <= 22 && tag.startsWith("\"") && tag.endsWith("\"")) {
      try {
        return Long.parseLong(tag.substring(1, tag.length() - 1));
      } catch (NumberFormatException notANumber) {
        // falls through to the problem
      }
    }
    throw new ProblemException(
        HttpStatus.BAD_REQUEST,
        "invalid-if-match",
        "Invalid If-Match",
        "If-Match must be the ETag this API returned, e.g. \"3\", or *.");
  }

  /** An {@code If-Match} for a model: its version as an int. */
  public static Integer expectedModelVersion(String ifMatch) {
    Long version = expected(ifMatch);
    return version == null
        ? null
        : (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, version));
  }
}
