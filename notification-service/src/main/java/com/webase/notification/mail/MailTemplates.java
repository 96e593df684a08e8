package com.webase.notification.mail;

import com.samskivert.mustache.Escapers;
import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Renders a mail from {@code mail/<name>.txt.mustache} (first line {@code Subject: …}, a blank
 * line, the plain-text body) and {@code mail/<name>.html.mustache}. In the HTML part every value is
 * HTML-escaped — a display name of {@code <script>} arrives as text; the plain-text part and the
 * subject take values as they are. A missing value is an error, never an empty gap.
 *
 * <p>Thread-safe; templates are compiled once.
 */
public class MailTemplates {

  private final Mustache.Compiler html =
      Mustache.compiler().withEscaper(Escapers.HTML).strictSections(true);
  private final Mustache.Compiler text =
      Mustache.compiler().withEscaper(Escapers.NONE).strictSections(true);
  private final Map<String, Template> compiled = new ConcurrentHashMap<>();

  /** A rendered mail. */
  public record Rendered(String subject, String text, String html) {}

  public Rendered render(String name, Map<String, Object> model) {
    String textPart = template(name + ".txt", text).execute(model);
    int end = textPart.indexOf('\n');
    if (!textPart.startsWith("Subject: ") || end < 0) {
      throw new IllegalStateException("mail/" + name + ".txt.mustache must start with Subject:");
    }
    String subject = textPart.substring("Subject: ".length(), end).strip();
    if (subject.contains("\r") || subject.contains("\n")) {
      throw new IllegalStateException("a subject is one line");
    }
    String body = textPart.substring(end + 1).stripLeading();
    return new Rendered(subject, body, template(name + ".html", html).execute(model));
  }

  private Template template(String file, Mustache.Compiler compiler) {
    return compiled.computeIfAbsent(
        file,
        key -> {
          try (InputStream in = getClass().getResourceAsStream("/mail/" + key + ".mustache")) {
            if (in == null) {
              throw new IllegalStateException("no template mail/" + key + ".mustache");
            }
            return compiler.compile(new String(in.readAllBytes(), StandardCharsets.UTF_8));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }
}
