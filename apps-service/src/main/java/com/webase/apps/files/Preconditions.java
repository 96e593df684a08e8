package com.webase.apps.files;

import com.webase.platform.problem.ProblemException;
import java.util.Arrays;
import java.util.Optional;
import org.springframework.http.HttpStatus;

/**
 * {@code If-Match} and {@code If-None-Match} on a file write (RFC 9110 §13.1): a client that read a
 * file's ETag changes it only if nobody changed it since, and {@code If-None-Match: *} creates a
 * file only where there is none. A failed condition is 412 and changes nothing.
 */
record Preconditions(String ifMatch, String ifNoneMatch) {

  /** Checks the conditions against the file as it is now (empty: no such file). */
  void check(String path, Optional<Manifest.FileEntry> current) {
    if (ifMatch != null && !matches(ifMatch, current)) {
      throw failed(
          "stale-etag",
          "The file changed",
          current.isEmpty()
              ? path + " does not exist, so If-Match cannot hold."
              : path
                  + " has changed since that ETag was read (its ETag is now "
                  + current.get().etag()
                  + ").");
    }
    if (ifNoneMatch != null && matches(ifNoneMatch, current)) {
      throw failed(
          "file-exists",
          "The file exists",
          "If-None-Match: "
              + ifNoneMatch
              + " holds for the existing "
              + path
              + "; nothing was changed.");
    }
  }

  private static boolean matches(String header, Optional<Manifest.FileEntry> current) {
    if (current.isEmpty()) {
      return false;
    }
    if (header.strip().equals("*")) {
      return true;
    }
    String etag = current.get().etag();
    // strong comparison: a weak tag never matches
    return Arrays.stream(header.split(",")).map(String::strip).anyMatch(etag::equals);
  }

  private static ProblemException failed(String slug, String title, String detail) {
    return new ProblemException(HttpStatus.PRECONDITION_FAILED, slug, title, detail);
  }
}
