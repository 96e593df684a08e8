package com.webase.apps.evaluation;

import com.webase.apps.apps.App;
import com.webase.apps.apps.Apps;
import com.webase.apps.apps.AppsProperties;
import com.webase.apps.evaluation.checks.AppChecks;
import com.webase.apps.evaluation.checks.Report;
import com.webase.apps.files.FileLimits;
import com.webase.apps.files.SourceFiles;
import com.webase.events.EventEnvelope;
import com.webase.events.Topics;
import com.webase.events.WebaseEvent;
import com.webase.events.apps.EvaluationCompleted;
import com.webase.events.apps.EvaluationRequested;
import com.webase.platform.events.EventInbox;
import com.webase.platform.events.PreparedEventHandler;
import com.webase.platform.problem.ProblemException;
import com.webase.platform.security.Caller;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Evaluations: requested through the API (queued, {@code EvaluationRequested}), run by a worker
 * driven by that event on the snapshot of the revision that was current when it was asked for,
 * finished with a report and {@code EvaluationCompleted}.
 */
@Service
public class Evaluations {

  private final Apps apps;
  private final SourceFiles files;
  private final EvaluationStore store;
  private final EventInbox inbox;
  private final ApplicationEventPublisher events;
  private final AppChecks checks;
  private final Clock clock;

  Evaluations(
      Apps apps,
      SourceFiles files,
      EvaluationStore store,
      EventInbox inbox,
      ApplicationEventPublisher events,
      FileLimits fileLimits,
      EvaluationProperties properties,
      AppsProperties appsProperties,
      Clock clock) {
    this.apps = apps;
    this.files = files;
    this.store = store;
    this.inbox = inbox;
    this.events = events;
    this.clock = clock;
    this.checks =
        new AppChecks(
            new AppChecks.Limits(
                appsProperties.entryPage(),
                fileLimits.maxFileSize().toBytes(),
                fileLimits.maxAppSize().toBytes(),
                properties.maxFindingsPerCheck()));
  }

  @Transactional
  public Evaluation request(Caller caller, String appId) {
    App app = apps.lockOwnedBy(caller, appId);
    Instant now = clock.instant();
    Evaluation evaluation =
        new Evaluation(
            UUID.randomUUID(), app.id(), app.revision(), "queued", null, now, null, null);
    store.insert(evaluation);
    events.publishEvent(
        new EvaluationRequested(
            UUID.randomUUID(),
            now,
            app.id().toString(),
            app.ownerId(),
            evaluation.id().toString()));
    return evaluation;
  }

  public Evaluation get(Caller caller, String appId, String evaluationId) {
    App app = apps.ownedBy(caller, appId);
    return parse(evaluationId)
        .flatMap(id -> store.find(app.id(), id))
        .orElseThrow(
            () ->
                new ProblemException(
                    HttpStatus.NOT_FOUND,
                    "evaluation-not-found",
                    "Evaluation not found",
                    "The app has no such evaluation."));
  }

  List<Evaluation> page(App app, Instant before, UUID beforeId, int limit) {
    return store.page(app.id(), before, beforeId, limit);
  }

  /** The worker: runs the checks outside a transaction, records the outcome in one. */
  @KafkaListener(
      topics = Topics.APPS,
      groupId = "${webase.apps.consumer-group:apps-service}-evaluations")
  void onRequested(ConsumerRecord<String, byte[]> record) {
    if (!inbox.carries(record, EvaluationRequested.class)) {
      return;
    }
    inbox.handle(
        record,
        new PreparedEventHandler<Report>() {
          @Override
          public Report prepare(WebaseEvent event, EventEnvelope envelope) {
            EvaluationRequested requested = (EvaluationRequested) event;
            UUID appId = UUID.fromString(requested.appId());
            UUID id = UUID.fromString(requested.evaluationId());
            Evaluation evaluation = store.find(appId, id).orElse(null);
            if (evaluation == null
                || apps.find(appId).isEmpty()
                || !store.start(id, clock.instant())) {
              return null;
            }
            return checks.check(files.snapshot(appId, evaluation.revision()));
          }

          @Override
          public void apply(WebaseEvent event, EventEnvelope envelope, Report report) {
            EvaluationRequested requested = (EvaluationRequested) event;
            Instant now = clock.instant();
            if (report != null
                && store.finish(UUID.fromString(requested.evaluationId()), report, now)) {
              events.publishEvent(
                  new EvaluationCompleted(
                      UUID.randomUUID(),
                      now,
                      requested.appId(),
                      requested.ownerId(),
                      requested.evaluationId(),
                      report.passed() ? "passed" : "failed"));
            }
          }
        });
  }

  static java.util.Optional<UUID> parse(String id) {
    try {
      return id == null || id.length() != 36
          ? java.util.Optional.empty()
          : java.util.Optional.of(UUID.fromString(id));
    } catch (IllegalArgumentException e) {
      return java.util.Optional.empty();
    }
  }
}
