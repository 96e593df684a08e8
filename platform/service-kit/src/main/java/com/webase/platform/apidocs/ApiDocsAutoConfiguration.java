package com.webase.platform.apidocs;

import com.webase.platform.security.Caller;
import com.webase.platform.security.SecurityProperties;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.util.AntPathMatcher;

/**
 * Each service's OpenAPI document (springdoc), served on the management port only ({@code
 * /actuator/openapi}): the gateway reads it there and serves all of them as one reference at {@code
 * /v3/api-docs} on the portal's origin (DESIGN §7). No service answers {@code /v3/api-docs} on its
 * public port.
 *
 * <p>What the kit adds to every operation is what the kit itself may answer: {@code validation} for
 * a request with parameters or a body, {@code unauthenticated} and {@code forbidden}, {@code
 * payload-too-large} for a body, and the {@code Idempotency-Key} header with its two problems on
 * every POST and PATCH. An operation names its own further problems with {@link ProblemResponse}
 * and a recent-login need with {@link NeedsRecentLogin}. Every problem is {@code
 * application/problem+json} with the schema {@code Problem}.
 */
@AutoConfiguration
@ConditionalOnClass(OpenApiCustomizer.class)
public class ApiDocsAutoConfiguration {

  static final String PROBLEM = "Problem";
  static final String FIELD_ERROR = "FieldError";
  static final String PROBLEM_JSON = "application/problem+json";

  static {
    // the caller comes from the bearer token, never from the request's parameters
    SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
    // Jackson 3's trees are JSON values, not beans to introspect
    SpringDocUtils.getConfig()
        .replaceWithSchema(
            tools.jackson.databind.JsonNode.class, new Schema<>().description("Any JSON value."))
        .replaceWithSchema(
            tools.jackson.databind.node.ObjectNode.class,
            new ObjectSchema().description("A JSON object."));
  }

  @Bean
  OperationCustomizer webaseDeclaredProblems(
      @Value("${webase.problems.type-base:https://webase.dev/problems/}") String typeBase) {
    return (operation, handler) -> {
      operation.setOperationId(operationId(handler.getBeanType(), handler.getMethod().getName()));
      ProblemResponse[] declared = handler.getMethod().getAnnotationsByType(ProblemResponse.class);
      for (ProblemResponse problem : declared) {
        addProblem(operation, typeBase, problem.status(), problem.type(), problem.when());
      }
      SuccessStatus success = handler.getMethod().getAnnotation(SuccessStatus.class);
      if (success != null) {
        documentSuccess(operation, success.value());
      }
      NeedsRecentLogin recent = handler.getMethod().getAnnotation(NeedsRecentLogin.class);
      if (recent != null) {
        operation.addExtension("x-webase-recent-login", true);
        operation.addExtension("x-webase-current-password-instead", recent.orCurrentPassword());
        addProblem(
            operation,
            typeBase,
            401,
            "recent-login-required",
            recent.orCurrentPassword()
                ? "the login is older than sudo mode allows and the body has no current password"
                : "the login is older than sudo mode allows (re-authenticate at"
                    + " /session/reauthenticate)");
      }
      return operation;
    };
  }

  @Bean
  OpenApiCustomizer webaseKitProblems(
      @Value("${webase.problems.type-base:https://webase.dev/problems/}") String typeBase,
      SecurityProperties security) {
    AntPathMatcher publicPaths = new AntPathMatcher();
    return openApi -> {
      openApi.schema(FIELD_ERROR, fieldErrorSchema());
      openApi.schema(PROBLEM, problemSchema());
      Paths paths = new Paths();
      if (openApi.getPaths() != null) {
        openApi
            .getPaths()
            .forEach(
                (path, item) -> {
                  String clean = catchAllAsParameter(path);
                  boolean isPublic =
                      security.publicPaths().stream().anyMatch(p -> publicPaths.match(p, path));
                  item.readOperationsMap()
                      .forEach(
                          (method, operation) -> {
                            addKitProblems(typeBase, method, operation, isPublic);
                            describeCommonParameters(operation);
                          });
                  paths.addPathItem(clean, item);
                });
      }
      openApi.setPaths(paths);
      if (openApi.getComponents() != null && openApi.getComponents().getSchemas() != null) {
        openApi
            .getComponents()
            .getSchemas()
            .values()
            .forEach(ApiDocsAutoConfiguration::describePage);
      }
    };
  }

