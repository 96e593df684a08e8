package com.webase.apps.evaluation;

import com.webase.apps.apps.App;
import com.webase.apps.apps.Apps;
import com.webase.apps.evaluation.checks.Report;
import com.webase.platform.apidocs.ProblemResponse;
import com.webase.platform.apidocs.SuccessStatus;
import com.webase.platform.paging.PageCursor;
import com.webase.platform.security.Caller;
import io.swagger.v3.oas.annotations.media.Schema;
import java.net.URI;
import java.time.Duration;
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

/** {@code /api/v1/apps/{appId}/evaluations}: ask for one (202), list them, see one. */
@RestController
@RequestMapping("/api/v1/apps/{appId}/evaluations")
class EvaluationController {

  private static final int MAX_PAGE = 100;

  private final Apps apps;
  private final Evaluations evaluations;

  EvaluationController(Apps apps, Evaluations evaluations) {
    this.apps = apps;
    this.evaluations = evaluations;
  }

  @SuccessStatus(202)
  @ProblemResponse(status = 404, type = "app-not-found", when = "no app with this id that you own")
  @PostMapping
  ResponseEntity<EvaluationView> request(Caller caller, @PathVariable String appId) {
    caller.requireScope("apps:write");
    Evaluation evaluation = evaluations.request(caller, appId);
    return ResponseEntity.status(HttpStatus.ACCEPTED)
        .location(URI.create("/api/v1/apps/" + appId + "/evaluations/" + evaluation.id()))
        .body(EvaluationView.of(evaluation));
  }

  @ProblemResponse(status = 404, type = "app-not-found", when = "no app with this id that you own")
  @GetMapping
  EvaluationPage list(
      Caller caller,
      @PathVariable String appId,
      @RequestParam(defaultValue = "20") int limit,
      @RequestParam(required = false) String cursor) {
    caller.requireScope("apps:read");
    PageCursor.checkLimit(limit, MAX_PAGE);
    PageCursor after = PageCursor.parseOrStart(cursor);
    App app = apps.ownedBy(caller, appId);
    List<Evaluation> page = evaluations.page(app, after.at(), after.id(), limit + 1);
    String next =
        PageCursor.nextAfter(page, limit, last -> new PageCursor(last.queuedAt(), last.id()));
    // without their reports: a page stays small whatever the reports hold; GET one for its report
    return new EvaluationPage(
        page.stream().limit(limit).map(EvaluationView::of).map(EvaluationView::summary).toList(),
        next);
  }

  @ProblemResponse(status = 404, type = "app-not-found", when = "no app with this id that you own")
  @ProblemResponse(
      status = 404,
      type = "evaluation-not-found",
      when = "no such evaluation of this app")
  @GetMapping("/{evaluationId}")
  EvaluationView get(Caller caller, @PathVariable String appId, @PathVariable String evaluationId) {
    caller.requireScope("apps:read");
    return EvaluationView.of(evaluations.get(caller, appId, evaluationId));
  }

  record EvaluationPage(List<EvaluationView> items, String nextCursor) {}

  /**
   * @param durationMs from start to finish, once finished
   */
  record EvaluationView(
      @Schema(description = "The evaluation's id.") UUID id,
      @Schema(description = "The app's revision whose files were evaluated.") int revision,
      @Schema(
              description = "queued, running, then passed or failed.",
              allowableValues = {"queued", "running", "passed", "failed"})
          String status,
      @Schema(description = "When it was asked for.") Instant queuedAt,
      @Schema(description = "When it started; absent while queued.") Instant startedAt,
      @Schema(description = "When it finished; absent until then.") Instant finishedAt,
      @Schema(description = "From start to finish in milliseconds, once finished.") Long durationMs,
      @Schema(description = "The checks run and what they found, once finished; absent in lists.")
          Report report) {
    EvaluationView summary() {
      return new EvaluationView(
          id, revision, status, queuedAt, startedAt, finishedAt, durationMs, null);
    }

    static EvaluationView of(Evaluation e) {
      Long duration =
          e.startedAt() == null || e.finishedAt() == null
              ? null
              : Duration.between(e.startedAt(), e.finishedAt()).toMillis();
      return new EvaluationView(
          e.id(),
          e.revision(),
          e.status(),
          e.queuedAt(),
          e.startedAt(),
          e.finishedAt(),
          duration,
          e.report());
    }
  }
}
