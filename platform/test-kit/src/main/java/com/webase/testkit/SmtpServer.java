package com.webase.testkit;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.util.List;

/**
 * A real SMTP server (GreenMail) in this JVM that accepts every message and keeps it for reading.
 *
 * <p>Thread-safe.
 */
public final class SmtpServer implements AutoCloseable {

  private final GreenMail greenMail;
  private final int port;

  private SmtpServer(GreenMail greenMail, int port) {
    this.greenMail = greenMail;
    this.port = port;
  }

  public static SmtpServer start(int port) {
    long started = System.nanoTime();
    GreenMail greenMail =
        new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    greenMail.start();
    StartupLog.ready("SMTP (GreenMail)", "localhost:" + port, started);
    return new SmtpServer(greenMail, port);
  }

  public String host() {
    return "localhost";
  }

  public int port() {
    return port;
  }

  /** Every message received since the start or the last {@link #purge()}, oldest first. */
  public List<MimeMessage> receivedMessages() {
    return List.of(greenMail.getReceivedMessages());
  }

  public void purge() {
    try {
      greenMail.purgeEmailFromAllMailboxes();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Stops accepting mail (e.g. to test retries while the mail server is down). */
  public void stop() {
    greenMail.stop();
  }

  @Override
  public void close() {
    stop();
  }
}
