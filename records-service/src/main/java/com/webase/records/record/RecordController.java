package com.webase.records.record;

import com.webase.platform.apidocs.ProblemResponse;
import com.webase.platform.apidocs.SuccessStatus;
import com.webase.platform.security.Caller;
import com.webase.records.models.ETags;
import com.webase.records.ownership.AppOwnership;
import io.swagger.v3.oas.annotations.media.Schema;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Records of a model: {@code /api/v1/apps/{appId}/models/{model}/records[/{id}|/bulk]}. Lists are
 * in {@code query.RecordListController}. Single records carry their version as {@code ETag}; PUT,
 * PATCH and DELETE honour {@code If-Match}.
 */
@RestController
@RequestMapping("/api/v1/apps/{appId}/models/{model}/records")
class RecordController {

  private final AppOwnership ownership;
  private final RecordWrites records;

  RecordController(AppOwnership ownership, RecordWrites records) {
    this.ownership = ownership;
    this.records = records;
  }

  @SuccessStatus(201)
  @ProblemResponse(status = 404, type = "app-not-found", when = "no app with this id that you own")
  @ProblemResponse(
      status = 404,
      type = "model-not-found",
      when = "the app has no model of this name")
  @ProblemResponse(
      status = 409,
      type = "unique-violation",
      when = "a unique field's value is taken")
  @PostMapping
  ResponseEntity<ObjectNode> create(
      Caller caller,
      @PathVariable String appId,
      @PathVariable String model,
      @RequestBody JsonNode body) {
    String owner = ownership.requireOwnApp(caller, appId, AppOwnership.WRITE);
    RecordWrites.Written written = records.create(appId, owner, model, body);
    return ResponseEntity.created(
            URI.create(
                "/api/v1/apps/" + appId + "/models/" + model + "/records/" + written.record().id()))
        .eTag(ETags.of(written.record().version()))
        .body(written.record().toJson(written.model()));
  }

  @SuccessStatus(201)
  @ProblemResponse(status = 404, type = "app-not-found", when = "no app with this id that you own")
  @ProblemResponse(
      status = 404,
      type = "model-not-found",
      when = "the app has no model of this name")
  @ProblemResponse(
      status = 409,
      type = "unique-violation",
      when = "a unique field's value is taken")
  @PostMapping("/bulk")
  ResponseEntity<BulkCreated> createAll(
      Caller caller,
      @PathVariable String appId,
      @PathVariable String model,
      @RequestBody JsonNode body) {
    String owner = ownership.requireOwnApp(caller, appId, AppOwnership.WRITE);
    List<RecordWrites.Written> written = records.createAll(appId, owner, model, body);
    List<ObjectNode> items = written.stream().map(w -> w.record().toJson(w.model())).toList();
    return ResponseEntity.status(HttpStatus.CREATED).body(new BulkCreated(items.size(), items));
  }

  @ProblemResponse(status = 404, type = "app-not-found", when = "no app with this id that you own")
  @ProblemResponse(
      status = 404,
      type = "model-not-found",
      when = "the app has no model of this name")
  @ProblemResponse(status = 404, type = "record-not-found", when = "no record with this id")
  @GetMapping("/{id}")
  ResponseEntity<ObjectNode> get(
      Caller caller,
      @PathVariable String appId,
      @PathVariable String model,
      @PathVariable String id) {
    String owner = ownership.requireOwnApp(caller, appId, AppOwnership.READ);
    return respond(records.get(appId, owner, model, id));
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
  @ProblemResponse(status = 404, type = "record-not-found", when = "no record with this id")
  @ProblemResponse(
      status = 409,
      type = "unique-violation",
      when = "a unique field's value is taken")
  @ProblemResponse(
      status = 412,
      type = "precondition-failed",
      when = "the record changed since If-Match's version")
  @PutMapping("/{id}")
  ResponseEntity<ObjectNode> replace(
      Caller caller,
      @PathVariable String appId,
      @PathVariable String model,
      @PathVariable String id,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
      @RequestBody JsonNode body) {
    String owner = ownership.requireOwnApp(caller, appId, AppOwnership.WRITE);
    return respond(records.replace(appId, owner, model, id, body, ETags.expected(ifMatch)));
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
  @ProblemResponse(status = 404, type = "record-not-found", when = "no record with this id")
  @ProblemResponse(
      status = 409,
      type = "unique-violation",
      when = "a unique field's value is taken")
  @ProblemResponse(
      status = 412,
      type = "precondition-failed",
      when = "the record changed since If-Match's version")
  @PatchMapping(
      value = "/{id}",
      consumes = {"application/json", "application/merge-patch+json"})
  ResponseEntity<ObjectNode> patch(
      Caller caller,
      @PathVariable String appId,
      @PathVariable String model,
      @PathVariable String id,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
      @RequestBody JsonNode body) {
    String owner = ownership.requireOwnApp(caller, appId, AppOwnership.WRITE);
    return respond(records.patch(appId, owner, model, id, body, ETags.expected(ifMatch)));
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
  @ProblemResponse(status = 404, type = "record-not-found", when = "no record with this id")
  @ProblemResponse(
      status = 412,
      type = "precondition-failed",
      when = "the record changed since If-Match's version")
  @DeleteMapping("/{id}")
  ResponseEntity<Void> delete(
      Caller caller,
      @PathVariable String appId,
      @PathVariable String model,
      @PathVariable String id,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
    String owner = ownership.requireOwnApp(caller, appId, AppOwnership.WRITE);
    records.delete(appId, owner, model, id, ETags.expected(ifMatch));
    return ResponseEntity.noContent().build();
  }

  private static ResponseEntity<ObjectNode> respond(RecordWrites.Written written) {
    return ResponseEntity.ok()
        .eTag(ETags.of(written.record().version()))
        .body(written.record().toJson(written.model()));
  }

  record BulkCreated(
      @Schema(description = "How many records were created.") int count,
      @Schema(description = "The created records, in the order sent.") List<ObjectNode> items) {}
}
