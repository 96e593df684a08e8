package com.webase.notification.notices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.webase.events.WebaseEvent;
import com.webase.events.account.AccountCreated;
import com.webase.events.account.EmailChangeRequested;
import com.webase.events.account.EmailChanged;
import com.webase.events.account.PasswordChanged;
import com.webase.events.account.ProfileUpdated;
import com.webase.events.apps.ChatMessagePosted;
import com.webase.events.apps.EvaluationCompleted;
import com.webase.events.token.TokenRegenerated;
import com.webase.notification.mail.MailTemplates;
import com.webase.notification.recipients.Recipient;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class NoticeRulesTest {

  private static final Instant NOW = Instant.parse("2026-11-26T10:15:00Z");
  private static final String ACCOUNT = "acc-1";

  private final NoticeRules rules =
      new NoticeRules(
          List.of(
              new AccountNotices.Welcome(),
              new AccountNotices.VerifyNewAddress(),
              new AccountNotices.TellOldAddress(),
              new AccountNotices.PasswordNotice(),
              new TokenNotices(),
              new AppNotices.Deployment(),
              new AppNotices.ChatReply(),
              new AppNotices.Evaluation()));
  private final MailTemplates templates = new MailTemplates();

  private final NoticeRule.Context known =
      new NoticeRule.Context() {
        public Optional<Recipient> recipient(String accountId) {
          return Optional.of(new Recipient(accountId, "ada@example.com", "Ada"));
        }

        public String portalUrl() {
          return "https://app.webase.dev";
        }
      };

  private List<Notice> noticesOf(WebaseEvent event) {
    return rules.noticesFor(event, known);
  }

  @Test
  void everyMailOfEveryRuleRendersWithASubjectTextAndHtml() {
    List<WebaseEvent> events =
        List.of(
            new AccountCreated(UUID.randomUUID(), NOW, ACCOUNT, "ada@example.com", "Ada"),
            new EmailChangeRequested(
                UUID.randomUUID(), NOW, ACCOUNT, "Ada", "a@x.io", "b@x.io", "s".repeat(43), NOW),
            new EmailChanged(UUID.randomUUID(), NOW, ACCOUNT, "a@x.io", "b@x.io"),
            new PasswordChanged(UUID.randomUUID(), NOW, ACCOUNT, "a@x.io"),
            new TokenRegenerated(UUID.randomUUID(), NOW, ACCOUNT, "o", "n", NOW.plusSeconds(60)));
    for (WebaseEvent event : events) {
      List<Notice.Email> mails =
          noticesOf(event).stream()
              .filter(Notice.Email.class::isInstance)
              .map(Notice.Email.class::cast)
              .toList();
      assertThat(mails).as(event.getClass().getSimpleName()).hasSize(1);
      var mail = mails.getFirst();
      Map<String, Object> model = new HashMap<>(mail.model());
      if (mail.to() == null) {
        model.put("name", "Ada"); // what the intake adds for a mail to the account's address
      }
      var rendered = templates.render(mail.template(), model);
      assertThat(rendered.subject()).isNotBlank().doesNotContain("\n");
      assertThat(rendered.text()).isNotBlank().doesNotContain("{{");
      assertThat(rendered.html()).startsWith("<!DOCTYPE html>").doesNotContain("{{");
    }
  }

  @Test
  void onlyTheWelcomeMailCanBeSwitchedOff() {
    var welcome =
        (Notice.Email)
            noticesOf(new AccountCreated(UUID.randomUUID(), NOW, ACCOUNT, "a@x.io", "A"))
                .getFirst();
    var password =
        (Notice.Email)
            noticesOf(new PasswordChanged(UUID.randomUUID(), NOW, ACCOUNT, "a@x.io")).getFirst();

    assertThat(welcome.preference()).isEqualTo("welcomeEmail");
    assertThat(password.preference()).isNull();
  }

  @Test
  void theVerificationLinkGoesToTheNewAddressWithTheSecretInTheFragment() {
    var mail =
        (Notice.Email)
            noticesOf(
                    new EmailChangeRequested(
                        UUID.randomUUID(),
                        NOW,
                        ACCOUNT,
                        "Ada",
                        "old@x.io",
                        "new@x.io",
                        "S3cr3t",
                        NOW))
                .getFirst();

    assertThat(mail.to()).isEqualTo("new@x.io");
    assertThat(mail.model().get("link"))
        .isEqualTo("https://app.webase.dev/verify-email.html#S3cr3t");
  }

  @Test
  void aTokenRegenerationIsMailedToTheAccountsAddressAsAccountServiceKnowsIt() {
    var notices =
        noticesOf(new TokenRegenerated(UUID.randomUUID(), NOW, ACCOUNT, "old-id", "new-id", NOW));

    assertThat(notices).hasSize(2);
    var mail =
        notices.stream()
            .filter(Notice.Email.class::isInstance)
            .map(Notice.Email.class::cast)
            .findFirst()
            .orElseThrow();
    // the intake fills in the address and the name, or holds the mail until they are known
    assertThat(mail.to()).isNull();
    assertThat(mail.accountId()).isEqualTo(ACCOUNT);
    assertThat(mail.preference()).as("security mail has no switch").isNull();
    assertThat(mail.model()).doesNotContainKey("name");
    assertThat(mail.model().values().toString()).doesNotContain("old-id").doesNotContain("new-id");
  }

  @Test
  void eventsWithoutARuleAndRulesForTheirResultsAreHandled() {
    assertThat(noticesOf(new ProfileUpdated(UUID.randomUUID(), NOW, ACCOUNT, "X"))).isEmpty();
    assertThat(
            noticesOf(
                new EvaluationCompleted(UUID.randomUUID(), NOW, "app", ACCOUNT, "ev", "failed")))
        .singleElement()
        .extracting(n -> ((Notice.InApp) n).kind())
        .isEqualTo("evaluation-failed");
  }

  @Test
  void theBuildersReplyIsAnInAppNoticeAndThePersonsOwnMessageIsNot() {
    String reply = "Applied the change: modified index.html. " + "x".repeat(300);

    assertThat(
            noticesOf(
                new ChatMessagePosted(UUID.randomUUID(), NOW, "app", ACCOUNT, "m1", "user", "hi")))
        .isEmpty();
    Notice.InApp notice =
        (Notice.InApp)
            noticesOf(
                    new ChatMessagePosted(
                        UUID.randomUUID(), NOW, "app", ACCOUNT, "m2", "assistant", reply))
                .getFirst();
    assertThat(notice.kind()).isEqualTo("chat-reply");
    assertThat(notice.accountId()).isEqualTo(ACCOUNT);
    assertThat(notice.body()).startsWith("Applied the change").hasSize(200).endsWith("…");
  }

  @Test
  void aTemplateValueThatIsMissingIsAnErrorNotAGap() {
    assertThatThrownBy(() -> templates.render("welcome", Map.of("name", "Ada")))
        .isInstanceOf(RuntimeException.class);
  }
}
