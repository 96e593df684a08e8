package com.webase.account.confirmation;

import com.webase.account.accounts.Account;
import com.webase.platform.security.Caller;
import com.webase.platform.security.PersonOnly;
import java.time.Clock;
import org.springframework.stereotype.Service;

/**
 * Email change and account deletion need a person (not an API token) who either logged in less than
 * {@code recentLogin} ago or gives the current password (DESIGN §5; ASVS 7.2.2, 7.5.1; OWASP API2).
 */
@Service
public class SensitiveActions {

  private final CurrentPasswordCheck passwords;
  private final ConfirmationProperties properties;
  private final Clock clock;

  SensitiveActions(CurrentPasswordCheck passwords, ConfirmationProperties properties, Clock clock) {
    this.passwords = passwords;
    this.properties = properties;
    this.clock = clock;
  }

  /**
   * Returns when the caller may do a sensitive action on {@code account}.
   *
   * @param currentPassword the current password if the request carries one, else null
   */
  public void confirm(Caller caller, Account account, String currentPassword) {
    PersonOnly.require(caller);
    if (currentPassword != null) {
      passwords.require(account.id(), account.email(), currentPassword, "currentPassword");
      return;
    }
    PersonOnly.requireRecentLogin(
        caller,
        properties.recentLogin(),
        clock,
        "For this action, log in again or give your current password (currentPassword)");
  }
}
