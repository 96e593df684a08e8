package com.webase.gateway.apitoken;

import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpMethod;

/**
 * What an API token may reach (DESIGN §5, §7): one rule per method and path of the API, each naming
 * the scope it needs. Deny by default: a request that no rule matches is refused with 403, so a
 * route added without a rule here is closed to API tokens until someone decides its scope. Token
 * management and the person-only account actions (password, deletion, email change) have no rule on
 * purpose: an API token can never do them (ASVS 7.2.2).
 *
 * <p>The decision is taken on the request's normalised segments ({@link
 * com.webase.gateway.routing.NormalisedPath}): percent-decoded, as the routes and the services
 * match them, so {@code /api/v1/%61pps} is decided as {@code /api/v1/apps}. Matching is
 * case-sensitive, as routing is. A trailing slash does not change the decision.
 *
 * <p>Thread-safe (immutable).
 */
final class ScopePolicy {

  /** Any active token, whatever its scopes: a program asking about its own token. */
  static final String ANY_TOKEN = "*";

  static final List<Rule> RULES =
      List.of(
          // account-service
          rule("GET", "/api/v1/account", "account:read"),
          rule("PATCH", "/api/v1/account", "account:write"),
          rule("GET", "/api/v1/account/activity", "account:read"),
          // notification-service
          rule("GET", "/api/v1/notifications", "account:read"),
          rule("POST", "/api/v1/notifications/{id}/read", "account:write"),
          rule("GET", "/api/v1/notifications/preferences", "account:read"),
          rule("PUT", "/api/v1/notifications/preferences", "account:write"),
          // token-service: only a program's look at its own token
          rule("GET", "/api/v1/tokens/current", ANY_TOKEN),
          // apps-service
          rule("GET", "/api/v1/apps", "apps:read"),
          rule("POST", "/api/v1/apps", "apps:write"),
          rule("GET", "/api/v1/apps/{appId}", "apps:read"),
          rule("PATCH", "/api/v1/apps/{appId}", "apps:write"),
          rule("DELETE", "/api/v1/apps/{appId}", "apps:write"),
          rule("GET", "/api/v1/apps/{appId}/files", "apps:read"),
          rule("GET", "/api/v1/apps/{appId}/files/{*path}", "apps:read"),
          rule("PUT", "/api/v1/apps/{appId}/files/{*path}", "apps:write"),
          rule("DELETE", "/api/v1/apps/{appId}/files/{*path}", "apps:write"),
          rule("POST", "/api/v1/apps/{appId}/changes", "apps:write"),
          rule("GET", "/api/v1/apps/{appId}/chat/messages", "apps:read"),
          rule("POST", "/api/v1/apps/{appId}/chat/messages", "apps:write"),
          rule("GET", "/api/v1/apps/{appId}/evaluations", "apps:read"),
          rule("POST", "/api/v1/apps/{appId}/evaluations", "apps:write"),
          rule("GET", "/api/v1/apps/{appId}/evaluations/{id}", "apps:read"),
          rule("GET", "/api/v1/apps/{appId}/deployments", "apps:read"),
          rule("POST", "/api/v1/apps/{appId}/deployments", "deploy"),
          rule("GET", "/api/v1/apps/{appId}/deployments/{id}", "apps:read"),
          rule("POST", "/api/v1/apps/{appId}/deployments/{id}/promote", "deploy"),
          // records-service
          rule("GET", "/api/v1/apps/{appId}/models", "records:read"),
          rule("POST", "/api/v1/apps/{appId}/models", "records:write"),
          rule("GET", "/api/v1/apps/{appId}/models/{model}", "records:read"),
          rule("PATCH", "/api/v1/apps/{appId}/models/{model}", "records:write"),
          rule("DELETE", "/api/v1/apps/{appId}/models/{model}", "records:write"),
          rule("GET", "/api/v1/apps/{appId}/models/{model}/records", "records:read"),
          rule("POST", "/api/v1/apps/{appId}/models/{model}/records", "records:write"),
          rule("POST", "/api/v1/apps/{appId}/models/{model}/records/bulk", "records:write"),
          rule("GET", "/api/v1/apps/{appId}/models/{model}/records/{id}", "records:read"),
          rule("PATCH", "/api/v1/apps/{appId}/models/{model}/records/{id}", "records:write"),
          rule("PUT", "/api/v1/apps/{appId}/models/{model}/records/{id}", "records:write"),
          rule("DELETE", "/api/v1/apps/{appId}/models/{model}/records/{id}", "records:write"));

  private ScopePolicy() {}

  /**
   * The rule for a request, if there is one; {@code HEAD} is decided as {@code GET}.
   *
   * @param segments the normalised path's segments, decoded
   */
  static Optional<Rule> ruleFor(HttpMethod method, List<String> segments) {
    String name = HttpMethod.HEAD.equals(method) ? "GET" : method.name();
    for (Rule rule : RULES) {
      if (rule.method().equals(name) && rule.matches(segments)) {
        return Optional.of(rule);
      }
    }
    return Optional.empty();
  }

  private static Rule rule(String method, String template, String scope) {
    return new Rule(method, template, List.of(template.substring(1).split("/")), scope);
  }

  /**
   * One method and path template ({@code {name}}: one segment; {@code {*name}}: one or more, the
   * rest of the path) and the scope it needs ({@link #ANY_TOKEN}: none in particular).
   */
  record Rule(String method, String template, List<String> parts, String scope) {

    boolean matches(List<String> segments) {
      for (int i = 0; i < parts.size(); i++) {
        String part = parts.get(i);
        if (part.startsWith("{*")) {
          return segments.size() > i;
        }
        if (i >= segments.size()) {
          return false;
        }
        if (!part.startsWith("{") && !part.equals(segments.get(i))) {
          return false;
        }
      }
      return segments.size() == parts.size();
    }

    boolean allows(List<String> scopes) {
      return ANY_TOKEN.equals(scope) || scopes.contains(scope);
    }
  }
}
