package com.webase.local;

import com.sun.net.httpserver.HttpServer;
import com.webase.testkit.SmtpServer;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The local stack's mailbox in a browser: every mail the stack's SMTP server received, newest
 * first, with its links — how a developer follows a verification link without a real inbox. Only on
 * loopback; everything shown is HTML-escaped.
 */
final class DevMailbox implements AutoCloseable {

  private static final Pattern LINK = Pattern.compile("https?://[^\\s<>\"]+");

  private final HttpServer server;

  private DevMailbox(HttpServer server) {
    this.server = server;
  }

  static DevMailbox start(int port, SmtpServer smtp) {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
      server.createContext(
          "/",
          exchange -> {
            byte[] page = page(smtp).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.getResponseHeaders().add("Cache-Control", "no-store");
            exchange.getResponseHeaders().add("Referrer-Policy", "no-referrer");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
          });
      server.start();
      return new DevMailbox(server);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String page(SmtpServer smtp) {
    List<MimeMessage> messages = new ArrayList<>(smtp.receivedMessages());
    // the server keeps one box per recipient: order by the time each mail was sent
    messages.sort(
        Comparator.comparing(
                (MimeMessage m) -> {
                  try {
                    return m.getSentDate() == null ? new java.util.Date(0) : m.getSentDate();
                  } catch (jakarta.mail.MessagingException e) {
                    return new java.util.Date(0);
                  }
                })
            .reversed());
    StringBuilder html =
        new StringBuilder(
            """
            <!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
            <title>Webase dev mailbox</title>
            <style>body{font-family:sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}
            article{border:1px solid #ccc;border-radius:6px;padding:0.5rem 1rem;margin:1rem 0}
            pre{white-space:pre-wrap;background:#f6f6f6;padding:0.5rem}</style></head><body>
            <h1>Webase dev mailbox</h1>
            <p>Every mail the local stack sent, newest first. Reload for new ones.</p>
            """);
    if (messages.isEmpty()) {
      html.append("<p><em>No mail yet.</em></p>");
    }
    for (MimeMessage message : messages) {
      try {
        String text = textOf(message);
        html.append("<article><p><strong>")
            .append(escape(message.getSubject()))
            .append("</strong><br>To: ")
            .append(escape(String.join(", ", addresses(message))))
            .append("<br>")
            .append(escape(String.valueOf(message.getSentDate())))
            .append("</p>");
        Matcher links = LINK.matcher(text == null ? "" : text);
        List<String> seen = new ArrayList<>();
        while (links.find()) {
          if (!seen.contains(links.group())) {
            seen.add(links.group());
            html.append("<p><a href=\"")
                .append(escape(links.group()))
                .append("\">")
                .append(escape(links.group()))
                .append("</a></p>");
          }
        }
        html.append("<pre>").append(escape(text == null ? "" : text)).append("</pre></article>");
      } catch (Exception e) {
        html.append("<article><p>unreadable message: ")
            .append(escape(e.toString()))
            .append("</p></article>");
      }
    }
    return html.append("</body></html>").toString();
  }

  private static List<String> addresses(MimeMessage message) throws Exception {
    List<String> to = new ArrayList<>();
    if (message.getAllRecipients() != null) {
      for (var address : message.getAllRecipients()) {
        to.add(address.toString());
      }
    }
    return to;
  }

  private static String textOf(Part part) throws Exception {
    if (part.isMimeType("text/plain")) {
      return (String) part.getContent();
    }
    if (part.isMimeType("multipart/*")) {
      Multipart multipart = (Multipart) part.getContent();
      for (int i = 0; i < multipart.getCount(); i++) {
        String text = textOf(multipart.getBodyPart(i));
        if (text != null) {
          return text;
        }
      }
    }
    return null;
  }

  static String escape(String value) {
    return value
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;")
        .replace("'", "&#39;");
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
