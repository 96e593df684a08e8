package com.webase.apps.apps;

import com.webase.platform.apidocs.ProblemResponse;
import com.webase.platform.apidocs.SuccessStatus;
import com.webase.platform.paging.PageCursor;
import com.webase.platform.problem.ProblemException;
import com.webase.platform.security.Caller;
import io.swagger.v3.oas.annotations.media.Schema;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/apps}: create, list (newest first), get, rename or describe, delete. */
@RestController
@RequestMapping("/api/v1/apps")
class AppController {

  static final int MAX_PAGE = 100;

  private final Apps apps;
  private final AppStore store;

  AppController(Apps apps, AppStore store) {
    this.apps = apps;
    this.store = store;
  }

  @SuccessStatus(201)
  @ProblemResponse(
      status = 409,
      type = "too-many-apps",
      when = "the account has as many apps as allowed")
  @ProblemResponse(
      status = 409,
      type = "concurrent-change",
      when = "another request took the same slug at the same moment")
  @PostMapping
  ResponseEntity<AppView> create(Caller caller, @RequestBody NewApp request) {
    caller.requireScope("apps:write");
    App app = apps.create(caller, request.name(), request.description());
    return ResponseEntity.created(URI.create("/api/v1/apps/" + app.id())).body(view(app));
  }

  @GetMapping
  AppPage list(
      Caller caller,
      @RequestParam(defaultValue = "20") int limit,
      @RequestParam(required = false) String cursor) {
    caller.requireScope("apps:read");
    PageCursor.checkLimit(limit, MAX_PAGE);
    PageCursor after = PageCursor.parseOrStart(cursor);
    List<App> page = store.page(caller.userId(), after.at(), after.id(), limit + 1);
    String next =
        PageCursor.nextAfter(page, limit, last -> new PageCursor(last.createdAt(), last.id()));
    return new AppPage(page.stream().limit(limit).map(this::view).toList(), next);
  }

  @ProblemResponse(status = 404, type = "app-not-found", when = "no app with this id that you own")
  @GetMapping("/{appId}")
  AppView get(Caller caller, @PathVariable String appId) {
    caller.requireScope("apps:read");
    return view(apps.ownedBy(caller, appId));
  }

  @ProblemResponse(status = 404, type = "app-not-found", when = "no app with this id that you own")
  @PatchMapping("/{appId}")
  AppView update(Caller caller, @PathVariable String appId, @RequestBody AppPatch patch) {
    caller.requireScope("apps:write");
    if (patch.name() == null && patch.description() == null) {
      throw ProblemException.invalid("(body)", "needs name and/or description");
    }
    return view(apps.update(caller, appId, patch.name(), patch.description()));
  }

  @SuccessStatus(204)
  @ProblemResponse(status = 404, type = "app-not-found", when = "no app with this id that you own")
  @DeleteMapping("/{appId}")
  ResponseEntity<Void> delete(Caller caller, @PathVariable String appId) {
    caller.requireScope("apps:write");
    apps.delete(caller, appId);
    return ResponseEntity.noContent().build();
  }

  private AppView view(App app) {
    return new AppView(
        app.id(),
        app.name(),
        app.description(),
        app.slug(),
        app.siteName(),
        apps.siteUrl(app),
        app.revision(),
        app.createdAt(),
        app.updatedAt());
  }

  record NewApp(
      @Schema(
              description = "The app's name; its slug and site name are made from it.",
              maxLength = AppNames.MAX_NAME)
          String name,
      @Schema(description = "What the app is for.", maxLength = AppNames.MAX_DESCRIPTION)
          String description) {}

  record AppPatch(
      @Schema(
              description = "A new name (the slug and site name stay).",
              maxLength = AppNames.MAX_NAME)
          String name,
      @Schema(description = "A new description.", maxLength = AppNames.MAX_DESCRIPTION)
          String description) {}

  record AppPage(List<AppView> items, String nextCursor) {}

  /**
   * @param siteUrl where the live site is served once the app is deployed
   * @param revision the current revision of the files (0 before the first file)
   */
  record AppView(
      @Schema(description = "The app's id.") UUID id,
      @Schema(description = "The app's name.") String name,
      @Schema(description = "What the app is for.") String description,
      @Schema(description = "Unique among the owner's apps, made from the name.") String slug,
      @Schema(description = "The live site's name: its host is {siteName}.<sites domain>.")
          String siteName,
      @Schema(description = "Where the live site is served once the app is deployed.")
          String siteUrl,
      @Schema(description = "The current revision of the files (0 before the first file).")
          int revision,
      @Schema(description = "When the app was created.") Instant createdAt,
      @Schema(description = "When the app or its files last changed.") Instant updatedAt) {}
}
