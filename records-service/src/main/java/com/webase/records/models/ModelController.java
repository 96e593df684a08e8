package com.webase.records.models;

import com.webase.platform.apidocs.ProblemResponse;
import com.webase.platform.apidocs.SuccessStatus;
import com.webase.platform.problem.ProblemException;
import com.webase.platform.security.Caller;
import com.webase.records.ownership.AppOwnership;
import io.swagger.v3.oas.annotations.media.Schema;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Data models of an app: {@code /api/v1/apps/{appId}/models[/{model}]}. */
@RestController
@RequestMapping("/api/v1/apps/{appId}/models")
class ModelController {

  private static final int MAX_PAGE = 100;

  private final AppOwnership ownership;
  private final Models models;

  ModelController(AppOwnership ownership, Models models) {
    this.ownership = ownership;
    this.models = models;
  }

  @SuccessStatus(201)
  @ProblemResponse(status = 404, type = "app-not-found", when = "no app with this id that you own")
  @ProblemResponse(status = 409, type = "model-exists", when = "the app has a model of this name")
  @ProblemResponse(
      status = 409,
      type = "too-many-models",
      when = "the app has as many models as allowed")
  @PostMapping
  ResponseEntity<ModelView> create(
      Caller caller, @PathVariable String appId, @RequestBody CreateModel request) {
    String owner = ownership.requireOwnApp(caller, appId, AppOwnership.WRITE);
    ModelDefinition model = models.create(appId, owner, request.name(), request.fields());
    return ResponseEntity.created(URI.create("/api/v1/apps/" + appId + "/models/" + model.name()))
        .eTag(ETags.of(model.version()))
        .body(ModelView.of(model));
  }

  @ProblemResponse(status = 404, type = "app-not-found", when = "no app with this id that you own")
  @GetMapping
  ModelPage list(
      Caller caller,
      @PathVariable String appId,
      @RequestParam(defaultValue = "50") int limit,
      @RequestParam(required = false) String cursor) {
    String owner = ownership.requireOwnApp(caller, appId, AppOwnership.READ);
    if (limit < 1 || limit > MAX_PAGE) {
      throw ProblemException.invalid("limit", "must be between 1 and " + MAX_PAGE);
    }
    String after = decodeCursor(cursor);
    List<ModelDefinition> page = models.list(appId, owner, after, limit + 1);
    List<ModelView> items = page.stream().limit(limit).map(ModelView::of).toList();
    String next = page.size() > limit ? encodeCursor(page.get(limit - 1).name()) : null;
    return new ModelPage(items, next);
  }

  @ProblemResponse(status = 404, type = "app-not-found", when = "no app with this id that you own")
  @ProblemResponse(
      status = 404,
      type = "model-not-found",
      when = "the app has no model of this name")
  @GetMapping("/{model}")
  ResponseEntity<ModelView> get(
      Caller caller, @PathVariable String appId, @PathVariable("model") String name) {
    String owner = ownership.requireOwnApp(caller, appId, AppOwnership.READ);
    ModelDefinition model = models.get(appId, owner, name);
    return ResponseEntity.ok().eTag(ETags.of(model.version())).body(ModelView.of(model));
  }

  @ProblemResponse(
      status = 400,
      type = "invalid-if-match",
      when = "If-Match is not an ETag this API returned")
  @ProblemResponse(status = 404, type = "app-not-found", when = "no app with this id that you own")
  @ProblemResponse(
      status = 404,
      type = "model-not-found",
      when = "the app has no model of this name")
  @ProblemResponse(
      status = 409,
      type = "field-holds-data",
      when = "the change would lose stored values (send force=true)")
  @ProblemResponse(
      status = 409,
      type = "model-too-many-changes",
      when = "the model was changed too often")
  @ProblemResponse(
      status = 409,
      type = "unique-violation",
      when = "records share a value of a field made unique")
  @ProblemResponse(
      status = 412,
      type = "precondition-failed",
      when = "the model changed since If-Match's version")
  @PatchMapping("/{model}")
  ResponseEntity<ModelView> update(
      Caller caller,
      @PathVariable String appId,
      @PathVariable("model") String name,
      @RequestParam(defaultValue = "false") boolean force,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
      @RequestBody ChangeModel request) {
    String owner = ownership.requireOwnApp(caller, appId, AppOwnership.WRITE);
    ModelDefinition model =
        models.update(
            appId, owner, name, request.fields(), ETags.expectedModelVersion(ifMatch), force);
    return ResponseEntity.ok().eTag(ETags.of(model.version())).body(ModelView.of(model));
  }

  @SuccessStatus(204)
  @ProblemResponse(
      status = 400,
      type = "invalid-if-match",
      when = "If-Match is not an ETag this API returned")
  @ProblemResponse(status = 404, type = "app-not-found", when = "no app with this id that you own")
  @ProblemResponse(
      status = 404,
      type = "model-not-found",
      when = "the app has no model of this name")
  @ProblemResponse(
      status = 412,
      type = "precondition-failed",
      when = "the model changed since If-Match's version")
  @DeleteMapping("/{model}")
  ResponseEntity<Void> delete(
      Caller caller,
      @PathVariable String appId,
      @PathVariable("model") String name,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
    String owner = ownership.requireOwnApp(caller, appId, AppOwnership.WRITE);
    models.delete(appId, owner, name, ETags.expectedModelVersion(ifMatch));
    return ResponseEntity.noContent().build();
  }

  private static String decodeCursor(String cursor) {
    if (cursor == null) {
      return null;
    }
    try {
      String name = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      if (ModelNames.isModelName(name)) {
        return name;
      }
    } catch (IllegalArgumentException notBase64) {
      // falls through to the problem
    }
    throw ProblemException.invalid("cursor", "is not a cursor this API returned");
  }

  private static String encodeCursor(String name) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(name.getBytes(StandardCharsets.UTF_8));
  }

  /** {@code POST} body: a new model and its fields. */
  record CreateModel(
      @Schema(description = "The model's name, unique in the app; it names the model in paths.")
          String name,
      @Schema(description = "The model's fields.") List<FieldSpec> fields) {}

  /** {@code PATCH} body: the fields the model shall have from now on. */
  record ChangeModel(
      @Schema(
              description =
                  "The fields the model shall have from now on: added, changed and removed at once.")
          List<FieldSpec> fields) {}

  record ModelView(
      @Schema(description = "The model's name.") String name,
      @Schema(description = "Goes up with every change of the model; its ETag for If-Match.")
          int version,
      @Schema(description = "The model's fields.") List<FieldSpec> fields,
      @Schema(description = "When the model was created.") Instant createdAt,
      @Schema(description = "When the model last changed.") Instant updatedAt) {
    static ModelView of(ModelDefinition model) {
      return new ModelView(
          model.name(),
          model.version(),
          model.fields().stream().map(FieldSpec::of).toList(),
          model.createdAt(),
          model.updatedAt());
    }
  }

  record ModelPage(List<ModelView> items, String nextCursor) {}
}
