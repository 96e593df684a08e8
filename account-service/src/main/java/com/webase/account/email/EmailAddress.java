package com.webase.account.email;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The syntax Webase accepts for an email address: the practical subset of RFC 5321 that mail
 * systems deliver to — a dot-atom local part of at most 64 characters, a domain of DNS labels with
 * a top-level label of letters, at most 254 characters in all. Quoted local parts and IP-literal
 * domains are refused: nobody signs up with them and they are a common injection vector.
 */
public final class EmailAddress {

  private static final Pattern LOCAL =
      Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*");
  private static final Pattern LABEL =
      Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
  private static final Pattern TOP_LABEL = Pattern.compile("[A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59}");

  private EmailAddress() {}

  /**
   * Why {@code candidate} is not an address we accept, or empty when it is.
   *
   * @return a reason a person can act on
   */
  public static Optional<String> problemWith(String candidate) {
    if (candidate == null || candidate.isBlank()) {
      return Optional.of("is required");
    }
    if (candidate.length() > 254) {
      return Optional.of("must be at most 254 characters");
    }
    int at = candidate.lastIndexOf('@');
    if (at <= 0 || at == candidate.length() - 1 || candidate.indexOf('@') != at) {
      return Optional.of("must be an email address like name@example.com");
    }
    String local = candidate.substring(0, at);
    String domain = candidate.substring(at + 1);
    if (local.length() > 64 || !LOCAL.matcher(local).matches()) {
      return Optional.of("has a part before @ that mail systems do not accept");
    }
    String[] labels = domain.split("\\.", -1);
    if (labels.length < 2) {
      return Optional.of("needs a domain like example.com after @");
    }
    for (int i = 0; i < labels.length - 1; i++) {
      if (!LABEL.matcher(labels[i]).matches()) {
        return Optional.of("has a domain that is not valid");
      }
    }
    if (!TOP_LABEL.matcher(labels[labels.length - 1]).matches()) {
      return Optional.of("has a domain that is not valid");
    }
    return Optional.empty();
  }

  /** The form we store: as typed, with the domain in lower case (domains are case-insensitive). */
  public static String normalise(String address) {
    String trimmed = address.strip();
    int at = trimmed.lastIndexOf('@');
    return trimmed.substring(0, at + 1) + trimmed.substring(at + 1).toLowerCase(Locale.ROOT);
  }
}
