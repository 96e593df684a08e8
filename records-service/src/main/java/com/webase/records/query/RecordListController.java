package com.webase.records.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.webase.platform.security.Caller;
import com.webase.records.ownership.AppOwnership;
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

  @GetMapping("/api/v1/apps/{appId}/models/{model}/records")
  RecordPage list(
      Caller caller,
      @PathVariable String appId,
      @PathVariable String model,
      @RequestParam MultiValueMap<String, String> parameters) {
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
      @JsonInclude(JsonInclude.Include.NON_NULL) Long total) {}
}
