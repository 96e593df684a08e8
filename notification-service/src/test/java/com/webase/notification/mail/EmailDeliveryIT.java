package com.webase.notification.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.webase.events.account.AccountCreated;
import com.webase.events.account.EmailChangeRequested;
import com.webase.events.account.PasswordChanged;
import com.webase.events.token.TokenRegenerated;
import com.webase.notification.support.Events;
import com.webase.notification.support.Mailbox;
import com.webase.notification.support.NotificationServiceTest;
import com.webase.testkit.MovableClock;
import com.webase.testkit.RealServers;
import com.webase.testkit.TopicReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

@NotificationServiceTest
class EmailDeliveryIT {

  @Autowired JdbcClient jdbc;
  @Autowired EmailQueue queue;
  @Autowired TransactionTemplate transactions;
  @Autowired DataSource dataSource;
  @Autowired MovableClock clock;

  @Test
  void aRequestedEmailChangeSendsTheLinkToTheNewAddressOnlyAndRecordsIt() {
    String account = "acc-" + UUID.randomUUID();
    String current = address("current");
    String requested = address("requested");
    String secret = "S".repeat(43);
    Events.publish(new AccountCreated(UUID.randomUUID(), Instant.now(), account, current, "Ada"));
    var event =
        new EmailChangeRequested(
            UUID.randomUUID(),
            Instant.now(),
            account,
            "Ada",
            current,
            requested,
            secret,
            Instant.parse("2030-01-02T03:04:05Z"));

    Events.publish(event);

    await().atMost(Duration.ofSeconds(20)).until(() -> Mailbox.to(requested).size() == 1);
    var mail = Mailbox.read(Mailbox.to(requested).getFirst());
    assertThat(mail.subject()).isEqualTo("Confirm your new email address for Webase");
    assertThat(mail.text()).contains("/verify-email.html#" + secret).contains("2 January 2030");
    assertThat(mail.html()).contains("/verify-email.html#" + secret);
    assertThat(mail.text()).contains("If you did not ask for this");
    // the current address gets the welcome mail only, never the link
    await().atMost(Duration.ofSeconds(20)).until(() -> Mailbox.to(current).size() == 1);
    assertThat(Mailbox.read(Mailbox.to(current).getFirst()).text()).doesNotContain(secret);
    var record =
        jdbc.sql(
                """
                select template, recipient, status, sent_at is not null as sent,
                  html_body is null and text_body is null as forgotten
                from email where event_id = ?
                """)
            .param(event.eventId())
            .query()
            .singleRow();
    assertThat(record.get("template")).isEqualTo("verify-email");
    assertThat(record.get("recipient")).isEqualTo(requested);
    assertThat(record.get("status")).isEqualTo("sent");
    assertThat(record.get("sent")).isEqualTo(true);
    assertThat(record.get("forgotten")).as("the link is not kept once sent").isEqualTo(true);
  }

