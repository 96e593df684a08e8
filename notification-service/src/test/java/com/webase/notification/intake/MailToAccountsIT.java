package com.webase.notification.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.webase.events.account.AccountCreated;
import com.webase.events.account.AccountDeleted;
import com.webase.events.account.PasswordChanged;
import com.webase.events.token.TokenRegenerated;
import com.webase.notification.support.Events;
import com.webase.notification.support.Mailbox;
import com.webase.notification.support.NotificationServiceTest;
import com.webase.testkit.MovableClock;
import com.webase.testkit.RealServers;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.internet.MimeMessage;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A token regeneration that reaches notification-service before the person's {@code AccountCreated}
 * (it comes on another topic, and sooner: decision 0013) is mailed once the address is known
 * (decision 0014).
 */
@NotificationServiceTest
class MailToAccountsIT {

  @Autowired JdbcClient jdbc;
  @Autowired MovableClock clock;
  @Autowired MeterRegistry meters;

  @Test
  void aRegenerationThatOvertakesAccountCreatedIsMailedOnceTheAddressIsKnown() {
    String account = "acc-" + UUID.randomUUID();
    String address = address("overtaken");

    var regenerated = regenerationHeld(account);

    assertThat(inApp(account)).as("the in-app notice does not wait").isEqualTo(1);
    assertThat(queued(regenerated.eventId())).isZero();

    Events.publish(
        new AccountCreated(UUID.randomUUID(), Instant.now(), account, address, "Grace Hopper"));

    await().atMost(Duration.ofSeconds(20)).until(() -> tokenMails(address).size() == 1);
    var mail = Mailbox.read(tokenMails(address).getFirst());
    assertThat(mail.text()).contains("Grace Hopper").contains("stopped working at once");
    assertThat(mail.html()).contains("Grace Hopper");
    assertThat(held(account)).isZero();
    // the welcome mail too, and the token mail only once
    await().atMost(Duration.ofSeconds(20)).until(() -> Mailbox.to(address).size() == 2);
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(4))
        .until(() -> tokenMails(address).size() == 1);
  }

  /**
   * An SMTP server that accepts connections and never answers holds the delivery loop for its read
   * timeout (10 s) per attempt; held mail is released on a thread of its own meanwhile. (With
   * Spring's default single scheduling thread this failed: the release waited for the timeout.)
   */
  @Test
  void heldMailIsReleasedWhileTheSmtpServerHoldsTheDeliveryLoop() throws Exception {
    String account = "acc-" + UUID.randomUUID();
    Instant now = Instant.now();
    var regenerated = regenerationHeld(account);
    var smtp = RealServers.smtp();
    smtp.stop();
    try (var silent = new ServerSocket()) {
      silent.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), smtp.port()));
      var stuck = new PasswordChanged(UUID.randomUUID(), now, "acc-" + UUID.randomUUID(), "x@y.z");
      Events.publish(stuck);
      // the delivery loop has taken the mail and waits for the server's greeting
      await().atMost(Duration.ofSeconds(20)).until(() -> claimed(stuck.eventId()));

      Events.publish(new AccountCreated(UUID.randomUUID(), now, account, address("busy"), "Busy"));

      await().atMost(Duration.ofSeconds(5)).until(() -> queued(regenerated.eventId()) == 1);
      assertThat(held(account)).isZero();
    } finally {
      smtp.restart();
    }
  }

  @Test
  void heldMailIsDroppedWhenNoAddressCameWithinTheHoldPeriod() {
    String account = "acc-" + UUID.randomUUID();
    String address = address("late");
    Instant now = Instant.now();
    double expiredBefore = expired();
    regenerationHeld(account);

    clock.advance(Duration.ofDays(7).plusMinutes(1));

    await().atMost(Duration.ofSeconds(10)).until(() -> held(account) == 0);
    assertThat(expired()).isGreaterThan(expiredBefore);
    clock.reset();
    Events.publish(new AccountCreated(UUID.randomUUID(), now, account, address, "Late"));
    // the welcome mail arrives; the week-old security notice does not
    await().atMost(Duration.ofSeconds(20)).until(() -> Mailbox.to(address).size() == 1);
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(4))
        .until(() -> Mailbox.to(address).size() == 1 && tokenMails(address).isEmpty());
  }

  @Test
  void aDeletedAccountsHeldMailIsDropped() {
    String account = "acc-" + UUID.randomUUID();
    regenerationHeld(account);

    Events.publish(new AccountDeleted(UUID.randomUUID(), Instant.now(), account, address("gone")));

    await().atMost(Duration.ofSeconds(20)).until(() -> held(account) == 0);
  }

  /**
   * Publishes a token regeneration of someone account-service has not announced; returns once its
   * mail is held.
   */
  private TokenRegenerated regenerationHeld(String account) {
    Instant now = Instant.now();
    var regenerated = new TokenRegenerated(UUID.randomUUID(), now, account, "old", "new", now);
    Events.publish(regenerated);
    await().atMost(Duration.ofSeconds(20)).until(() -> held(account) == 1);
    return regenerated;
  }

  private int held(String account) {
    return jdbc.sql("select count(*) from held_email where account_id = ?")
        .param(account)
        .query(Integer.class)
        .single();
  }

  /** Whether the delivery loop has claimed the event's mail (its next attempt moved ahead). */
  private boolean claimed(UUID eventId) {
    return jdbc.sql(
                """
            select count(*) from email where event_id = ? and status = 'pending'
              and next_attempt_at > now() + interval '30 seconds'
            """)
            .param(eventId)
            .query(Integer.class)
            .single()
        == 1;
  }

  private int inApp(String account) {
    return jdbc.sql(
            "select count(*) from notification where account_id = ? and kind = 'token-regenerated'")
        .param(account)
        .query(Integer.class)
        .single();
  }

  private int queued(UUID eventId) {
    return jdbc.sql("select count(*) from email where event_id = ?")
        .param(eventId)
        .query(Integer.class)
        .single();
  }

  private double expired() {
    var counter =
        meters
            .find("webase.notifications.emails.held")
            .tag("template", "token-regenerated")
            .tag("outcome", "expired")
            .counter();
    return counter == null ? 0 : counter.count();
  }

  private static List<MimeMessage> tokenMails(String address) {
    return Mailbox.to(address).stream()
        .filter(m -> Mailbox.read(m).subject().contains("API token was regenerated"))
        .toList();
  }

  private static String address(String label) {
    return label + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
  }
}
