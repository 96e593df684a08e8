package com.webase.account.password;

import com.nulabinc.zxcvbn.Strength;
import com.nulabinc.zxcvbn.Zxcvbn;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Webase's password rules (DESIGN §1, §5; NIST SP 800-63B-4, OWASP ASVS 5.0 6.2): at least 12 and
 * at most 128 characters, any characters, no composition rule; refused when the confirmation
 * differs, when it is the current password, when it contains the email's local part or the name, or
 * when zxcvbn rates it below 3 (common, breached-style or guessable) — with zxcvbn's feedback so
 * the portal can say what would help.
 *
 * <p>Thread-safe; build one and share it (zxcvbn loads its dictionaries once).
 */
public final class PasswordPolicy {

  public static final int MIN_LENGTH = 12;
  public static final int MAX_LENGTH = 128;
  public static final int MIN_SCORE = 3;

  /** Parts of a name or address shorter than this are too common to refuse passwords over. */
  private static final int MIN_PERSONAL_PART = 3;

  private final Zxcvbn zxcvbn = new Zxcvbn();

  /** What the person is choosing a password for. */
  public record Candidate(
      String newPassword,
      String confirmPassword,
      String currentPassword,
      String email,
      String name) {}

  /**
   * Why the policy refuses a candidate.
   *
   * @param type the problem type slug, one per rule
   * @param field the request field to point at
   * @param reason what to do about it
   * @param feedback zxcvbn's warning and suggestions, for weak passwords
   */
  public record Refusal(
      String type, String field, String reason, Integer score, Feedback feedback) {}

  public record Feedback(
      @Schema(description = "Why the password is weak, if it is.") String warning,
      @Schema(description = "How to make it stronger.") List<String> suggestions) {}

  /** How strong a password is, for a strength meter. */
  public record Estimate(
      @Schema(
              description =
                  "Strength from 0 (guessable) to 4 (very strong); 3 or more is accepted.",
              minimum = "0",
              maximum = "4")
          int score,
      @Schema(description = "Advice for a stronger password.") Feedback feedback) {}

  public Optional<Refusal> check(Candidate candidate) {
    String password = candidate.newPassword();
    if (password == null || password.isEmpty()) {
      return refuse("password-required", "newPassword", "Choose a new password.");
    }
    if (!password.equals(candidate.confirmPassword())) {
      return refuse(
          "password-confirmation-mismatch",
          "confirmPassword",
          "The two new passwords are not the same.");
    }
    int length = password.codePointCount(0, password.length());
    if (length < MIN_LENGTH) {
      return refuse(
          "password-too-short",
          "newPassword",
          "Use at least " + MIN_LENGTH + " characters; a few unrelated words work well.");
    }
    if (length > MAX_LENGTH) {
      return refuse(
          "password-too-long", "newPassword", "Use at most " + MAX_LENGTH + " characters.");
    }
    if (password.equals(candidate.currentPassword())) {
      return refuse(
          "password-unchanged", "newPassword", "The new password is the current password.");
    }
    String lower = password.toLowerCase(Locale.ROOT);
    for (String part : emailParts(candidate.email())) {
      if (lower.contains(part)) {
        return refuse(
            "password-contains-email",
            "newPassword",
            "Do not use your email address or a part of it in your password.");
      }
    }
    for (String part : nameParts(candidate.name())) {
      if (lower.contains(part)) {
        return refuse(
            "password-contains-name", "newPassword", "Do not use your name in your password.");
      }
    }
    Estimate estimate = estimate(password, candidate.email(), candidate.name());
    if (estimate.score() < MIN_SCORE) {
      String warning = estimate.feedback().warning();
      return Optional.of(
          new Refusal(
              "password-too-weak",
              "newPassword",
              warning == null || warning.isBlank()
                  ? "This password is easy to guess; make it longer or less common."
                  : warning,
              estimate.score(),
              estimate.feedback()));
    }
    return Optional.empty();
  }

  /** zxcvbn's score (0–4) and feedback, with the person's own email and name as known words. */
  public Estimate estimate(String password, String email, String name) {
    List<String> personal = new ArrayList<>(emailParts(email));
    personal.addAll(nameParts(name));
    Strength strength = zxcvbn.measure(password, personal);
    var feedback = strength.getFeedback();
    return new Estimate(
        strength.getScore(),
        new Feedback(
            feedback.getWarning(Locale.ENGLISH),
            List.copyOf(feedback.getSuggestions(Locale.ENGLISH))));
  }

  private static Optional<Refusal> refuse(String type, String field, String reason) {
    return Optional.of(new Refusal(type, field, reason, null, null));
  }

  private static List<String> emailParts(String email) {
    if (email == null || email.indexOf('@') <= 0) {
      return List.of();
    }
    String local = email.substring(0, email.indexOf('@')).toLowerCase(Locale.ROOT);
    return local.length() >= MIN_PERSONAL_PART ? List.of(local) : List.of();
  }

  private static List<String> nameParts(String name) {
    if (name == null) {
      return List.of();
    }
    List<String> parts = new ArrayList<>();
    for (String part : name.toLowerCase(Locale.ROOT).split("[\\s\\p{Punct}]+")) {
      if (part.codePointCount(0, part.length()) >= MIN_PERSONAL_PART) {
        parts.add(part);
      }
    }
    return parts;
  }
}
