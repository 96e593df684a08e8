package com.webase.account.password;

import com.webase.account.accounts.Account;
import com.webase.account.activity.SecurityActivity;
import com.webase.account.confirmation.CurrentPasswordCheck;
import com.webase.account.identity.KeycloakUsers;
import com.webase.events.account.PasswordChanged;
import com.webase.platform.problem.ProblemException;
import com.webase.platform.problem.ProblemResponses;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Changes a password (DESIGN §5): the current one checked against Keycloak (rate-limited), the new
 * one against {@link PasswordPolicy}, then set in Keycloak, the user's other Keycloak sessions
 * ended (ASVS 7.4.3) and {@code PasswordChanged} recorded for the security notice.
 */
@Service
class PasswordChange {

  private final PasswordPolicy policy;
  private final CurrentPasswordCheck currentPasswords;
  private final KeycloakUsers keycloak;
  private final SecurityActivity activity;
  private final ApplicationEventPublisher events;
  private final TransactionTemplate transactions;
  private final Clock clock;
  private final MeterRegistry meters;

  PasswordChange(
      PasswordPolicy policy,
      CurrentPasswordCheck currentPasswords,
      KeycloakUsers keycloak,
      SecurityActivity activity,
      ApplicationEventPublisher events,
      TransactionTemplate transactions,
      Clock clock,
      MeterRegistry meters) {
    this.meters = meters;
    this.policy = policy;
    this.currentPasswords = currentPasswords;
    this.keycloak = keycloak;
    this.activity = activity;
    this.events = events;
    this.transactions = transactions;
    this.clock = clock;
  }

  /**
   * @param keepSessionId the Keycloak session the request came from ({@code sid}), which stays
   */
  void change(
      Account account,
      String currentPassword,
      String newPassword,
      String confirmPassword,
      String keepSessionId) {
    try {
      changeOrRefuse(account, currentPassword, newPassword, confirmPassword, keepSessionId);
      count("changed");
    } catch (ProblemException e) {
      count(
          switch (e.slug()) {
            case "current-password-wrong" -> "current-wrong";
            case "too-many-password-attempts" -> "rate-limited";
            case "login-temporarily-locked" -> "locked";
            case "identity-provider-unavailable" -> "failed";
            default -> "refused";
          });
      throw e;
    }
  }

  private void count(String outcome) {
    meters.counter("webase.account.password.changes", "outcome", outcome).increment();
  }

  private void changeOrRefuse(
      Account account,
      String currentPassword,
      String newPassword,
      String confirmPassword,
      String keepSessionId) {
    // the policy first: a refused new password costs no attempt at the current one
    policy
        .check(
            new PasswordPolicy.Candidate(
                newPassword, confirmPassword, null, account.email(), account.name()))
        .ifPresent(
            refusal -> {
              throw refused(refusal);
            });
    currentPasswords.require(account.id(), account.email(), currentPassword, "currentPassword");
    policy
        .check(
            new PasswordPolicy.Candidate(
                newPassword, confirmPassword, currentPassword, account.email(), account.name()))
        .ifPresent(
            refusal -> {
              throw refused(refusal);
            });
    keycloak.setPassword(account.id(), newPassword);
    keycloak.endSessionsExcept(account.id(), keepSessionId);
    Instant now = clock.instant();
    transactions.executeWithoutResult(
        status -> {
          activity.record(account.id(), "password-changed", null, now);
          events.publishEvent(
              new PasswordChanged(UUID.randomUUID(), now, account.id(), account.email()));
        });
  }

  private static ProblemException refused(PasswordPolicy.Refusal refusal) {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put(
        "errors", List.of(new ProblemResponses.FieldError(refusal.field(), refusal.reason())));
    if (refusal.score() != null) {
      properties.put("score", refusal.score());
      properties.put("minimumScore", PasswordPolicy.MIN_SCORE);
      properties.put("feedback", refusal.feedback());
    }
    return new ProblemException(
        HttpStatus.BAD_REQUEST,
        refusal.type(),
        "Password not accepted",
        refusal.reason(),
        properties);
  }
}
