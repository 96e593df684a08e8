package com.webase.notification.support;

import com.webase.testkit.RealServers;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.util.List;

/** The test SMTP server's messages, read as a person's mail client would. */
public final class Mailbox {

  private Mailbox() {}

  public static List<MimeMessage> to(String address) {
    return RealServers.smtp().receivedFor(address);
  }

  /** A message's parts: subject, plain text and HTML. */
  public record Read(String subject, String text, String html) {}

  public static Read read(MimeMessage message) {
    try {
      String[] parts = new String[2];
      collect(message, parts);
      return new Read(message.getSubject(), parts[0], parts[1]);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static void collect(Part part, String[] parts) throws Exception {
    if (part.isMimeType("text/plain") && parts[0] == null) {
      parts[0] = (String) part.getContent();
    } else if (part.isMimeType("text/html") && parts[1] == null) {
      parts[1] = (String) part.getContent();
    } else if (part.isMimeType("multipart/*")) {
      Multipart multipart = (Multipart) part.getContent();
      for (int i = 0; i < multipart.getCount(); i++) {
        BodyPart body = multipart.getBodyPart(i);
        collect(body, parts);
      }
    }
  }
}
