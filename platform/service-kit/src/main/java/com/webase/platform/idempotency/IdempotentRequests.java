package com.webase.platform.idempotency;

import com.webase.platform.problem.ProblemResponses;
import com.webase.platform.problem.RequestSizeLimitFilter;
import com.webase.platform.security.PersonOnly;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * {@code Idempotency-Key} for every POST and PATCH of a service (DESIGN §7; the IETF
 * httpapi-idempotency-key draft): a client that did not get an answer — a time-out, a dropped
 * connection — sends the same request again with the same key and gets the first answer again
 * ({@code Idempotent-Replayed: true}) instead of a second app, token or record.
 *
 * <ul>
 *   <li>Keys belong to the caller (the JWT's {@code sub}): two people never share one.
 *   <li>The same key with another request (method, path, query, content type or body) is 422 {@code
 *       idempotency-key-reused}; while the first request is still running, 409 {@code
 *       idempotency-key-in-use} with {@code Retry-After}.
 *   <li>Answers below 500 are kept for {@code keep-for} (24 h), except 429; a 5xx, or a failure
 *       that escapes, frees the key, so the retry does the work.
 *   <li>A key is 1–255 visible ASCII characters.
 * </ul>
 *
 * <p>Runs after Spring Security (it needs the caller) and inside the request size limit, so a body
 * is never buffered beyond {@code webase.http.max-request-size}. The work's own transaction commits
 * before the answer is kept: a process that dies in between leaves the key claimed until its lease
 * runs out, and a retry after that does the work again. Thread-safe.
 */
public class IdempotentRequests extends OncePerRequestFilter {

  public static final String HEADER = "Idempotency-Key";
  public static final String REPLAYED_HEADER = "Idempotent-Replayed";

  private static final Set<String> METHODS = Set.of("POST", "PATCH");
  private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");

  /** What a replay repeats besides status and body; nothing per-request (request id, dates). */
  /** Kept with an answer that needed a recent login (its seconds); never sent to a client. */
  private static final String RECENT_LOGIN_MARK = "Webase-Recent-Login-Seconds";

  private static final List<String> KEPT_HEADERS =
      List.of("Content-Type", "Location", "ETag", "Last-Modified", "Cache-Control");

  private final StoredAnswers answers;
  private final IdempotencyProperties properties;
  private final ProblemResponses problems;
  private final MeterRegistry meters;
  private final Clock clock;

  IdempotentRequests(
      StoredAnswers answers,
      IdempotencyProperties properties,
      ProblemResponses problems,
      MeterRegistry meters,
      Clock clock) {
    this.answers = answers;
    this.properties = properties;
    this.problems = problems;
    this.meters = meters;
    this.clock = clock;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !METHODS.contains(request.getMethod()) || request.getHeader(HEADER) == null;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String caller = caller();
    if (caller == null) {
      // not authenticated: security has answered already, or this is a public path
      chain.doFilter(request, response);
      return;
    }
    List<String> keys = Collections.list(request.getHeaders(HEADER));
    String key = keys.getFirst();
    if (keys.size() != 1 || !KEY.matcher(key).matches()) {
      problems.write(
          response,
          problems.invalid(
              List.of(
                  new ProblemResponses.FieldError(
                      HEADER, "must be one value of 1 to 255 visible ASCII characters"))),
          Map.of());
      return;
    }
    byte[] body;
    try {
      body = request.getInputStream().readAllBytes();
    } catch (RequestSizeLimitFilter.PayloadTooLargeException tooLarge) {
      problems.write(
          response, RequestSizeLimitFilter.tooLarge(problems, tooLarge.limit()), Map.of());
      return;
    }
    byte[] id = SealedAnswer.idOf(caller, key);
    StoredAnswers.Claim claim =
        answers.claim(
            id,
            fingerprint(request, body),
            clock.instant(),
            properties.lease(),
            properties.keepFor());
    switch (claim) {
      case StoredAnswers.Claim.Claimed claimed ->
          work(request, response, chain, body, id, caller, key);
      case StoredAnswers.Claim.Answered answered -> replay(response, answered, caller, key);
      case StoredAnswers.Claim.InFlight inFlight -> {
        count("in-flight");
        problems.write(
            response,
            problems.problem(
                HttpStatus.CONFLICT,
                "idempotency-key-in-use",
                "Request with this key still running",
                "A request with this Idempotency-Key is still being processed; retry shortly."),
            Map.of("Retry-After", "1"));
      }
      case StoredAnswers.Claim.OtherRequest other -> {
        count("reused");
        problems.write(
            response,
            problems.problem(
                HttpStatus.UNPROCESSABLE_CONTENT,
                "idempotency-key-reused",
                "Idempotency-Key used for another request",
                "This Idempotency-Key was already used with a different request (method, path or"
                    + " body). Use a new key for a new request."),
            Map.of());
      }
    }
  }

  private void work(
      HttpServletRequest request,
      HttpServletResponse response,
      FilterChain chain,
      byte[] body,
      byte[] id,
      String caller,
      String key)
      throws ServletException, IOException {
    var recorded = new ContentCachingResponseWrapper(response);
    boolean kept = false;
    try {
      chain.doFilter(new BufferedBody(request, body), recorded);
      int status = recorded.getStatus();
      // a 401 depends on the login, which the client may renew and retry with the same key
      if (status < 500
          && status != HttpStatus.TOO_MANY_REQUESTS.value()
          && status != HttpStatus.UNAUTHORIZED.value()) {
        byte[] content = recorded.getContentAsByteArray();
        List<SealedAnswer.Header> headers = keptHeaders(recorded);
        if (request.getAttribute(PersonOnly.RECENT_LOGIN_ATTRIBUTE) instanceof Duration maxAge) {
          headers.add(
              new SealedAnswer.Header(RECENT_LOGIN_MARK, Long.toString(maxAge.toSeconds())));
        }
        byte[] sealed =
            content.length > properties.maxStoredResponse().toBytes()
                ? null
                : new SealedAnswer(status, headers, content).seal(caller, key);
        answers.complete(id, status, sealed);
        kept = true;
        count(sealed == null ? "too-large" : "first");
      }
    } finally {
      if (!kept) {
        answers.release(id);
        count("released");
      }
      recorded.copyBodyToResponse();
    }
  }

  private void replay(
      HttpServletResponse response,
      StoredAnswers.Claim.Answered answered,
      String caller,
      String key)
      throws IOException {
    if (answered.sealed() == null) {
      count("not-kept");
      problems.write(
          response,
          problems.problem(
              HttpStatus.CONFLICT,
              "idempotency-answer-not-kept",
              "Request already done",
              "A request with this Idempotency-Key was already done, but its answer was too large"
                  + " to keep. Look the result up instead of retrying."),
          Map.of());
      return;
    }
    SealedAnswer answer = SealedAnswer.open(answered.sealed(), caller, key);
    for (SealedAnswer.Header header : answer.headers()) {
      if (header.name().equals(RECENT_LOGIN_MARK)
          && !loggedInWithin(Duration.ofSeconds(Long.parseLong(header.value())))) {
        // the first answer needed a recent login (sudo mode): so does its replay
        count("recent-login-required");
        ProblemDetail problem =
            problems.problem(
                HttpStatus.UNAUTHORIZED,
                "recent-login-required",
                "Recent login required",
                "This request's answer needs a login of the last "
                    + Duration.ofSeconds(Long.parseLong(header.value())).toMinutes()
                    + " minutes; re-authenticate at "
                    + PersonOnly.REAUTHENTICATE_URL
                    + ".");
        problem.setProperty("reauthenticateUrl", PersonOnly.REAUTHENTICATE_URL);
        problems.write(response, problem, Map.of());
        return;
      }
    }
    count("replayed");
    response.setStatus(answer.status());
    answer.headers().stream()
        .filter(h -> !h.name().equals(RECENT_LOGIN_MARK))
        .forEach(h -> response.addHeader(h.name(), h.value()));
    response.setHeader(REPLAYED_HEADER, "true");
    response.setContentLength(answer.body().length);
    response.getOutputStream().write(answer.body());
  }

  /** Whether the caller is a person whose login ({@code auth_time}) is younger than maxAge. */
  private boolean loggedInWithin(Duration maxAge) {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (!(authentication instanceof JwtAuthenticationToken token)
        || token.getToken().getClaimAsString("token_id") != null) {
      return false;
    }
    Instant authTime = token.getToken().getClaimAsInstant("auth_time");
    return authTime != null && !authTime.isBefore(clock.instant().minus(maxAge));
  }

  private static List<SealedAnswer.Header> keptHeaders(HttpServletResponse response) {
    List<SealedAnswer.Header> kept = new ArrayList<>();
    for (String name : KEPT_HEADERS) {
      for (String value : response.getHeaders(name)) {
        kept.add(new SealedAnswer.Header(name, value));
      }
    }
    return kept;
  }

  /** What makes two requests the same request. */
  private static byte[] fingerprint(HttpServletRequest request, byte[] body) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (String part :
          List.of(
              request.getMethod(),
              request.getRequestURI(),
              String.valueOf(request.getQueryString()),
              String.valueOf(request.getContentType()))) {
        digest.update(part.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
      }
      digest.update(body);
      return digest.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Whose key it is: the person, and the credential they called with — a person's portal session,
   * or one particular API token. A key used in the portal cannot be replayed with an API token of
   * the same person: the answer could hold what only the portal may show (a new token's secret),
   * and the replay never reaches the handler's own checks.
   */
  private static String caller() {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (!(authentication instanceof JwtAuthenticationToken token)) {
      return null;
    }
    String tokenId = token.getToken().getClaimAsString("token_id");
    return token.getName()
        + "|"
        + token.getToken().getIssuer()
        + "|"
        + (tokenId == null ? "" : tokenId);
  }

  private void count(String outcome) {
    meters.counter("webase.idempotency.requests", "outcome", outcome).increment();
  }

  /** The request with its body already read, so the handler reads it again from memory. */
  private static final class BufferedBody extends HttpServletRequestWrapper {
    private final byte[] body;

    BufferedBody(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
      var in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] buffer, int off, int len) {
          return in.read(buffer, off, len);
        }

        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException("blocking reads only");
        }
      };
    }

    @Override
    public java.io.BufferedReader getReader() {
      return new java.io.BufferedReader(
          new java.io.InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
    }

    @Override
    public int getContentLength() {
      return body.length;
    }

    @Override
    public long getContentLengthLong() {
      return body.length;
    }
  }
}
