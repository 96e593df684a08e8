package com.webase.account.identity;

/**
 * Keycloak stores a first and a last name and shows {@code "first last"} as the {@code name} claim;
 * Webase has one display name. Splitting at the last space and joining with one space gives the
 * display name back unchanged.
 */
final class DisplayNames {

  private DisplayNames() {}

  record Split(String first, String last) {}

  static Split split(String displayName) {
    int space = displayName.lastIndexOf(' ');
    if (space <= 0) {
      return new Split(displayName, "");
    }
    return new Split(displayName.substring(0, space), displayName.substring(space + 1));
  }

  static String join(String first, String last) {
    String f = first == null ? "" : first;
    String l = last == null ? "" : last;
    return (f.isEmpty() || l.isEmpty()) ? f + l : f + " " + l;
  }
}