  /**
   * What every service's parameters of the same name mean (paging is the kit's, {@link
   * com.webase.platform.paging.PageCursor}); a parameter described by its controller keeps its own.
   */
  static final Map<String, String> COMMON_PARAMETERS =
      Map.ofEntries(
          Map.entry("limit", "How many items one page holds at most."),
          Map.entry(
              "cursor",
              "Where the page starts: the nextCursor of the previous page, as returned; absent for"
                  + " the first page."),
          Map.entry("appId", "The app's id."),
          Map.entry("model", "The model's name."),
          Map.entry("id", "The id of the item the path names."),
          Map.entry("tokenId", "The token's id."),
          Map.entry("deploymentId", "The deployment's id."),
          Map.entry("evaluationId", "The evaluation's id."),
          Map.entry("path", "The file's path in the app, e.g. index.html or css/site.css."),
          Map.entry("force", "true: accept that the change loses stored values."),
          Map.entry(
              "If-Match",
              "The ETag of the version this change is based on: the change is refused (412) if"
                  + " the resource has changed since."),
          Map.entry(
              "If-None-Match",
              "An ETag the client holds: 304 Not Modified if it is still current; '*' to create"
                  + " only."));

  private static void describeCommonParameters(Operation operation) {
    if (operation.getParameters() == null) {
      return;
    }
    operation.getParameters().stream()
        .filter(p -> p.getDescription() == null || p.getDescription().isBlank())
        .forEach(p -> p.setDescription(COMMON_PARAMETERS.get(p.getName())));
  }

  /** Every list answers {@code items} and {@code nextCursor}, described once here. */
  @SuppressWarnings({"rawtypes", "unchecked"})
  private static void describePage(Schema schema) {
    Map<String, Schema> properties = schema.getProperties();
    if (properties == null
        || !properties.containsKey("items")
        || !properties.containsKey("nextCursor")) {
      return;
    }
    Schema items = properties.get("items");
    if (items.getDescription() == null) {
      items.setDescription("This page's items, in the list's order.");
    }
    Schema next = properties.get("nextCursor");
    if (next.getDescription() == null) {
      next.setDescription("Pass as cursor to get the next page; absent (null) on the last page.");
    }
  }

  /** Moves the documented 200 to the statuses the operation really answers. */
  static void documentSuccess(Operation operation, int[] statuses) {
    ApiResponses responses = operation.getResponses();
    ApiResponse ok = responses == null ? null : responses.remove("200");
    if (ok == null) {
      ok = new ApiResponse();
    }
    for (int status : statuses) {
      HttpStatus resolved = HttpStatus.valueOf(status);
      ApiResponse response =
          new ApiResponse()
              .description(resolved.getReasonPhrase())
              .content(status == 204 ? null : ok.getContent())
              .headers(ok.getHeaders());
      operation.getResponses().addApiResponse(Integer.toString(status), response);
    }
  }

  /**
   * Unique across the platform, so the gateway can serve every service's operations in one document
   * and a generated client gets readable method names: the controller's name without {@code
   * Controller}, then the method's, e.g. {@code AppController.create} → {@code appCreate}.
   */
  static String operationId(Class<?> controller, String method) {
    String name = controller.getSimpleName().replace("Controller", "");
    String prefix = name.isEmpty() ? "" : Character.toLowerCase(name.charAt(0)) + name.substring(1);
    return prefix.isEmpty()
        ? method
        : prefix + Character.toUpperCase(method.charAt(0)) + method.substring(1);
  }

  /**
   * Spring's {@code {*path}} (the rest of the path) is not an OpenAPI template: it becomes {@code
   * {path}}, a parameter that may hold slashes.
   */
  static String catchAllAsParameter(String path) {
    return path.replace("{*", "{");
  }

