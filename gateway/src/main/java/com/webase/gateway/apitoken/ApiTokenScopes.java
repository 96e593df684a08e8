package com.webase.gateway.apitoken;

import java.util.List;
import java.util.Optional;

/**
 * What the API reference says about API tokens, read from {@link ScopePolicy}'s table — the table
 * the gateway enforces — so the document cannot promise a scope the gateway does not check.
 */
public final class ApiTokenScopes {

  private ApiTokenScopes() {}

  /**
   * The scope an operation needs from an API token: empty when API tokens may not call it at all
   * (it needs a portal session); {@link #ANY_TOKEN} when any active token may.
   *
   * @param method e.g. {@code GET}
   * @param template an OpenAPI path template, e.g. {@code /api/v1/apps/{appId}/files/{path}}
   */
  public static Optional<String> scopeFor(String method, String template) {
    List<String> segments = List.of(template.substring(1).split("/"));
    return ScopePolicy.RULES.stream()
        .filter(rule -> rule.method().equals(method) && sameTemplate(rule.parts(), segments))
        .map(ScopePolicy.Rule::scope)
        .findFirst();
  }

  /** Any active token, whatever its scopes. */
  public static final String ANY_TOKEN = ScopePolicy.ANY_TOKEN;

  /** Every method and path template the gateway opens to API tokens, as {@code "GET /path"}. */
  public static List<String> rules() {
    return ScopePolicy.RULES.stream()
        .map(rule -> rule.method() + " " + rule.template().replace("{*", "{"))
        .toList();
  }

  /** Both say the same path: literal segments equal, a variable where the other has one. */
  private static boolean sameTemplate(List<String> rule, List<String> template) {
    if (rule.size() != template.size()) {
      return false;
    }
    for (int i = 0; i < rule.size(); i++) {
      boolean ruleVariable = rule.get(i).startsWith("{");
      boolean templateVariable = template.get(i).startsWith("{");
      if (ruleVariable != templateVariable
          || (!ruleVariable && !rule.get(i).equals(template.get(i)))) {
        return false;
      }
    }
    return true;
  }
}
