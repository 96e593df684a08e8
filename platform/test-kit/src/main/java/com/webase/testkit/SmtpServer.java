package com.webase.testkit;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real SMTP server (GreenMail) in this JVM that accepts every message and keeps it for reading.
 *
 * <p>Thread-safe.
 */
public final class SmtpServer implements AutoCloseable {

  private final int port;
  private final List<MimeMessage> beforeRestarts = new CopyOnWriteArrayList<>();
  private volatile GreenMail greenMail;

  private SmtpServer(GreenMail greenMail, int port) {
    this.greenMail = greenMail;
    this.port = port;
  }

  public static SmtpServer start(int port) {
    long started = System.nanoTime();
    GreenMail greenMail = newServer(port);
    StartupLog.ready("SMTP (GreenMail)", "localhost:" + port, started);
    return new SmtpServer(greenMail, port);
  }

  private static GreenMail newServer(int port) {
    GreenMail greenMail =
        new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    greenMail.start();
    return greenMail;
  }

  public String host() {
    return "localhost";
  }

  public int port() {
    return port;
  }

  /**
   * Every message received since the start or the last {@link #purge()}, oldest first, across
   * {@link #stop()} and {@link #restart()}.
   */
  public synchronized List<MimeMessage> receivedMessages() {
    List<MimeMessage> all = new ArrayList<>(beforeRestarts);
    GreenMail current = greenMail;
    if (current != null) {
      all.addAll(List.of(current.getReceivedMessages()));
    }
    return List.copyOf(all);
  }

  /** The messages received for {@code address} (any of To, Cc, Bcc), oldest first. */
  public List<MimeMessage> receivedFor(String address) {
    return receivedMessages().stream()
        .filter(
            m -> {
              try {
                var recipients = m.getAllRecipients();
                return recipients != null
                    && java.util.Arrays.stream(recipients)
                        .anyMatch(r -> r.toString().equalsIgnoreCase(address));
              } catch (jakarta.mail.MessagingException e) {
                return false;
              }
            })
        .toList();
  }

  public synchronized void purge() {
    beforeRestarts.clear();
    if (greenMail != null) {
      try {
        greenMail.purgeEmailFromAllMailboxes();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** Stops accepting mail (e.g. to test retries while the mail server is down). */
  public synchronized void stop() {
    if (greenMail != null) {
      beforeRestarts.addAll(List.of(greenMail.getReceivedMessages()));
      greenMail.stop();
      greenMail = null;
    }
  }

  /** Accepts mail again on the same port after {@link #stop()}. */
  public synchronized void restart() {
    if (greenMail == null) {
      greenMail = newServer(port);
    }
  }

  @Override
  public void close() {
    stop();
  }
}
