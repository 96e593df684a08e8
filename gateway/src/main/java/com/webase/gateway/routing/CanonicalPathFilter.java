package com.webase.gateway.routing;

import com.webase.gateway.problem.Problems;
import com.webase.gateway.sites.SiteHosts;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * One spelling per path (decision record 0024). Before anything else reads the path — security,
 * routing, the API-token scope decision, the services — a request's path is made canonical:
 *
 * <ul>
 *   <li>a percent-encoded unreserved character ({@code %61} for {@code a}) is decoded in place: RFC
 *       3986 §6.2.2.2 makes both spellings the same path, so the request is rewritten to the plain
 *       one and everything after sees {@code /api/v1/apps}, not {@code /api/v1/%61pps};
 *   <li>duplicate slashes are resolved to one, as routing reads them, so the scope is decided on
 *       the path the request is forwarded with;
 *   <li>what would change which resource is meant, or has no single reading, is refused with a 400
 *       problem: {@code .} and {@code ..} segments (also encoded; a file path such as {@code
 *       files/../x} is a client's mistake to be told, not a path to walk), an encoded {@code /} or
 *       {@code \}, a {@code ;} (matrix parameters, which routing ignores), control characters, and
 *       percent-encodings that are not UTF-8.
 * </ul>
 *
 * A single trailing slash is left alone: it routes as the path without it and the scope decision
 * ignores it. The sites origin is not touched: its paths are the site's.
 */
@Component
class CanonicalPathFilter implements WebFilter, Ordered {

  private final Problems problems;
  private final MeterRegistry meters;
  private final SiteHosts sites;

  CanonicalPathFilter(Problems problems, MeterRegistry meters, SiteHosts sites) {
    this.problems = problems;
    this.meters = meters;
    this.sites = sites;
  }

  /** After the request id and access log, before every other filter and the security firewall. */
  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE + 5;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    if (sites.isSiteRequest(exchange.getRequest())) {
      return chain.filter(exchange);
    }
    String raw = exchange.getRequest().getPath().value();
    Canonical canonical = canonicalise(raw);
    if (canonical.refusal() != null) {
      meters.counter("webase.gateway.path", "outcome", "refused").increment();
      return problems.write(
          exchange,
          HttpStatus.BAD_REQUEST,
          "malformed-request-path",
          "Malformed request path",
          "The request path is not accepted: "
              + canonical.refusal()
              + ". Send each path in its plain form.");
    }
    if (canonical.path().equals(raw)) {
      return chain.filter(exchange);
    }
    meters.counter("webase.gateway.path", "outcome", "rewritten").increment();
    return chain.filter(
        exchange.mutate().request(request -> request.path(canonical.path())).build());
  }

  /**
   * The canonical spelling of a raw (still encoded) path, or why it has none.
   *
   * @param path the canonical raw path, when {@code refusal} is null
   * @param refusal what is wrong with the path, for the problem's detail
   */
  record Canonical(String path, String refusal) {
    static Canonical refused(String why) {
      return new Canonical(null, why);
    }
  }

  static Canonical canonicalise(String raw) {
    if (raw.isEmpty() || raw.charAt(0) != '/') {
      return Canonical.refused("it must start with '/'");
    }
    Deque<String> kept = new ArrayDeque<>();
    String[] segments = raw.substring(1).split("/", -1);
    boolean trailingSlash = false;
    for (int s = 0; s < segments.length; s++) {
      String segment = segments[s];
      boolean last = s == segments.length - 1;
      if (segment.isEmpty()) {
        // '//' is one '/', as routing reads it; a final empty segment is a trailing slash
        trailingSlash = last && s > 0;
        continue;
      }
      StringBuilder canonicalSegment = new StringBuilder(segment.length());
      ByteArrayOutputStream decoded = new ByteArrayOutputStream(segment.length());
      for (int i = 0; i < segment.length(); i++) {
        char c = segment.charAt(i);
        if (c == ';' || c == '\\' || c < 0x20 || c == 0x7f) {
          return Canonical.refused("it contains ';', '\\' or a control character");
        }
        if (c != '%') {
          canonicalSegment.append(c);
          decoded.write(c > 0x7f ? '?' : c);
          continue;
        }
        int value = i + 2 < segment.length() ? hex(segment, i + 1) : -1;
        if (value < 0) {
          return Canonical.refused("it contains a '%' that is no percent-encoding");
        }
        if (value == '/' || value == '\\' || value == ';' || value < 0x20 || value == 0x7f) {
          return Canonical.refused("it contains an encoded '/', '\\', ';' or control character");
        }
        if (isUnreserved(value)) {
          canonicalSegment.append((char) value);
        } else {
          canonicalSegment.append(segment, i, i + 3);
        }
        decoded.write(value);
        i += 2;
      }
      String text = utf8(decoded.toByteArray());
      if (text == null) {
        return Canonical.refused("its percent-encodings are not UTF-8");
      }
      if (text.equals(".") || text.equals("..")) {
        return Canonical.refused("it contains a '.' or '..' segment");
      }
      trailingSlash = false;
      kept.addLast(canonicalSegment.toString());
    }
    StringBuilder out = new StringBuilder(raw.length());
    for (String segment : kept) {
      out.append('/').append(segment);
    }
    if (out.isEmpty() || trailingSlash) {
      out.append('/');
    }
    return new Canonical(out.toString(), null);
  }

  /** RFC 3986 §2.3: ALPHA / DIGIT / "-" / "." / "_" / "~". */
  private static boolean isUnreserved(int c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '.'
        || c == '_'
        || c == '~';
  }

  private static int hex(String text, int at) {
    int high = Character.digit(text.charAt(at), 16);
    int low = Character.digit(text.charAt(at + 1), 16);
    return high < 0 || low < 0 ? -1 : high * 16 + low;
  }

  private static String utf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