  private static void addKitProblems(
      String typeBase, PathItem.HttpMethod method, Operation operation, boolean isPublic) {
    boolean hasInput =
        (operation.getParameters() != null && !operation.getParameters().isEmpty())
            || operation.getRequestBody() != null;
    if (hasInput) {
      addProblem(
          operation, typeBase, 400, "validation", "a parameter or a field of the body is refused");
      addProblem(
          operation, typeBase, 400, "malformed-request", "the body is not JSON of the right shape");
    }
    if (!isPublic) {
      addProblem(
          operation,
          typeBase,
          401,
          "unauthenticated",
          "no credential, or one the API does not accept");
      addProblem(operation, typeBase, 403, "forbidden", "the caller may not do this");
    }
    if (operation.getRequestBody() != null) {
      addProblem(operation, typeBase, 413, "payload-too-large", "the body is larger than allowed");
    }
    if (method == PathItem.HttpMethod.POST || method == PathItem.HttpMethod.PATCH) {
      boolean declared =
          operation.getParameters() != null
              && operation.getParameters().stream()
                  .anyMatch(p -> "Idempotency-Key".equalsIgnoreCase(p.getName()));
      if (!declared) {
        operation.addParametersItem(
            new HeaderParameter()
                .name("Idempotency-Key")
                .required(false)
                .description(
                    "Makes a retry safe: the same key with the same body gets the first answer"
                        + " again (kept 24 h, per caller); the same key with another body is"
                        + " refused.")
                .schema(new StringSchema().maxLength(255)));
      }
      addProblem(
          operation,
          typeBase,
          409,
          "idempotency-key-in-use",
          "a request with the same Idempotency-Key is still running");
      addProblem(
          operation,
          typeBase,
          422,
          "idempotency-key-reused",
          "the Idempotency-Key was used before with another body");
    }
  }

  /**
   * Adds a problem to an operation's responses: one response per status, one example per {@code
   * type}, and the list of types as {@code x-webase-problem-types}.
   */
  @SuppressWarnings("unchecked")
  static void addProblem(
      Operation operation, String typeBase, int status, String slug, String when) {
    String base = typeBase.endsWith("/") ? typeBase : typeBase + "/";
    String type = base + slug;
    ApiResponses responses = operation.getResponses();
    if (responses == null) {
      responses = new ApiResponses();
      operation.setResponses(responses);
    }
    String code = Integer.toString(status);
    ApiResponse response = responses.get(code);
    if (response == null
        || response.getContent() == null
        || response.getContent().get(PROBLEM_JSON) == null) {
      HttpStatus resolved = HttpStatus.resolve(status);
      response =
          new ApiResponse()
              .description(resolved == null ? "Problem" : resolved.getReasonPhrase())
              .content(
                  new Content()
                      .addMediaType(
                          PROBLEM_JSON,
                          new MediaType()
                              .schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
      responses.addApiResponse(code, response);
    }
    Map<String, Object> extensions =
        response.getExtensions() == null ? new LinkedHashMap<>() : response.getExtensions();
    List<String> types =
        (List<String>) extensions.computeIfAbsent("x-webase-problem-types", k -> new ArrayList<>());
    if (types.contains(type)) {
      return;
    }
    types.add(type);
    response.setExtensions(extensions);
    response.setDescription(
        response.getDescription() + "\n\n* `" + slug + "`" + (when.isBlank() ? "" : ": " + when));
    MediaType media = response.getContent().get(PROBLEM_JSON);
    Map<String, Object> example = new LinkedHashMap<>();
    example.put("type", type);
    example.put("status", status);
    media.addExamples(
        slug,
        new io.swagger.v3.oas.models.examples.Example()
            .summary(when.isBlank() ? slug : when)
            .value(example));
  }

  private static Schema<?> problemSchema() {
    return new ObjectSchema()
        .description("An RFC 9457 problem: every error of the API has this shape.")
        .addProperty(
            "type",
            new StringSchema()
                .format("uri")
                .description(
                    "Stable identifier of the failure; its page in the problem catalogue says"
                        + " what it means and what to do."))
        .addProperty("title", new StringSchema().description("Short summary of the failure."))
        .addProperty(
            "status", new IntegerSchema().description("The HTTP status, repeated in the body."))
        .addProperty(
            "detail",
            new StringSchema().description("What went wrong with this request, for a person."))
        .addProperty(
            "instance", new StringSchema().description("The request path that failed, if known."))
        .addProperty(
            "errors",
            new ArraySchema()
                .items(new Schema<>().$ref("#/components/schemas/" + FIELD_ERROR))
                .description("For validation problems: each refused field and why."));
  }

  private static Schema<?> fieldErrorSchema() {
    return new ObjectSchema()
        .description("One refused field of a request.")
        .addProperty(
            "field", new StringSchema().description("The JSON property path, e.g. newPassword."))
        .addProperty(
            "reason", new StringSchema().description("Why it was refused, in words to act on."));
  }
}
