package com.webase.apps.evaluation.checks;

import java.util.List;
import org.jsoup.nodes.Document;
import org.jsoup.parser.ParseError;
import org.jsoup.parser.Parser;

/**
 * An HTML file parsed by jsoup with its parse errors and source positions tracked.
 *
 * @param text the file as decoded; jsoup's positions are offsets into {@code text.text()}
 * @param document the parsed page, with source ranges on elements and attributes; not to be
 *     modified
 * @param errors the parse errors in source order, at most {@link #MAX_TRACKED_ERRORS}
 */
record ParsedPage(DecodedText text, Document document, List<ParseError> errors) {

  /**
   * Bounds the memory one page's errors take. A page that reaches it is badly broken, and the html
   * check says so rather than pretending it saw every error.
   */
  static final int MAX_TRACKED_ERRORS = 1_000;

  ParsedPage {
    errors = List.copyOf(errors);
  }

  static ParsedPage of(DecodedText text) {
    // A Parser carries state from one parse; a new one per page keeps this thread-confined.
    Parser parser = Parser.htmlParser().setTrackErrors(MAX_TRACKED_ERRORS).setTrackPosition(true);
    Document document = parser.parseInput(text.text(), "");
    return new ParsedPage(text, document, parser.getErrors());
  }

  boolean reachedErrorLimit() {
    return errors.size() >= MAX_TRACKED_ERRORS;
  }
}
