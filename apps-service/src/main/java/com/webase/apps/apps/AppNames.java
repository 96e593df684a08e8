package com.webase.apps.apps;

import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules for an app's name, description, slug and site name. Plain functions, no state.
 *
 * <p>A slug is the name in lower-case ASCII letters, digits and single hyphens (accents dropped,
 * everything else a hyphen), at most {@value #MAX_SLUG} characters, {@code app} when nothing is
 * left. A site name is a DNS label made from the slug: the slug itself, or the slug and a short
 * random suffix when the slug is taken or reserved.
 */
public final class AppNames {

  public static final int MAX_NAME = 100;
  public static final int MAX_DESCRIPTION = 2000;
  static final int MAX_SLUG = 40;
  private static final Pattern PRINTABLE = Pattern.compile("[^\\p{Cc}\\p{Cf}\\p{Co}\\p{Cn}]*");
  private static final Pattern NOT_SLUG = Pattern.compile("[^a-z0-9]+");
  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final String SUFFIX_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
  private static final SecureRandom random = new SecureRandom();

  /** Names that would look like the platform's own hosts on the sites origin. */
  static final Set<String> RESERVED_SITE_NAMES =
      Set.of(
          "www",
          "api",
          "app",
          "apps",
          "admin",
          "portal",
          "auth",
          "login",
          "mail",
          "smtp",
          "docs",
          "status",
          "static",
          "assets",
          "cdn",
          "webase",
          "keycloak",
          "gateway",
          "support",
          "help");

  private AppNames() {}

  /** Why {@code name} cannot be an app's name, or empty when it can. */
  public static Optional<String> problemWithName(String name) {
    if (name == null || name.isBlank()) {
      return Optional.of("must not be blank");
    }
    if (name.strip().length() > MAX_NAME) {
      return Optional.of("must have at most " + MAX_NAME + " characters");
    }
    if (!PRINTABLE.matcher(name).matches()) {
      return Optional.of("must not contain control or unassigned characters");
    }
    return Optional.empty();
  }

  /** Why {@code description} cannot be an app's description, or empty when it can. */
  public static Optional<String> problemWithDescription(String description) {
    if (description == null) {
      return Optional.empty();
    }
    if (description.length() > MAX_DESCRIPTION) {
      return Optional.of("must have at most " + MAX_DESCRIPTION + " characters");
    }
    if (!PRINTABLE.matcher(description.replaceAll("[\\r\\n\\t]", " ")).matches()) {
      return Optional.of("must not contain control or unassigned characters");
    }
    return Optional.empty();
  }

  /** The slug of a (valid) name. */
  public static String slugOf(String name) {
    String ascii = MARKS.matcher(Normalizer.normalize(name, Normalizer.Form.NFKD)).replaceAll("");
    String slug = NOT_SLUG.matcher(ascii.toLowerCase(Locale.ROOT)).replaceAll("-");
    slug = trimHyphens(slug);
    if (slug.length() > MAX_SLUG) {
      slug = trimHyphens(slug.substring(0, MAX_SLUG));
    }
    return slug.isEmpty() ? "app" : slug;
  }

  /** The {@code n}th slug to try (n ≥ 1) when the slug is taken among the owner's apps. */
  static String numbered(String slug, int n) {
    if (n <= 1) {
      return slug;
    }
    String suffix = "-" + n;
    String base =
        slug.length() + suffix.length() > MAX_SLUG
            ? slug.substring(0, MAX_SLUG - suffix.length())
            : slug;
    return trimHyphens(base) + suffix;
  }

  /** The site name to try first for a slug: the slug, unless reserved. */
  static String siteNameOf(String slug) {
    return RESERVED_SITE_NAMES.contains(slug) ? withSuffix(slug) : slug;
  }

  /** The slug with a random suffix of four letters or digits: a DNS label of ≤ 45 characters. */
  static String withSuffix(String slug) {
    StringBuilder suffix = new StringBuilder(5).append('-');
    for (int i = 0; i < 4; i++) {
      suffix.append(SUFFIX_ALPHABET.charAt(random.nextInt(SUFFIX_ALPHABET.length())));
    }
    return slug + suffix;
  }

  private static String trimHyphens(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && s.charAt(start) == '-') {
      start++;
    }
    while (end > start && s.charAt(end - 1) == '-') {
      end--;
    }
    return s.substring(start, end);
  }
}
