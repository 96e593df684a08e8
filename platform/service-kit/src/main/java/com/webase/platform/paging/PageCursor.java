package com.webase.platform.paging;

import com.webase.platform.problem.ProblemException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * An opaque cursor for lists ordered newest first by (time, id): the position of the last item of
 * the previous page. A client only passes back what the API returned; anything else is a 400 naming
 * the {@code cursor} parameter.
 */
public record PageCursor(Instant at, UUID id) {

  /** Later than any item: the first page starts here. */
  public static final PageCursor START =
      new PageCursor(Instant.parse("9999-12-31T00:00:00Z"), new UUID(-1L, -1L));

  /** The cursor given, or {@link #START} when none was. */
  public static PageCursor parseOrStart(String cursor) {
    if (cursor == null) {
      return START;
    }
    try {
      String[] parts =
          new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
      PageCursor parsed = new PageCursor(Instant.parse(parts[0]), UUID.fromString(parts[1]));
      // the database's timestamps end in year 294276; a made-up cursor far past them is no cursor
      if (parsed.at().isAfter(START.at()) || parsed.at().isBefore(Instant.EPOCH)) {
        throw new IllegalArgumentException("out of range");
      }
      return parsed;
    } catch (RuntimeException e) {
      throw ProblemException.invalid("cursor", "is not a cursor this API returned");
    }
  }

  /** Refuses a page size outside 1..{@code max} with a 400 naming {@code limit}. */
  public static int checkLimit(int limit, int max) {
    if (limit < 1 || limit > max) {
      throw ProblemException.invalid("limit", "must be between 1 and " + max);
    }
    return limit;
  }

  /**
   * The cursor of the page after this one, or null when it is the last: {@code fetched} holds up to
   * {@code limit + 1} rows, and one more than the page means there is a next.
   */
  public static <T> String nextAfter(
      java.util.List<T> fetched, int limit, java.util.function.Function<T, PageCursor> position) {
    return fetched.size() > limit ? position.apply(fetched.get(limit - 1)).encode() : null;
  }

  public String encode() {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((at + "|" + id).getBytes(StandardCharsets.UTF_8));
  }
}
