package com.webase.platform.problem;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every request body has a limit ({@code webase.http.max-request-size}). A declared length over it
 * is refused with 413 before the body is read; a chunked body is counted as it is read and fails
 * with {@link PayloadTooLargeException} (also 413) at the limit, so nothing oversize is buffered.
 */
public class RequestSizeLimitFilter extends OncePerRequestFilter {

  private final long limit;
  private final ProblemResponses problems;

  RequestSizeLimitFilter(long limit, ProblemResponses problems) {
    this.limit = limit;
    this.problems = problems;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (request.getContentLengthLong() > limit) {
      problems.write(response, tooLarge(problems, limit), java.util.Map.of());
      return;
    }
    chain.doFilter(new Limited(request, limit), response);
  }

  /** The 413 problem for a body over {@code limit} bytes. */
  public static org.springframework.http.ProblemDetail tooLarge(
      ProblemResponses problems, long limit) {
    return problems.problem(
        HttpStatus.CONTENT_TOO_LARGE,
        "payload-too-large",
        "Request body too large",
        "The request body may be at most " + limit + " bytes.");
  }

  /** Thrown when a body without a declared length grows past the limit. */
  public static class PayloadTooLargeException extends IOException {
    final long limit;

    PayloadTooLargeException(long limit) {
      super("request body larger than " + limit + " bytes");
      this.limit = limit;
    }

    /** The limit the body went past, in bytes. */
    public long limit() {
      return limit;
    }
  }

  private static final class Limited extends HttpServletRequestWrapper {
    private final long limit;
    private ServletInputStream stream;

    Limited(HttpServletRequest request, long limit) {
      super(request);
      this.limit = limit;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (stream == null) {
        ServletInputStream in = super.getInputStream();
        stream =
            new ServletInputStream() {
              private long read;

              @Override
              public int read() throws IOException {
                int b = in.read();
                if (b >= 0) {
                  count(1);
                }
                return b;
              }

              @Override
              public int read(byte[] buffer, int off, int len) throws IOException {
                int n = in.read(buffer, off, len);
                if (n > 0) {
                  count(n);
                }
                return n;
              }

              private void count(int n) throws PayloadTooLargeException {
                read += n;
                if (read > limit) {
                  throw new PayloadTooLargeException(limit);
                }
              }

              @Override
              public boolean isFinished() {
                return in.isFinished();
              }

              @Override
              public boolean isReady() {
                return in.isReady();
              }

              @Override
              public void setReadListener(ReadListener listener) {
                in.setReadListener(listener);
              }
            };
      }
      return stream;
    }
  }
}
