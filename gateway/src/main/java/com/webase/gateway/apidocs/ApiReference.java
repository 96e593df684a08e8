package com.webase.gateway.apidocs;

import com.webase.gateway.apitoken.ApiTokenScopes;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The platform's one OpenAPI document (DESIGN §7): every service's own document, read from its
 * management port, merged, and completed with what only the gateway knows — the {@code x-api-token}
 * scheme, the scope each operation needs ({@link ApiTokenScopes}, the table the gateway enforces),
 * which operations need a portal session instead, and the problems the gateway itself answers.
 *
 * <p>Documents are read again after {@link ApiDocsProperties#refresh()}; a service that does not
 * answer keeps its last document, and one never read is named in {@code
 * x-webase-unavailable-services} and its operations are missing until it answers.
 *
 * <p>Thread-safe.
 */
@Component
public class ApiReference {

  static final String API_TOKEN = "apiToken";
  static final String PORTAL_SESSION = "portalSession";
  private static final Set<String> METHODS =
      Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");
  private static final String SCHEMAS = "#/components/schemas/";
  private static final Logger log = LoggerFactory.getLogger(ApiReference.class);

  private final ApiDocsProperties properties;
  private final WebClient web;
  private final JsonMapper json = JsonMapper.builder().build();
  private final String typeBase;
  private final Clock clock;
  private final Map<String, JsonNode> lastRead = new ConcurrentHashMap<>();
  private volatile Cached cached;

  ApiReference(
      ApiDocsProperties properties,
      @org.springframework.beans.factory.annotation.Value(
              "${webase.problems.type-base:https://webase.dev/problems/}")
          String typeBase,
      WebClient.Builder webClients) {
    this.properties = properties;
    this.web = webClients.build();
    this.typeBase = typeBase.endsWith("/") ? typeBase : typeBase + "/";
    this.clock = Clock.systemUTC();
  }

  /** The whole reference, read anew when the last one is older than the refresh interval. */
  public Mono<JsonNode> document() {
    Cached current = cached;
    Instant now = clock.instant();
    if (current != null && current.until().isAfter(now)) {
      return Mono.just(current.document());
    }
    return Flux.fromIterable(properties.services().entrySet())
        .flatMap(
            service ->
                web.get()
                    .uri(service.getValue())
                    .retrieve()
                    .bodyToMono(byte[].class)
                    .timeout(properties.timeout())
                    .map(body -> Map.entry(service.getKey(), json.readTree(body)))
                    .doOnNext(read -> lastRead.put(read.getKey(), read.getValue()))
                    .onErrorResume(
                        failure -> {
                          log.warn(
                              "API document of {} not read from {}: {}",
                              service.getKey(),
                              service.getValue(),
                              failure.toString());
                          return Mono.empty();
                        }))
        .then(
            Mono.fromSupplier(
                () -> {
                  List<String> unavailable = new ArrayList<>();
                  Map<String, JsonNode> documents = new LinkedHashMap<>();
                  properties
                      .services()
                      .keySet()
                      .forEach(
                          name -> {
                            JsonNode doc = lastRead.get(name);
                            if (doc == null) {
                              unavailable.add(name);
                            } else {
                              documents.put(name, doc);
                            }
                          });
                  JsonNode merged = merge(documents, unavailable);
                  // a partial reference is kept only briefly: the missing service may be starting
                  Instant until =
                      now.plus(
                          unavailable.isEmpty()
                              ? properties.refresh()
                              : java.time.Duration.ofSeconds(1));
                  cached = new Cached(merged, until);
                  return merged;
                }));
  }

  /** One document from the services' documents, in the given order. */
  JsonNode merge(Map<String, JsonNode> documents, List<String> unavailable) {
    ObjectNode out = json.createObjectNode();
    out.put("openapi", "3.1.0");
    ObjectNode info = out.putObject("info");
    info.put("title", "Webase API");
    info.put("version", "v1");
    info.put(
        "description",
        "Everything a program can do with Webase, through the gateway on the portal's origin."
            + " Authenticate with the `x-api-token` header (a token from Account Settings); each"
            + " operation names the scope its token needs. Operations without a scope need a"
            + " person signed in to the portal. Every error is an RFC 9457 problem"
            + " (`application/problem+json`) whose `type` has a page at `/problems/{slug}`.");
    if (!unavailable.isEmpty()) {
      ArrayNode missing = info.putArray("x-webase-unavailable-services");
      unavailable.forEach(missing::add);
    }
    out.putArray("servers").addObject().put("url", "/").put("description", "The gateway");
    ArrayNode tags = out.putArray("tags");
    ObjectNode paths = out.putObject("paths");
    ObjectNode components = out.putObject("components");
    ObjectNode schemas = components.putObject("schemas");
    securitySchemes(components.putObject("securitySchemes"));
    Set<String> tagNames = new java.util.LinkedHashSet<>();

    documents.forEach(
        (service, original) -> {
          JsonNode doc = original.deepCopy();
          Map<String, String> renamed = new LinkedHashMap<>();
          JsonNode own = doc.path("components").path("schemas");
          for (String name : own.propertyNames()) {
            JsonNode there = schemas.get(name);
            if (there != null && !there.equals(own.get(name))) {
              renamed.put(name, prefix(service) + name);
            }
          }
          if (!renamed.isEmpty()) {
            rewriteReferences(doc, renamed);
          }
          JsonNode ownAfter = doc.path("components").path("schemas");
          for (String name : ownAfter.propertyNames()) {
            schemas.set(renamed.getOrDefault(name, name), ownAfter.get(name));
          }
          JsonNode servicePaths = doc.path("paths");
          for (String path : servicePaths.propertyNames()) {
            ObjectNode item = (ObjectNode) servicePaths.get(path);
            for (String method : item.propertyNames()) {
              if (METHODS.contains(method)) {
                ObjectNode operation = (ObjectNode) item.get(method);
                complete(method.toUpperCase(Locale.ROOT), path, operation, service, tagNames);
              }
            }
            ObjectNode existing = (ObjectNode) paths.get(path);
            if (existing == null) {
              paths.set(path, item);
            } else {
              existing.setAll(item);
            }
          }
        });
    tagNames.forEach(name -> tags.addObject().put("name", name));
    return out;
  }

  private void securitySchemes(ObjectNode schemes) {
    schemes
        .putObject(API_TOKEN)
        .put("type", "apiKey")
        .put("in", "header")
        .put("name", "x-api-token")
        .put(
            "description",
            "An API token from Account Settings (`wbt_…`), in the `x-api-token` header only —"
                + " never in the URL. Named tokens carry scopes; the default token has them all."
                + " The scope an operation needs is listed in its security requirement.");
    schemes
        .putObject(PORTAL_SESSION)
        .put("type", "apiKey")
        .put("in", "cookie")
        .put("name", "SESSION")
        .put(
            "description",
            "A person signed in to the portal (the browser's session cookie). Unsafe methods also"
                + " need the X-XSRF-TOKEN header with the XSRF-TOKEN cookie's value.");
  }

  /** The gateway's part of an operation: who may call it and what the gateway itself may answer. */
  private void complete(
      String method, String path, ObjectNode operation, String service, Set<String> tagNames) {
    Optional<String> scope = ApiTokenScopes.scopeFor(method, path);
    ArrayNode security = operation.putArray("security");
    String description = operation.path("description").asString("");
    boolean unsafe = !method.equals("GET") && !method.equals("HEAD");
    if (scope.isPresent()) {
      ArrayNode scopes = security.addObject().putArray(API_TOKEN);
      if (!scope.get().equals(ApiTokenScopes.ANY_TOKEN)) {
        scopes.add(scope.get());
      }
      security.addObject().putArray(PORTAL_SESSION);
      operation.putArray("x-webase-scopes").add(scope.get());
      operation.put("x-webase-api-token", true);
      description +=
          (description.isEmpty() ? "" : "\n\n")
              + (scope.get().equals(ApiTokenScopes.ANY_TOKEN)
                  ? "**API token:** any active token."
                  : "**API token scope:** `" + scope.get() + "`.");
      problem(operation, 400, "ambiguous-api-token", "more than one x-api-token header");
      problem(
          operation,
          401,
          "invalid-api-token",
          "the token is malformed, unknown, revoked or expired");
      problem(operation, 403, "insufficient-scope", "the token lacks the scope this needs");
      problem(operation, 429, "rate-limited", "the token has used its quota for now");
      problem(
          operation,
          429,
          "too-many-failed-authentications",
          "too many unknown tokens came from this address");
      problem(
          operation, 503, "authentication-unavailable", "the token cannot be checked right now");
    } else {
      security.addObject().putArray(PORTAL_SESSION);
      operation.put("x-webase-api-token", false);
      description +=
          (description.isEmpty() ? "" : "\n\n")
              + "**Portal session only:** a person signed in to the portal; an API token cannot"
              + " do this (403 `insufficient-scope`).";
      problem(operation, 403, "insufficient-scope", "an API token was sent: it cannot do this");
    }
    if (operation.path("x-webase-recent-login").asBoolean(false)) {
      description +=
          operation.path("x-webase-current-password-instead").asBoolean(false)
              ? " **Recent login or current password:** the person logged in within sudo mode's"
                  + " window, or the body carries the current password."
              : " **Recent login (sudo mode):** the person logged in within the last minutes;"
                  + " otherwise 401 `recent-login-required` names where to log in again.";
    }
    if (unsafe) {
      problem(
          operation,
          403,
          "csrf-token-missing",
          "a portal session's unsafe request without the X-XSRF-TOKEN header");
    }
    problem(
        operation,
        503,
        "service-unavailable",
        "the service behind this path is down or overloaded; retry later");
    operation.put("description", description);
    operation.put("x-webase-service", service);
    ArrayNode tags = (ArrayNode) operation.get("tags");
    List<String> names = new ArrayList<>();
    if (tags != null) {
      tags.forEach(tag -> names.add(tagName(tag.asString())));
    }
    if (names.isEmpty()) {
      names.add(service);
    }
    ArrayNode newTags = operation.putArray("tags");
    names.forEach(
        name -> {
          newTags.add(name);
          tagNames.add(name);
        });
  }

  /** springdoc names a tag after the controller: {@code app-controller} becomes {@code App}. */
  static String tagName(String springdocTag) {
    String name = springdocTag.replaceAll("-controller$", "").replace('-', ' ');
    return name.isEmpty()
        ? springdocTag
        : Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }

  /** Adds a problem type to the operation's response for its status, as the kit does. */
  void problem(ObjectNode operation, int status, String slug, String when) {
    ObjectNode responses =
        operation.has("responses")
            ? (ObjectNode) operation.get("responses")
            : operation.putObject("responses");
    String code = Integer.toString(status);
    ObjectNode response = (ObjectNode) responses.get(code);
    if (response == null
        || response.path("content").path("application/problem+json").isMissingNode()) {
      var resolved = org.springframework.http.HttpStatus.resolve(status);
      response = responses.putObject(code);
      response.put("description", resolved == null ? "Problem" : resolved.getReasonPhrase());
      response
          .putObject("content")
          .putObject("application/problem+json")
          .putObject("schema")
          .put("$ref", SCHEMAS + "Problem");
    }
    ArrayNode types =
        response.has("x-webase-problem-types")
            ? (ArrayNode) response.get("x-webase-problem-types")
            : response.putArray("x-webase-problem-types");
    String type = typeBase + slug;
    for (JsonNode known : types) {
      if (known.asString().equals(type)) {
        return;
      }
    }
    types.add(type);
    response.put(
        "description", response.get("description").asString() + "\n\n* `" + slug + "`: " + when);
    ObjectNode media = (ObjectNode) response.path("content").path("application/problem+json");
    ObjectNode examples =
        media.has("examples") ? (ObjectNode) media.get("examples") : media.putObject("examples");
    ObjectNode example = examples.putObject(slug);
    example.put("summary", when);
    example.putObject("value").put("type", type).put("status", status);
  }

  private static String prefix(String service) {
    StringBuilder out = new StringBuilder();
    for (String part : service.replace("-service", "").split("-")) {
      if (!part.isEmpty()) {
        out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
      }
    }
    return out.toString();
  }

  private static void rewriteReferences(JsonNode node, Map<String, String> renamed) {
    if (node instanceof ObjectNode object) {
      JsonNode ref = object.get("$ref");
      if (ref != null && ref.isString() && ref.asString().startsWith(SCHEMAS)) {
        String name = ref.asString().substring(SCHEMAS.length());
        if (renamed.containsKey(name)) {
          object.put("$ref", SCHEMAS + renamed.get(name));
        }
      }
      object.forEach(child -> rewriteReferences(child, renamed));
    } else if (node instanceof ArrayNode array) {
      array.forEach(child -> rewriteReferences(child, renamed));
    }
  }

  private record Cached(JsonNode document, Instant until) {}
}
