package com.webase.apps.deployment;

import com.webase.apps.apps.App;
import com.webase.apps.apps.Apps;
import com.webase.platform.apidocs.ProblemResponse;
import com.webase.platform.apidocs.SuccessStatus;
import com.webase.platform.paging.PageCursor;
import com.webase.platform.security.Caller;
import io.swagger.v3.oas.annotations.media.Schema;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/apps/{appId}/deployments}: deploy the current revision (202, needs {@code
 * deploy}), list, see one, promote an earlier one back to live.
 */
@RestController
@RequestMapping("/api/v1/apps/{appId}/deployments")
class DeploymentController {

  private static final int MAX_PAGE = 100;

  private final Apps apps;
  private final Deployments deployments;

  DeploymentController(Apps apps, Deployments deployments) {
    this.apps = apps;
    this.deployments = deployments;
  }

  @SuccessStatus(202)
  @ProblemResponse(status = 404, type = "app-not-found", when = "no app with this id that you own")
  @PostMapping
  ResponseEntity<DeploymentView> deploy(Caller caller, @PathVariable String appId) {
    caller.requireScope("deploy");
    Deployment deployment = deployments.request(caller, appId);
    return ResponseEntity.status(HttpStatus.ACCEPTED)
        .location(URI.create("/api/v1/apps/" + appId + "/deployments/" + deployment.id()))
        .body(DeploymentView.of(deployment));
  }

  @ProblemResponse(status = 404, type = "app-not-found", when = "no app with this id that you own")
  @GetMapping
  DeploymentPage list(
      Caller caller,
      @PathVariable String appId,
      @RequestParam(defaultValue = "20") int limit,
      @RequestParam(required = false) String cursor) {
    caller.requireScope("apps:read");
    PageCursor.checkLimit(limit, MAX_PAGE);
    PageCursor after = PageCursor.parseOrStart(cursor);
    App app = apps.ownedBy(caller, appId);
    List<Deployment> page = deployments.page(app, after.at(), after.id(), limit + 1);
    String next =
        PageCursor.nextAfter(page, limit, last -> new PageCursor(last.createdAt(), last.id()));
    return new DeploymentPage(page.stream().limit(limit).map(DeploymentView::of).toList(), next);
  }

  @ProblemResponse(status = 404, type = "app-not-found", when = "no app with this id that you own")
  @ProblemResponse(
      status = 404,
      type = "deployment-not-found",
      when = "no such deployment of this app")
  @GetMapping("/{deploymentId}")
  DeploymentView get(Caller caller, @PathVariable String appId, @PathVariable String deploymentId) {
    caller.requireScope("apps:read");
    return DeploymentView.of(deployments.get(caller, appId, deploymentId));
  }

  @ProblemResponse(status = 404, type = "app-not-found", when = "no app with this id that you own")
  @ProblemResponse(
      status = 404,
      type = "deployment-not-found",
      when = "no such deployment of this app")
  @ProblemResponse(
      status = 409,
      type = "deployment-not-promotable",
      when = "the deployment was never live")
  @PostMapping("/{deploymentId}/promote")
  DeploymentView promote(
      Caller caller, @PathVariable String appId, @PathVariable String deploymentId) {
    caller.requireScope("deploy");
    return DeploymentView.of(deployments.promote(caller, appId, deploymentId));
  }

  record DeploymentPage(List<DeploymentView> items, String nextCursor) {}

  record DeploymentView(
      @Schema(description = "The deployment's id.") UUID id,
      @Schema(description = "The app's revision it serves (an immutable snapshot).") int revision,
      @Schema(
              description =
                  "queued, building, then live or failed; retired once another went live.",
              allowableValues = {"queued", "building", "live", "failed", "retired"})
          String status,
      @Schema(description = "Why it failed; absent otherwise.") String reason,
      @Schema(description = "When it was asked for.") Instant createdAt,
      @Schema(description = "When building started.") Instant startedAt,
      @Schema(description = "When building finished.") Instant finishedAt,
      @Schema(description = "When it last went live; absent if it never did.") Instant liveSince) {
    static DeploymentView of(Deployment d) {
      return new DeploymentView(
          d.id(),
          d.revision(),
          d.status(),
          d.reason(),
          d.createdAt(),
          d.startedAt(),
          d.finishedAt(),
          d.liveSince());
    }
  }
}
