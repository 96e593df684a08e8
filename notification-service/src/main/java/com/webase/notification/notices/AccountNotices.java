package com.webase.notification.notices;

import com.webase.events.account.AccountCreated;
import com.webase.events.account.EmailChangeRequested;
import com.webase.events.account.EmailChanged;
import com.webase.events.account.PasswordChanged;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The account events people hear of (DESIGN §6). One small rule per event type. */
final class AccountNotices {

  private AccountNotices() {}

  /** The welcome mail: not about security, so a person may switch it off. */
  @Component
  static class Welcome implements NoticeRule<AccountCreated> {
    public Class<AccountCreated> handles() {
      return AccountCreated.class;
    }

    public List<Notice> noticesFor(AccountCreated event, Context context) {
      return List.of(
          new Notice.Email(
              "welcome",
              event.accountId(),
              event.email(),
              "welcomeEmail",
              Map.of("name", event.name(), "portalUrl", context.portalUrl())));
    }
  }

  /**
   * The verification link goes to the new address only, with its expiry and what to do if the
   * person did not ask. The secret rides in the URL's fragment, which browsers never send to a
   * server, so no access log or referrer can hold it.
   */
  @Component
  static class VerifyNewAddress implements NoticeRule<EmailChangeRequested> {
    public Class<EmailChangeRequested> handles() {
      return EmailChangeRequested.class;
    }

    public List<Notice> noticesFor(EmailChangeRequested event, Context context) {
      return List.of(
          new Notice.Email(
              "verify-email",
              event.accountId(),
              event.newEmail(),
              null,
              Map.of(
                  "name", event.name(),
                  "newEmail", event.newEmail(),
                  "link", context.portalUrl() + "/verify-email.html#" + event.verificationSecret(),
                  "expiresAt", Times.readable(event.expiresAt()))));
    }
  }

  /** The old address is told afterwards, with the time and how to get help. */
  @Component
  static class TellOldAddress implements NoticeRule<EmailChanged> {
    public Class<EmailChanged> handles() {
      return EmailChanged.class;
    }

    public List<Notice> noticesFor(EmailChanged event, Context context) {
      String name = context.recipient(event.accountId()).map(r -> r.name()).orElse("");
      String when = Times.readable(event.occurredAt());
      return List.of(
          new Notice.Email(
              "email-changed",
              event.accountId(),
              event.oldEmail(),
              null,
              Map.of(
                  "name", name,
                  "oldEmail", event.oldEmail(),
                  "newEmail", event.newEmail(),
                  "when", when,
                  "portalUrl", context.portalUrl())),
          new Notice.InApp(
              event.accountId(),
              "email-changed",
              "Email address changed",
              "Your email address is now " + event.newEmail() + " (changed " + when + ").",
              null));
    }
  }

  @Component
  static class PasswordNotice implements NoticeRule<PasswordChanged> {
    public Class<PasswordChanged> handles() {
      return PasswordChanged.class;
    }

    public List<Notice> noticesFor(PasswordChanged event, Context context) {
      String name = context.recipient(event.accountId()).map(r -> r.name()).orElse("");
      String when = Times.readable(event.occurredAt());
      return List.of(
          new Notice.Email(
              "password-changed",
              event.accountId(),
              event.email(),
              null,
              Map.of("name", name, "when", when, "portalUrl", context.portalUrl())),
          new Notice.InApp(
              event.accountId(),
              "password-changed",
              "Password changed",
              "Your password was changed " + when + "; your other sessions were signed out.",
              null));
    }
  }
}
