package com.webase.records.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.webase.platform.apidocs.ProblemResponse;
import com.webase.platform.security.Caller;
import com.webase.records.ownership.AppOwnership;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /api/v1/apps/{appId}/models/{model}/records}: filtered, sorted, cursor-paged records.
 * The query syntax is in {@link QueryParser} and records-service/QUERY.md.
 */
@RestController
class RecordListController {

  private final AppOwnership ownership;
  private final RecordLists lists;

  RecordListController(AppOwnership ownership, RecordLists lists) {
    this.ownership = ownership;
    this.lists = lists;
  }

  @ProblemResponse(
      status = 400,
      type = "invalid-query",
      when = "a filter, sort or limit is not one the model allows")
  @ProblemResponse(status = 404, type = "app-not-found", when = "no app with this id that you own")
  @ProblemResponse(
      status = 404,
      type = "model-not-found",
      when = "the app has no model of this name")
  @ProblemResponse(
      status = 409,
      type = "model-changed",
      when = "the model changed while the list was read")
  @ProblemResponse(status = 503, type = "query-timeout", when = "the list took too long to compute")
  @GetMapping("/api/v1/apps/{appId}/models/{model}/records")
  @Parameter(
      name = "filter",
      in = ParameterIn.QUERY,
      description =
          "FIELD:OPERATOR:VALUE, repeatable, all must hold; at most 20. Operators: eq ne gt gte lt"
              + " lte in contains startsWith isNull. FIELD is a field of the model, id, createdAt"
              + " or updatedAt; in takes a comma-separated list (\\, for a comma).",
      array = @ArraySchema(schema = @Schema(type = "string", example = "price:gte:10")))
  @Parameter(
      name = "sort",
      in = ParameterIn.QUERY,
      description = "FIELD ascending or -FIELD descending; ties go by id.",
      schema = @Schema(type = "string", example = "-createdAt"))
  @Parameter(
      name = "limit",
      in = ParameterIn.QUERY,
      description = "How many items one page holds at most.",
      schema = @Schema(type = "integer", minimum = "1", maximum = "500", defaultValue = "50"))
  @Parameter(
      name = "cursor",
      in = ParameterIn.QUERY,
      description =
          "Where the page starts: the nextCursor of the previous page (with the same sort);"
              + " absent for the first page.",
      schema = @Schema(type = "string"))
  @Parameter(
      name = "count",
      in = ParameterIn.QUERY,
      description = "true: also answer total, the number of matching records.",
      schema = @Schema(type = "boolean", defaultValue = "false"))
  RecordPage list(
      Caller caller,
      @PathVariable String appId,
      @PathVariable String model,
      @Parameter(hidden = true) @RequestParam MultiValueMap<String, String> parameters) {
    String owner = ownership.requireOwnApp(caller, appId, AppOwnership.READ);
    RecordLists.Page page = lists.list(appId, owner, model, parameters);
    return new RecordPage(
        page.records().stream().map(r -> r.toJson(page.model())).toList(),
        page.nextCursor(),
        page.total());
  }

  /** A page of records; {@code total} only when {@code count=true} was asked. */
  record RecordPage(
      List<ObjectNode> items,
      String nextCursor,
      @Schema(description = "How many records match the filters; only when count=true was asked.")
          @JsonInclude(JsonInclude.Include.NON_NULL)
          Long total) {}
}
