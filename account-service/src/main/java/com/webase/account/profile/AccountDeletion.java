package com.webase.account.profile;

import com.webase.account.accounts.Account;
import com.webase.account.accounts.Accounts;
import com.webase.account.activity.SecurityActivity;
import com.webase.account.confirmation.CurrentPasswordCheck;
import com.webase.account.email.EmailChanges;
import com.webase.account.identity.KeycloakUsers;
import com.webase.events.account.AccountDeleted;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deletes an account: the Keycloak user (so no login works any more), then everything kept here,
 * and announces {@code AccountDeleted} (token-service revokes every token; apps and records clean
 * up).
 */
@Service
class AccountDeletion {

  private final Accounts accounts;
  private final KeycloakUsers keycloak;
  private final EmailChanges emailChanges;
  private final CurrentPasswordCheck currentPasswords;
  private final SecurityActivity activity;
  private final ApplicationEventPublisher events;
  private final TransactionTemplate transactions;
  private final Clock clock;

  AccountDeletion(
      Accounts accounts,
      KeycloakUsers keycloak,
      EmailChanges emailChanges,
      CurrentPasswordCheck currentPasswords,
      SecurityActivity activity,
      ApplicationEventPublisher events,
      TransactionTemplate transactions,
      Clock clock) {
    this.accounts = accounts;
    this.keycloak = keycloak;
    this.emailChanges = emailChanges;
    this.currentPasswords = currentPasswords;
    this.activity = activity;
    this.events = events;
    this.transactions = transactions;
    this.clock = clock;
  }

  void delete(Account account) {
    // Keycloak first: once the user is gone nobody can log in as them; if the rest then fails, a
    // retry finds the Keycloak user already deleted and finishes.
    keycloak.delete(account.id());
    transactions.executeWithoutResult(
        status -> {
          Instant now = clock.instant();
          emailChanges.forget(account.id());
          currentPasswords.forget(account.id());
          activity.deleteAll(account.id());
          accounts.delete(account.id(), now);
          events.publishEvent(
              new AccountDeleted(UUID.randomUUID(), now, account.id(), account.email()));
        });
  }
}
