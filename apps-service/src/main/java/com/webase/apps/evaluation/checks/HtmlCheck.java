package com.webase.apps.evaluation.checks;

import java.util.Locale;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.DocumentType;
import org.jsoup.nodes.Element;
import org.jsoup.parser.ParseError;

/**
 * The {@value Check#HTML} check: every {@code .html}/{@code .htm} file is UTF-8, starts with a
 * doctype that keeps browsers in standards mode, and parses without the HTML parse errors that
 * change what the page shows.
 *
 * <p><b>Which parse errors fail the check.</b> jsoup's HTML parser follows the HTML standard's tree
 * builder and reports the standard's parse errors. A well-formed HTML5 page (optional end tags
 * omitted, void elements, {@code <svg>}, {@code <template>}, inline scripts) produces none. Every
 * one it reports fails the check — stray and misnested end tags, elements still open at the end of
 * the file, {@code <div/>} (not self-closing in HTML: everything after it lands inside), duplicate
 * attributes (the second is dropped), attributes run together, an unterminated comment or attribute
 * value, unknown character references, a {@code <div>} inside a {@code <table>} — because each one
 * means the browser builds a different page from the one the author wrote, and the author (often
 * the AI builder) needs to see it. Three kinds are tolerated, because every browser recovers from
 * them to exactly what the author meant:
 *
 * <ul>
 *   <li>a named character reference without its semicolon ({@code &copy 2024}): decoded anyway;
 *   <li>a {@code <} that starts no tag ({@code a < b}, {@code 3<4}): shown as text;
 *   <li>anything after {@code </body>} or {@code </html>}: moved into the body, in order.
 * </ul>
 *
 * <p>These are recognised by jsoup's message text; the tests pin each one, so a jsoup upgrade that
 * rewords them shows up as a failing test, and until then errs towards failing.
 *
 * <p><b>Doctype.</b> jsoup reports no error for a missing doctype, yet without {@code <!DOCTYPE
 * html>} browsers render in quirks mode (different box model and table layout), so the check adds
 * that finding itself. It also fails any other doctype (HTML 4, XHTML 1): several of them put
 * browsers in quirks or almost-standards mode, jsoup does not tell which, and a page written today
 * has no reason to carry one. A fragment — a file with none of {@code <html>}, {@code <head>},
 * {@code <body>}, {@code <title>}, meant to be fetched and inserted into a page — needs no doctype.
 *
 * <p>Immutable; thread-safe.
 */
final class HtmlCheck {

  private final int maxFindings;

  HtmlCheck(int maxFindings) {
    this.maxFindings = maxFindings;
  }

  Check run(Snapshot snapshot) {
    BoundedFindings findings = new BoundedFindings(maxFindings);
    int pages = 0;
    int failedPages = 0;
    for (String path : snapshot.paths()) {
      if (!Snapshot.isHtml(path)) {
        continue;
      }
      pages++;
      int before = findings.total();
      examine(path, snapshot.page(path), findings);
      if (findings.total() > before) {
        failedPages++;
      }
    }
    String summary;
    if (pages == 0) {
      summary = "There are no HTML files to check.";
    } else if (failedPages == 0) {
      summary =
          pages == 1
              ? "The HTML file parses cleanly."
              : "All " + pages + " HTML files parse cleanly.";
    } else {
      summary =
          failedPages
              + " of "
              + Wording.count(pages, "HTML file", "HTML files")
              + (failedPages == 1 ? " has " : " have ")
              + Wording.count(findings.total(), "problem", "problems")
              + ".";
    }
    return findings.toCheck(Check.HTML, summary);
  }

  private static void examine(String path, ParsedPage page, BoundedFindings findings) {
    DecodedText.Malformed malformed = page.text().malformed();
    if (malformed != null) {
      findings.add(
          path,
          malformed.line(),
          String.format(
              Locale.ROOT,
              "is not valid UTF-8 (byte 0x%02X on this line); save it as UTF-8, the encoding the"
                  + " platform expects of text files.",
              malformed.value()));
    }
    checkDoctype(path, page.document(), findings);
    LineNumbers lines = page.text().lines();
    for (ParseError error : page.errors()) {
      if (browsersRecoverAsIntended(error)) {
        continue;
      }
      int at = error.getPosition();
      findings.add(
          path,
          lines.lineOf(at),
          "does not parse cleanly (near column "
              + lines.columnOf(at)
              + "): "
              + error.getErrorMessage());
    }
    if (page.reachedErrorLimit()) {
      findings.add(
          path,
          null,
          String.format(
              Locale.ROOT,
              "has %,d or more HTML parse errors; only those were examined. Fix them and"
                  + " evaluate again.",
              ParsedPage.MAX_TRACKED_ERRORS));
    }
  }

  private static void checkDoctype(String path, Document document, BoundedFindings findings) {
    DocumentType doctype = document.documentType();
    if (doctype == null) {
      if (!isFragment(document)) {
        findings.add(
            path,
            1,
            "has no <!DOCTYPE html>, so browsers render it in quirks mode; start the file with"
                + " <!DOCTYPE html>.");
      }
    } else if (!isHtmlDoctype(doctype)) {
      int line = doctype.sourceRange().start().lineNumber();
      findings.add(
          path,
          line >= 1 ? line : null,
          "has a legacy doctype; use <!DOCTYPE html>, the one that keeps every browser in"
              + " standards mode.");
    }
  }

  /**
   * {@code <!DOCTYPE html>}, in any case, or its "legacy compat" form, which the HTML standard
   * allows for tools that cannot write the short one.
   */
  private static boolean isHtmlDoctype(DocumentType doctype) {
    return doctype.name().equalsIgnoreCase("html")
        && doctype.publicId().isEmpty()
        && (doctype.systemId().isEmpty() || doctype.systemId().equals("about:legacy-compat"));
  }

  /** A piece of a page, not a page: nothing in it declares a document. */
  private static boolean isFragment(Document document) {
    for (String tag : new String[] {"html", "head", "body"}) {
      Element element = document.selectFirst(tag);
      if (element != null && !element.sourceRange().isImplicit()) {
        return false;
      }
    }
    return document.selectFirst("title") == null;
  }

  private static boolean browsersRecoverAsIntended(ParseError error) {
    String message = error.getErrorMessage();
    return message.startsWith("Invalid character reference: missing semicolon")
        || (message.startsWith("Unexpected character") && message.endsWith("state [TagOpen]"))
        || message.endsWith("state [AfterBody]")
        || message.endsWith("state [AfterAfterBody]");
  }
}