  @Test
  void theSameEventDeliveredTwiceSendsOneMail() {
    String address = address("twice");
    var event =
        new PasswordChanged(UUID.randomUUID(), Instant.now(), "acc-" + UUID.randomUUID(), address);

    Events.publish(event);
    Events.publish(event);

    await().atMost(Duration.ofSeconds(20)).until(() -> Mailbox.to(address).size() == 1);
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(5))
        .until(() -> Mailbox.to(address).size() == 1);
    assertThat(
            jdbc.sql("select count(*) from email where event_id = ?")
                .param(event.eventId())
                .query(Integer.class)
                .single())
        .isEqualTo(1);
  }

  @Test
  void mailsOfEventsThatArriveWhileTheSmtpServerIsDownAllArriveOnceItIsBack() {
    List<String> addresses = new ArrayList<>();
    var smtp = RealServers.smtp();
    smtp.stop();
    try {
      for (int i = 0; i < 20; i++) {
        String address = address("outage" + i);
        addresses.add(address);
        Events.publish(
            new PasswordChanged(
                UUID.randomUUID(), Instant.now(), "acc-" + UUID.randomUUID(), address));
      }
      // 30 s down: nothing arrives, every mail waits in the queue and has been tried
      await()
          .during(Duration.ofSeconds(30))
          .atMost(Duration.ofSeconds(35))
          .until(() -> addresses.stream().allMatch(a -> Mailbox.to(a).isEmpty()));
      assertThat(pendingWithFailures(addresses)).isEqualTo(20);
    } finally {
      smtp.restart();
    }

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> addresses.stream().allMatch(a -> Mailbox.to(a).size() == 1));
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(5))
        .until(() -> addresses.stream().allMatch(a -> Mailbox.to(a).size() == 1));
  }

  @Test
  void aMalformedEventIsParkedOnTheDltAndTheNextOneIsStillProcessed() {
    String poisonAddress = address("poison");
    var poison =
        new PasswordChanged(
            UUID.randomUUID(), Instant.now(), "acc-" + UUID.randomUUID(), poisonAddress);
    String nextAddress = address("next");
    var next =
        new PasswordChanged(UUID.randomUUID(), Instant.now(), poison.accountId(), nextAddress);

    try (var dlt = new TopicReader("webase.account.events.DLT")) {
      Events.publishWithBody(poison, "{ not json".getBytes(StandardCharsets.UTF_8));
      Events.publish(next);

      await().atMost(Duration.ofSeconds(30)).until(() -> Mailbox.to(nextAddress).size() == 1);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  dlt.poll().stream()
                      .anyMatch(
                          r -> poison.eventId().toString().equals(TopicReader.header(r, "ce_id"))));
    }
    assertThat(Mailbox.to(poisonAddress)).isEmpty();
  }

  @Test
  void aNameWithMarkupArrivesEscapedInTheHtmlPartAndAsTypedInTheText() {
    String address = address("markup");
    String name = "<script>alert('x')</script> & Co";

    Events.publish(
        new AccountCreated(
            UUID.randomUUID(), Instant.now(), "acc-" + UUID.randomUUID(), address, name));

    await().atMost(Duration.ofSeconds(20)).until(() -> Mailbox.to(address).size() == 1);
    var mail = Mailbox.read(Mailbox.to(address).getFirst());
    assertThat(mail.html()).doesNotContain("<script>").contains("&lt;script&gt;alert(");
    assertThat(mail.html()).contains("&amp; Co");
    assertThat(mail.text()).contains(name);
  }

  @Test
  void aRegeneratedTokenIsASecurityNoticeWithoutAnyToken() {
    String account = "acc-" + UUID.randomUUID();
    String address = address("token");
    Events.publish(new AccountCreated(UUID.randomUUID(), Instant.now(), account, address, "Tok"));
    Instant now = Instant.now();

    Events.publish(new TokenRegenerated(UUID.randomUUID(), now, account, "old-id", "new-id", now));

    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                Mailbox.to(address).stream()
                    .anyMatch(
                        m -> Mailbox.read(m).subject().contains("API token was regenerated")));
    var mail =
        Mailbox.to(address).stream()
            .map(Mailbox::read)
            .filter(m -> m.subject().contains("API token"))
            .findFirst()
            .orElseThrow();
    assertThat(mail.text()).contains("stopped working at once").doesNotContain("wbt_");
    assertThat(mail.html()).doesNotContain("wbt_").doesNotContain("new-id");
  }

  /**
   * The claim of a mail skips what another sender holds instead of waiting for it: here the test
   * holds one row locked, as another instance in the middle of its claim would.
   */
  @Test
  void aMailAnotherSenderHoldsIsSkippedNotWaitedForAndSentOnceReleased() throws Exception {
    String heldAddress = address("held");
    String freeAddress = address("free");
    UUID heldEvent = UUID.randomUUID();
    Instant later = Instant.now().plus(Duration.ofHours(1));
    // not due yet: the service's loop cannot take them before the test holds one
    transactions.executeWithoutResult(
        status -> {
          queue.enqueue(heldEvent, "password-changed", "acc-held", heldAddress, passwordModel());
          queue.enqueue(
              UUID.randomUUID(), "password-changed", "acc-free", freeAddress, passwordModel());
          jdbc.sql("update email set next_attempt_at = ? where recipient = ?")
              .params(java.sql.Timestamp.from(later), heldAddress)
              .update();
          jdbc.sql("update email set next_attempt_at = ? where recipient = ?")
              .params(java.sql.Timestamp.from(later.plusMillis(1)), freeAddress)
              .update();
        });
    try (Connection otherSender = dataSource.getConnection()) {
      otherSender.setAutoCommit(false);
      try (var lock =
          otherSender.prepareStatement("select id from email where event_id = ? for update")) {
        lock.setObject(1, heldEvent);
        lock.executeQuery().close();
      }

      clock.advance(Duration.ofHours(1).plusSeconds(1)); // both due now, the held one first

      await().atMost(Duration.ofSeconds(20)).until(() -> Mailbox.to(freeAddress).size() == 1);
      assertThat(Mailbox.to(heldAddress)).isEmpty();
      otherSender.rollback(); // the other sender gives up without sending

      await().atMost(Duration.ofSeconds(20)).until(() -> Mailbox.to(heldAddress).size() == 1);
      await()
          .during(Duration.ofSeconds(2))
          .atMost(Duration.ofSeconds(4))
          .until(() -> Mailbox.to(heldAddress).size() == 1);
    } finally {
      clock.reset();
    }
  }

  private static Map<String, Object> passwordModel() {
    return Map.of("name", "Claim", "when", "now", "portalUrl", "http://x");
  }

  private int pendingWithFailures(List<String> addresses) {
    return jdbc.sql(
            "select count(*) from email where recipient in (:to) and status = 'pending' and attempts > 0")
        .param("to", addresses)
        .query(Integer.class)
        .single();
  }

  private static String address(String label) {
    return label + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
  }
}
