package com.webase.gateway.apidocs;

import com.webase.gateway.problem.Problems;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.HtmlUtils;
import reactor.core.publisher.Mono;

/**
 * {@code /problems/{slug}}: what each problem {@code type} means and what to do, on the portal's
 * origin. The entries are {@code docs/problems/<slug>.md} of the repository, packaged into the
 * gateway; a problem named after its HTTP status alone (e.g. {@code method-not-allowed}, answered
 * by the framework rather than by our code) gets a page that says so.
 */
@RestController
class ProblemCatalogue {

  private static final Pattern SLUG = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

  private final Map<String, String> entries;
  private final Problems problems;

  ProblemCatalogue(Problems problems) {
    this.problems = problems;
    this.entries = load();
  }

  @GetMapping(value = "/problems", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> index() {
    StringBuilder list = new StringBuilder("<ul>\n");
    entries.forEach(
        (slug, text) ->
            list.append("<li><a href=\"/problems/")
                .append(slug)
                .append("\">")
                .append(HtmlUtils.htmlEscape(slug))
                .append("</a> — ")
                .append(HtmlUtils.htmlEscape(title(text)))
                .append("</li>\n"));
    list.append("</ul>\n");
    return page("Webase problem types", "<h1>Webase problem types</h1>\n" + list);
  }

  @GetMapping("/problems/{slug}")
  Mono<ResponseEntity<String>> entry(@PathVariable String slug, ServerWebExchange exchange) {
    Optional<String> html = entryOf(slug);
    if (html.isEmpty()) {
      return problems
          .write(
              exchange,
              HttpStatus.NOT_FOUND,
              "not-found",
              "Not found",
              "There is no problem type '" + slug + "'; /problems lists them all.")
          .then(Mono.empty());
    }
    return Mono.just(page(slug, html.get()));
  }

  /** The entry's page body, or empty when the catalogue does not know the slug. */
  Optional<String> entryOf(String slug) {
    if (!SLUG.matcher(slug).matches()) {
      return Optional.empty();
    }
    String text = entries.get(slug);
    if (text != null) {
      return Optional.of(render(text));
    }
    return statusNamed(slug)
        .map(
            status ->
                "<h1>"
                    + HtmlUtils.htmlEscape(status.getReasonPhrase())
                    + "</h1>\n<p><code>"
                    + slug
                    + "</code> · HTTP "
                    + status.value()
                    + "</p>\n<p>The HTTP status "
                    + status.value()
                    + " ("
                    + HtmlUtils.htmlEscape(status.getReasonPhrase())
                    + ") answered by the framework before the request reached the API's own"
                    + " rules. The problem's <code>detail</code> says why.</p>\n<p>"
                    + (status.is5xxServerError()
                        ? "Retry later; nothing was changed."
                        : "Check the method, path, headers and body against the reference at"
                            + " <a href=\"/docs\">/docs</a>.")
                    + "</p>\n");
  }

  /** A problem the framework names after its status, e.g. {@code not-acceptable}. */
  static Optional<HttpStatus> statusNamed(String slug) {
    return Arrays.stream(HttpStatus.values())
        .filter(status -> status.value() >= 400)
        .filter(status -> slugOf(status).equals(slug))
        .findFirst();
  }

  static String slugOf(HttpStatus status) {
    return status.getReasonPhrase().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
  }

  private static ResponseEntity<String> page(String title, String body) {
    String html =
        """
        <!doctype html>
        <html lang="en">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>%s</title>
        <style>body{font:16px/1.5 system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem}code{background:#f3f3f3;padding:0 .2em}</style>
        </head>
        <body>
        %s<p><a href="/problems">All problem types</a> · <a href="/docs">API reference</a></p>
        </body>
        </html>
        """
            .formatted(HtmlUtils.htmlEscape(title), body);
    return ResponseEntity.ok()
        .cacheControl(CacheControl.noCache())
        .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
        .body(html);
  }

  /** The little Markdown the entries use: headings, paragraphs, lists and {@code `code`}. */
  static String render(String markdown) {
    StringBuilder html = new StringBuilder();
    boolean inList = false;
    for (String block : markdown.strip().split("\\n\\s*\\n")) {
      for (String line : block.split("\\n")) {
        String text = inline(line.strip());
        boolean item = line.startsWith("* ") || line.startsWith("- ");
        if (inList && !item) {
          html.append("</ul>\n");
          inList = false;
        }
        if (line.startsWith("## ")) {
          html.append("<h2>").append(inline(line.substring(3))).append("</h2>\n");
        } else if (line.startsWith("# ")) {
          html.append("<h1>").append(inline(line.substring(2))).append("</h1>\n");
        } else if (item) {
          if (!inList) {
            html.append("<ul>\n");
            inList = true;
          }
          html.append("<li>").append(inline(line.substring(2))).append("</li>\n");
        } else {
          html.append("<p>").append(text).append("</p>\n");
        }
      }
    }
    if (inList) {
      html.append("</ul>\n");
    }
    return html.toString();
  }

  private static String inline(String text) {
    return HtmlUtils.htmlEscape(text).replaceAll("`([^`]+)`", "<code>$1</code>");
  }

  private static String title(String markdown) {
    String first = markdown.strip().lines().findFirst().orElse("");
    return first.startsWith("# ") ? first.substring(2) : first;
  }

  private static Map<String, String> load() {
    Map<String, String> entries = new TreeMap<>();
    try {
      for (Resource resource :
          new PathMatchingResourcePatternResolver().getResources("classpath*:problems/*.md")) {
        String name = resource.getFilename();
        if (name == null || name.equals("README.md")) {
          continue;
        }
        entries.put(
            name.substring(0, name.length() - ".md".length()),
            resource.getContentAsString(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return entries;
  }
}
