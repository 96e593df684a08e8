package com.webase.apps.evaluation.checks;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * Finds the module specifiers a JavaScript module loads: {@code import x from '…'}, {@code import
 * '…'}, {@code import {a} from "…"}, {@code import * as ns from '…'}, {@code export * from '…'},
 * {@code export {a} from '…'}, and dynamic {@code import('…')} whose argument is a string literal
 * (a computed argument cannot be checked without running the code).
 *
 * <p>It tokenises rather than matching a pattern over the raw text: comments, strings, template
 * literals and regular expression literals are recognised, so an import that is commented out or
 * quoted in a string is not taken for one, and a quote inside a regular expression does not throw
 * the rest of the file off. Whether a {@code /} starts a regular expression or divides is decided
 * by the token before it, the usual heuristic; it is wrong only in contrived code.
 *
 * <p>Stateless; thread-safe.
 */
final class ModuleSpecifiers {

  /** After these words a '/' starts a regular expression, not a division. */
  private static final Set<String> KEYWORDS_BEFORE_EXPRESSION =
      Set.of(
          "return",
          "typeof",
          "instanceof",
          "in",
          "of",
          "new",
          "delete",
          "void",
          "throw",
          "case",
          "do",
          "else",
          "yield",
          "await");

  /** An import clause longer than this is not one: stop looking for its {@code from}. */
  private static final int MAX_CLAUSE_TOKENS = 2_000;

  private ModuleSpecifiers() {}

  /** Every specifier {@code source} imports or re-exports from, in source order. */
  static List<WrittenReference> in(String source) {
    List<Token> tokens = new Lexer(source).tokens();
    List<WrittenReference> found = new ArrayList<>();
    for (int i = 0; i < tokens.size(); i++) {
      Token token = tokens.get(i);
      if (token.kind() != Kind.NAME || (i > 0 && tokens.get(i - 1).is("."))) {
        continue; // `x.import(…)` is a method, not the import keyword
      }
      if (token.text().equals("import")) {
        afterImport(tokens, i + 1, found);
      } else if (token.text().equals("export")) {
        Token next = at(tokens, i + 1);
        if (next != null && (next.is("*") || next.is("{"))) {
          fromClause(tokens, i + 1, found);
        }
      }
    }
    return found;
  }

  /**
   * {@code true} for a bare specifier ({@code 'react'}, {@code 'lib/x.js'}): browsers resolve it
   * only through an import map, so it names no file of the app. Relative ({@code ./}, {@code ../})
   * and root ({@code /}) specifiers and URLs are not bare.
   */
  static boolean isBare(String specifier) {
    return !(specifier.startsWith("./")
        || specifier.startsWith("../")
        || specifier.startsWith("/")
        || LocalReference.isExternal(specifier));
  }

  private static void afterImport(List<Token> tokens, int next, List<WrittenReference> found) {
    Token first = at(tokens, next);
    if (first == null || first.is(".")) {
      return; // import.meta
    }
    if (first.kind() == Kind.STRING) {
      found.add(first.reference());
    } else if (first.is("(")) {
      Token argument = at(tokens, next + 1);
      Token after = at(tokens, next + 2);
      if (argument != null
          && (argument.kind() == Kind.STRING || argument.kind() == Kind.TEMPLATE)
          && after != null
          && (after.is(")") || after.is(","))) {
        found.add(argument.reference());
      }
    } else {
      fromClause(tokens, next, found);
    }
  }

  /**
   * Walks an import or export clause (bindings, braces, {@code *}, {@code as}) up to {@code from
   * '…'}; anything else means this was not a clause with a source.
   */
  private static void fromClause(List<Token> tokens, int start, List<WrittenReference> found) {
    int depth = 0;
    int end = Math.min(tokens.size(), start + MAX_CLAUSE_TOKENS);
    for (int i = start; i < end; i++) {
      Token token = tokens.get(i);
      if (depth > 0) {
        if (token.is("}")) {
          depth--;
        } else if (!(token.kind() == Kind.NAME || token.kind() == Kind.STRING || token.is(","))) {
          return;
        }
      } else if (token.kind() == Kind.NAME) {
        Token next = at(tokens, i + 1);
        if (token.text().equals("from") && next != null && next.kind() == Kind.STRING) {
          found.add(next.reference());
          return;
        }
        if (token.text().equals("import") || token.text().equals("export")) {
          return; // the next statement began: this one had no source
        }
      } else if (token.is("{")) {
        depth++;
      } else if (!(token.is(",") || token.is("*"))) {
        return;
      }
    }
  }

