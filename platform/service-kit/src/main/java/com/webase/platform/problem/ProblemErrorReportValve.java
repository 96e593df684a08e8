package com.webase.platform.problem;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * Tomcat's own answer to a request it refuses before any servlet sees it — an encoded NUL or an
 * undecodable path — as a problem, in place of its HTML error page. Tomcat creates it by class name
 * ({@link ProblemDetailsAutoConfiguration}), hence the type base in a static field.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

  static volatile String typeBase = "https://webase.dev/problems/";

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    int status = response.getStatus();
    if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
      return;
    }
    String slug = status < 500 ? "bad-request" : "internal-error";
    String detail =
        status < 500
            ? "The request was refused before it reached the API (malformed path or headers)."
            : "Something went wrong on our side; nothing was changed by this request.";
    String json =
        "{\"type\":\""
            + typeBase
            + slug
            + "\",\"title\":\""
            + (status < 500 ? "Bad request" : "Internal error")
            + "\",\"status\":"
            + status
            + ",\"detail\":\""
            + detail
            + "\"}";
    try {
      response.setContentType(ProblemResponses.PROBLEM_JSON.toString());
      response.getOutputStream().write(json.getBytes(StandardCharsets.UTF_8));
      response.finishResponse();
    } catch (IOException | IllegalStateException e) {
      // the client is gone; nothing to tell it
    }
  }
}
