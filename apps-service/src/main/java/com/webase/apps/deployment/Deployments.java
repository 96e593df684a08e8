package com.webase.apps.deployment;

import com.webase.apps.apps.App;
import com.webase.apps.apps.Apps;
import com.webase.apps.apps.AppsProperties;
import com.webase.apps.files.Manifest;
import com.webase.apps.files.SourceFiles;
import com.webase.events.EventEnvelope;
import com.webase.events.Topics;
import com.webase.events.WebaseEvent;
import com.webase.events.apps.DeploymentCompleted;
import com.webase.events.apps.DeploymentRequested;
import com.webase.platform.events.EventInbox;
import com.webase.platform.events.PreparedEventHandler;
import com.webase.platform.problem.ProblemException;
import com.webase.platform.security.Caller;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Deployments: requested through the API (queued, {@code DeploymentRequested}), built by a worker
 * driven by that event — the revision's manifest is frozen and checked for an entry page — then
 * made live in the same transaction that retires the previous live one ({@code
 * DeploymentCompleted}). Promoting an earlier deployment makes it live again: a roll-back.
 */
@Service
public class Deployments {

  private final Apps apps;
  private final SourceFiles files;
  private final DeploymentStore store;
  private final EventInbox inbox;
  private final ApplicationEventPublisher events;
  private final String entryPage;
  private final Clock clock;

  Deployments(
      Apps apps,
      SourceFiles files,
      DeploymentStore store,
      EventInbox inbox,
      ApplicationEventPublisher events,
      AppsProperties appsProperties,
      Clock clock) {
    this.apps = apps;
    this.files = files;
    this.store = store;
    this.inbox = inbox;
    this.events = events;
    this.entryPage = appsProperties.entryPage();
    this.clock = clock;
  }

  /** The deployment an app's site serves now, if any. */
  public Optional<Deployment> liveOf(UUID appId) {
    return store.live(appId);
  }

  @Transactional
  public Deployment request(Caller caller, String appId) {
    App app = apps.lockOwnedBy(caller, appId);
    Instant now = clock.instant();
    Deployment deployment =
        new Deployment(
            UUID.randomUUID(), app.id(), app.revision(), "queued", null, now, null, null, null);
    store.insert(deployment);
    events.publishEvent(
        new DeploymentRequested(
            UUID.randomUUID(),
            now,
            app.id().toString(),
            app.ownerId(),
            deployment.id().toString()));
    return deployment;
  }

  public Deployment get(Caller caller, String appId, String deploymentId) {
    App app = apps.ownedBy(caller, appId);
    return find(app, deploymentId);
  }

  /** Makes an earlier deployment live again; one that never went live cannot be promoted. */
  @Transactional
  public Deployment promote(Caller caller, String appId, String deploymentId) {
    App app = apps.lockOwnedBy(caller, appId);
    Deployment deployment = find(app, deploymentId);
    if (deployment.isLive()) {
      return deployment;
    }
    if (!deployment.status().equals("retired")) {
      throw new ProblemException(
          HttpStatus.CONFLICT,
          "deployment-not-promotable",
          "This deployment cannot go live",
          "Only a deployment that was live before can be promoted; this one is "
              + deployment.status()
              + ".");
    }
    Instant now = clock.instant();
    store.makeLive(app.id(), deployment.id(), now, false);
    events.publishEvent(
        new DeploymentCompleted(
            UUID.randomUUID(),
            now,
            app.id().toString(),
            app.ownerId(),
            deployment.id().toString(),
            "live",
            apps.siteUrl(app)));
    return store.find(app.id(), deployment.id()).orElseThrow();
  }

  List<Deployment> page(App app, Instant before, UUID beforeId, int limit) {
    return store.page(app.id(), before, beforeId, limit);
  }

  /** Why a build failed, or null when it can go live. */
  private record Built(String failure) {}

  /** The worker. Events of one app arrive in order (one partition), so builds go live in order. */
  @KafkaListener(
      topics = Topics.APPS,
      groupId = "${webase.apps.consumer-group:apps-service}-deployments")
  void onRequested(ConsumerRecord<String, byte[]> record) {
    if (!inbox.carries(record, DeploymentRequested.class)) {
      return;
    }
    inbox.handle(
        record,
        new PreparedEventHandler<Built>() {
          @Override
          public Built prepare(WebaseEvent event, EventEnvelope envelope) {
            DeploymentRequested requested = (DeploymentRequested) event;
            UUID appId = UUID.fromString(requested.appId());
            UUID id = UUID.fromString(requested.deploymentId());
            Deployment deployment = store.find(appId, id).orElse(null);
            if (deployment == null || !store.startBuilding(id, clock.instant())) {
              return null;
            }
            return build(appId, deployment);
          }

          @Override
          public void apply(WebaseEvent event, EventEnvelope envelope, Built built) {
            if (built != null) {
              finish((DeploymentRequested) event, built);
            }
          }
        });
  }

  private Built build(UUID appId, Deployment deployment) {
    if (deployment.revision() == 0) {
      return new Built("The app had no files when this deployment was asked for.");
    }
    Manifest manifest = files.manifestOf(appId, deployment.revision());
    if (manifest.entry(entryPage).isEmpty()) {
      return new Built(entryPage + " is missing: a site opens on it.");
    }
    return new Built(null);
  }

  private void finish(DeploymentRequested requested, Built built) {
    UUID appId = UUID.fromString(requested.appId());
    UUID id = UUID.fromString(requested.deploymentId());
    Instant now = clock.instant();
    App app = apps.lock(appId).orElse(null);
    String failure = app == null ? "The app was deleted." : built.failure();
    if (failure == null && store.newerWentLive(appId, id)) {
      // its request arrived late (sent again after an outage): never replace newer content
      failure = "A deployment asked for after this one went live first.";
    }
    if (failure != null) {
      if (store.fail(id, failure, now)) {
        events.publishEvent(
            new DeploymentCompleted(
                UUID.randomUUID(),
                now,
                requested.appId(),
                requested.ownerId(),
                requested.deploymentId(),
                "failed",
                null));
      }
      return;
    }
    store.makeLive(appId, id, now, true);
    events.publishEvent(
        new DeploymentCompleted(
            UUID.randomUUID(),
            now,
            requested.appId(),
            requested.ownerId(),
            requested.deploymentId(),
            "live",
            apps.siteUrl(app)));
  }

  private Deployment find(App app, String deploymentId) {
    Optional<UUID> id;
    try {
      id =
          deploymentId.length() == 36
              ? Optional.of(UUID.fromString(deploymentId))
              : Optional.empty();
    } catch (IllegalArgumentException e) {
      id = Optional.empty();
    }
    return id.flatMap(i -> store.find(app.id(), i))
        .orElseThrow(
            () ->
                new ProblemException(
                    HttpStatus.NOT_FOUND,
                    "deployment-not-found",
                    "Deployment not found",
                    "The app has no such deployment."));
  }
}
