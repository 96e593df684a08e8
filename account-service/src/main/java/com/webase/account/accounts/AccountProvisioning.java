package com.webase.account.accounts;

import com.webase.account.activity.SecurityActivity;
import com.webase.account.identity.KeycloakUsers;
import com.webase.events.account.AccountCreated;
import com.webase.platform.problem.ProblemException;
import com.webase.platform.security.Caller;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Accounts come into being just in time (DESIGN §5): the first authenticated request of a user
 * creates the account from the claims of the person's Keycloak token and announces {@code
 * AccountCreated} — once, however many first requests arrive together. A program's token-service
 * JWT carries no profile, so for a program the profile is read from Keycloak.
 */
@Service
public class AccountProvisioning {

  private final Accounts accounts;
  private final KeycloakUsers keycloak;
  private final SecurityActivity activity;
  private final ApplicationEventPublisher events;
  private final TransactionTemplate transactions;
  private final Clock clock;

  AccountProvisioning(
      Accounts accounts,
      KeycloakUsers keycloak,
      SecurityActivity activity,
      ApplicationEventPublisher events,
      TransactionTemplate transactions,
      Clock clock) {
    this.accounts = accounts;
    this.keycloak = keycloak;
    this.activity = activity;
    this.events = events;
    this.transactions = transactions;
    this.clock = clock;
  }

  /** The caller's account, created now if this is the user's first request. */
  public Account accountOf(Caller caller, Jwt jwt) {
    var existing = accounts.find(caller.userId());
    if (existing.isPresent()) {
      return existing.get();
    }
    if (accounts.wasDeleted(caller.userId())) {
      throw new ProblemException(
          HttpStatus.GONE,
          "account-deleted",
          "Account deleted",
          "This account was deleted; its logins and tokens no longer work.");
    }
    Profile profile = caller.isPerson() ? fromClaims(jwt) : fromKeycloak(caller.userId());
    Instant now = clock.instant();
    Account made =
        new Account(caller.userId(), profile.email(), profile.verified(), profile.name(), now, now);
    transactions.executeWithoutResult(
        status -> {
          if (accounts.insertIfAbsent(made)) {
            activity.record(made.id(), "account-created", null, now);
            events.publishEvent(
                new AccountCreated(UUID.randomUUID(), now, made.id(), made.email(), made.name()));
          }
        });
    return accounts.find(caller.userId()).orElseThrow();
  }

  private record Profile(String email, boolean verified, String name) {}

  private static Profile fromClaims(Jwt jwt) {
    String email = jwt.getClaimAsString("email");
    if (email == null || email.isBlank()) {
      throw new ProblemException(
          HttpStatus.FORBIDDEN,
          "profile-claims-missing",
          "Login without an email address",
          "The login token carries no email address; log in through the Webase portal.");
    }
    Boolean verified = jwt.getClaimAsBoolean("email_verified");
    String name = jwt.getClaimAsString("name");
    return new Profile(
        email, Boolean.TRUE.equals(verified), name == null || name.isBlank() ? email : name);
  }

  private Profile fromKeycloak(String userId) {
    var user =
        keycloak
            .find(userId)
            .orElseThrow(
                () ->
                    new ProblemException(
                        HttpStatus.NOT_FOUND,
                        "account-not-found",
                        "Account not found",
                        "There is no account for this token's user."));
    String name = user.displayName().isBlank() ? user.email() : user.displayName();
    return new Profile(user.email(), user.emailVerified(), name);
  }
}