  private static Token at(List<Token> tokens, int index) {
    return index < tokens.size() ? tokens.get(index) : null;
  }

  private enum Kind {
    NAME,
    STRING,
    /** A template literal without substitutions: as good as a string. */
    TEMPLATE,
    PUNCTUATOR,
    /** Numbers, regular expressions, template parts: never part of an import. */
    OTHER
  }

  private record Token(Kind kind, String text, int offset) {

    boolean is(String punctuator) {
      return kind == Kind.PUNCTUATOR && text.equals(punctuator);
    }

    WrittenReference reference() {
      return new WrittenReference(text, offset);
    }
  }

  /** One pass over the source; not reusable. */
  private static final class Lexer {

    private final String src;
    private final int length;
    private final List<Token> tokens = new ArrayList<>();

    /** One entry per open '{': {@code true} when it opened a template's {@code ${}. */
    private final Deque<Boolean> braces = new ArrayDeque<>();

    private int pos;

    Lexer(String src) {
      this.src = src;
      this.length = src.length();
    }

    List<Token> tokens() {
      if (src.startsWith("#!")) {
        pos = endOfLine(0);
      }
      while (pos < length) {
        char c = src.charAt(pos);
        char next = pos + 1 < length ? src.charAt(pos + 1) : 0;
        if (isSpace(c)) {
          pos++;
        } else if (c == '/' && next == '/') {
          pos = endOfLine(pos);
        } else if (c == '/' && next == '*') {
          int close = src.indexOf("*/", pos + 2);
          pos = close < 0 ? length : close + 2;
        } else if (c == '\'' || c == '"') {
          string(c);
        } else if (c == '`') {
          template(pos + 1, true);
        } else if (isNameStart(c)) {
          int start = pos;
          while (pos < length && isNamePart(src.charAt(pos))) {
            pos++;
          }
          add(Kind.NAME, src.substring(start, pos), start);
        } else if (Character.isDigit(c) || (c == '.' && Character.isDigit(next))) {
          int start = pos;
          while (pos < length
              && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '.')) {
            pos++;
          }
          add(Kind.OTHER, src.substring(start, pos), start);
        } else if (c == '/' && regularExpressionMayStart()) {
          regularExpression();
        } else if (c == '}' && !braces.isEmpty()) {
          boolean endsSubstitution = braces.pop();
          if (endsSubstitution) {
            template(pos + 1, false);
          } else {
            add(Kind.PUNCTUATOR, "}", pos);
            pos++;
          }
        } else {
          if (c == '{') {
            braces.push(false);
          }
          add(Kind.PUNCTUATOR, String.valueOf(c), pos);
          pos++;
        }
      }
      return tokens;
    }

    private void add(Kind kind, String text, int offset) {
      tokens.add(new Token(kind, text, offset));
    }

    private boolean regularExpressionMayStart() {
      if (tokens.isEmpty()) {
        return true;
      }
      Token last = tokens.getLast();
      return switch (last.kind()) {
        case PUNCTUATOR -> !(last.is(")") || last.is("]"));
        case NAME -> KEYWORDS_BEFORE_EXPRESSION.contains(last.text());
        default -> false;
      };
    }

    private void regularExpression() {
      int start = pos;
      boolean inClass = false;
      int i = pos + 1;
      while (i < length) {
        char c = src.charAt(i);
        if (c == '\\') {
          i += 2;
          continue;
        }
        if (c == '\n' || c == '\r') {
          // A regular expression never spans lines: this '/' was a division after all.
          add(Kind.PUNCTUATOR, "/", start);
          pos = start + 1;
          return;
        }
        if (c == '[') {
          inClass = true;
        } else if (c == ']') {
          inClass = false;
        } else if (c == '/' && !inClass) {
          break;
        }
        i++;
      }
      i++;
      while (i < length && isNamePart(src.charAt(i))) {
        i++; // flags
      }
      pos = Math.min(i, length);
      add(Kind.OTHER, "/regex/", start);
    }

