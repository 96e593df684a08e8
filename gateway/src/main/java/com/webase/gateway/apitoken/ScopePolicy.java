package com.webase.gateway.apitoken;

import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.http.HttpMethod;

/**
 * The scope an API token needs for a request (DESIGN §5: {@code apps:read}, {@code apps:write},
 * {@code records:read}, {@code records:write}, {@code deploy}), decided at the edge from the method
 * and path so that a narrow token is refused before its request reaches a service. Services may
 * check more finely; paths outside apps and records need no scope here and are left to their
 * service.
 */
final class ScopePolicy {

  private static final Pattern RECORDS = Pattern.compile("^/api/v1/apps/[^/]+/models(/.*)?$");
  private static final Pattern DEPLOY =
      Pattern.compile("^/api/v1/apps/[^/]+/deployments(/[^/]+/promote)?/?$");
  private static final Pattern APPS = Pattern.compile("^/api/v1/apps(/.*)?$");

  private ScopePolicy() {}

  static Optional<String> requiredScope(HttpMethod method, String path) {
    boolean reads = method == HttpMethod.GET || method == HttpMethod.HEAD;
    if (RECORDS.matcher(path).matches()) {
      return Optional.of(reads ? "records:read" : "records:write");
    }
    if (!reads && DEPLOY.matcher(path).matches()) {
      return Optional.of("deploy");
    }
    if (APPS.matcher(path).matches()) {
      return Optional.of(reads ? "apps:read" : "apps:write");
    }
    return Optional.empty();
  }
}
