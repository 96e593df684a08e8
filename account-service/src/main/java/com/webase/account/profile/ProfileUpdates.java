package com.webase.account.profile;

import com.webase.account.accounts.Account;
import com.webase.account.accounts.Accounts;
import com.webase.account.activity.SecurityActivity;
import com.webase.account.identity.KeycloakUsers;
import com.webase.events.account.ProfileUpdated;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A new display name takes effect at once: here, in Keycloak, and through {@code ProfileUpdated}.
 */
@Service
class ProfileUpdates {

  private final Accounts accounts;
  private final KeycloakUsers keycloak;
  private final SecurityActivity activity;
  private final ApplicationEventPublisher events;
  private final TransactionTemplate transactions;
  private final Clock clock;

  ProfileUpdates(
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

  void rename(Account account, String name) {
    if (name.equals(account.name())) {
      return;
    }
    transactions.executeWithoutResult(
        status -> {
          accounts.lock(account.id()).orElseThrow();
          Instant now = clock.instant();
          accounts.updateName(account.id(), name, now);
          activity.record(account.id(), "profile-updated", name, now);
          events.publishEvent(new ProfileUpdated(UUID.randomUUID(), now, account.id(), name));
          // inside the transaction: if Keycloak refuses, the name does not change here either
          keycloak.updateName(account.id(), name);
        });
  }
}