    private void string(char quote) {
      int start = pos + 1;
      StringBuilder value = new StringBuilder();
      int i = start;
      while (i < length) {
        char c = src.charAt(i);
        if (c == quote) {
          i++;
          break;
        }
        if (c == '\n') {
          break; // unterminated: the engine refuses the file, but do not swallow the rest
        }
        if (c == '\\') {
          i = escape(i + 1, value);
        } else {
          value.append(c);
          i++;
        }
      }
      pos = i;
      add(Kind.STRING, value.toString(), start);
    }

    /**
     * Reads template text from {@code start} up to the closing backtick or the next {@code ${}.
     * Only a whole template without substitutions is a usable specifier.
     */
    private void template(int start, boolean head) {
      StringBuilder value = new StringBuilder();
      int i = start;
      while (i < length) {
        char c = src.charAt(i);
        if (c == '\\') {
          i = escape(i + 1, value);
        } else if (c == '`') {
          pos = i + 1;
          add(head ? Kind.TEMPLATE : Kind.OTHER, value.toString(), start);
          return;
        } else if (c == '$' && i + 1 < length && src.charAt(i + 1) == '{') {
          braces.push(true);
          pos = i + 2;
          add(Kind.OTHER, "${", start);
          return;
        } else {
          value.append(c);
          i++;
        }
      }
      pos = length;
      add(Kind.OTHER, "`", start);
    }

    /** Decodes the escape whose character is at {@code i}; returns the index after it. */
    private int escape(int i, StringBuilder out) {
      if (i >= length) {
        return i;
      }
      char c = src.charAt(i);
      switch (c) {
        case 'n' -> out.append('\n');
        case 't' -> out.append('\t');
        case 'r' -> out.append('\r');
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'v' -> out.append('\u000B');
        case '0' -> out.append('\0');
        case '\r' -> {
          return i + 1 < length && src.charAt(i + 1) == '\n' ? i + 2 : i + 1;
        }
        case '\n', '\u2028', '\u2029' -> {
          return i + 1;
        }
        case 'x' -> {
          return hex(i + 1, 2, out, c);
        }
        case 'u' -> {
          if (i + 1 < length && src.charAt(i + 1) == '{') {
            int close = src.indexOf('}', i + 2);
            if (close > 0) {
              int cp = parseHex(src.substring(i + 2, close));
              if (cp >= 0 && cp <= Character.MAX_CODE_POINT) {
                out.appendCodePoint(cp);
                return close + 1;
              }
            }
            out.append(c);
            return i + 1;
          }
          return hex(i + 1, 4, out, c);
        }
        default -> out.append(c);
      }
      return i + 1;
    }

    private int hex(int start, int digits, StringBuilder out, char escaped) {
      if (start + digits <= length) {
        int value = parseHex(src.substring(start, start + digits));
        if (value >= 0) {
          out.append((char) value);
          return start + digits;
        }
      }
      out.append(escaped);
      return start;
    }

    private static int parseHex(String digits) {
      if (digits.isEmpty() || digits.length() > 6) {
        return -1;
      }
      int value = 0;
      for (int i = 0; i < digits.length(); i++) {
        int digit = Character.digit(digits.charAt(i), 16);
        if (digit < 0) {
          return -1;
        }
        value = value * 16 + digit;
      }
      return value;
    }

    private int endOfLine(int from) {
      int i = from;
      while (i < length && src.charAt(i) != '\n' && src.charAt(i) != '\r') {
        i++;
      }
      return i;
    }

    private static boolean isSpace(char c) {
      return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\uFEFF';
    }

    private static boolean isNameStart(char c) {
      return Character.isLetter(c) || c == '$' || c == '_' || c == '#' || c == '\\' || c > 0x7F;
    }

    private static boolean isNamePart(char c) {
      return isNameStart(c) || Character.isDigit(c) || c == '\u200C' || c == '\u200D';
    }
  }
}
