package com.webase.gateway.routing;

import java.util.ArrayList;
import java.util.List;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * A request path as the routes and the services match it: its segments percent-decoded (matrix
 * parameters, which Spring drops when matching, dropped too), dot segments resolved and empty
 * segments gone. Decisions about a path (the API-token scopes) are taken on this, never on the raw
 * text, so that no spelling of a path is routed one way and decided another. {@link
 * CanonicalPathFilter} has refused or rewritten every other spelling before anything routes, so for
 * an accepted request this is simply its path, split.
 */
public final class NormalisedPath {

  private NormalisedPath() {}

  public static List<String> segmentsOf(ServerHttpRequest request) {
    List<String> segments = new ArrayList<>();
    for (PathContainer.Element element : request.getPath().pathWithinApplication().elements()) {
      if (!(element instanceof PathContainer.PathSegment segment)) {
        continue;
      }
      String value = segment.valueToMatch();
      if (value.isEmpty() || value.equals(".")) {
        continue;
      }
      if (value.equals("..")) {
        if (!segments.isEmpty()) {
          segments.removeLast();
        }
        continue;
      }
      segments.add(value);
    }
    return segments;
  }

  /** The segments as a path, {@code /a/b}, for messages. */
  public static String of(ServerHttpRequest request) {
    return "/" + String.join("/", segmentsOf(request));
  }
}
