package com.webase.gateway.portal;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Where {@code /session/reauthenticate} may send the browser back to: a path on the portal's own
 * origin only, so the round trip cannot be turned into an open redirect. A safe value starts with
 * exactly one {@code /}, has no backslash (browsers read {@code /\host} as {@code //host}), no
 * control characters or spaces, is a valid URI reference without an authority, and is at most 2,000
 * characters.
 */
final class ReturnTo {

  static final int MAX_LENGTH = 2000;

  private ReturnTo() {}

  static boolean isSafe(String returnTo) {
    if (returnTo == null
        || returnTo.isEmpty()
        || returnTo.length() > MAX_LENGTH
        || returnTo.charAt(0) != '/') {
      return false;
    }
    if (returnTo.length() > 1 && (returnTo.charAt(1) == '/' || returnTo.charAt(1) == '\\')) {
      return false;
    }
    for (int i = 0; i < returnTo.length(); i++) {
      char c = returnTo.charAt(i);
      if (c == '\\' || c <= ' ' || c == 0x7f) {
        return false;
      }
    }
    // what the browser is sent back to must be a URI reference (no '{', no stray '%')
    try {
      return new URI(returnTo).getRawAuthority() == null;
    } catch (URISyntaxException e) {
      return false;
    }
  }
}
