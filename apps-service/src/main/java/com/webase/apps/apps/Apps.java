package com.webase.apps.apps;

import com.webase.events.apps.AppCreated;
import com.webase.events.apps.AppDeleted;
import com.webase.events.apps.AppUpdated;
import com.webase.platform.problem.ProblemException;
import com.webase.platform.problem.ProblemResponses;
import com.webase.platform.security.Caller;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applications and who owns them: the one place every feature asks whether an app exists for the
 * caller. Another person's app, a deleted app and an id that is no app all answer the same 404, so
 * nothing leaks about what exists.
 */
@Service
public class Apps {

  private static final int MAX_SLUG_ATTEMPTS = 50;

  private final AppStore store;
  private final AppsProperties properties;
  private final ApplicationEventPublisher events;
  private final JdbcClient jdbc;
  private final Clock clock;

  Apps(
      AppStore store,
      AppsProperties properties,
      ApplicationEventPublisher events,
      JdbcClient jdbc,
      Clock clock) {
    this.store = store;
    this.properties = properties;
    this.events = events;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** The caller's app, or 404 {@code app-not-found}. */
  public App ownedBy(Caller caller, String appId) {
    return parse(appId)
        .flatMap(id -> store.find(id, false))
        .filter(app -> app.ownerId().equals(caller.userId()))
        .orElseThrow(Apps::notFound);
  }

  /**
   * The caller's app, locked until the transaction ends: changes to one app's files, chat and
   * deployments are made one at a time.
   */
  @Transactional
  public App lockOwnedBy(Caller caller, String appId) {
    return parse(appId)
        .flatMap(id -> store.find(id, true))
        .filter(app -> app.ownerId().equals(caller.userId()))
        .orElseThrow(Apps::notFound);
  }

  /** An app that exists, for work started by an event rather than by its owner. */
  public Optional<App> find(UUID appId) {
    return store.find(appId, false);
  }

  /** As {@link #find}, locked until the transaction ends. */
  @Transactional
  public Optional<App> lock(UUID appId) {
    return store.find(appId, true);
  }

  /** The app a site name belongs to. */
  public Optional<App> bySiteName(String siteName) {
    return store.bySiteName(siteName);
  }

  /** Where the app's live site is served. */
  public String siteUrl(App app) {
    return properties.siteUrl(app.siteName());
  }

  /** Records the app's new current revision; the caller holds the app's lock. */
  @Transactional
  public void advanceRevision(App app, int revision) {
    store.setRevision(app.id(), revision, clock.instant());
  }

  @Transactional
  public App create(Caller caller, String name, String description) {
    String cleanName = name == null ? null : name.strip();
    String cleanDescription = description == null ? "" : description.strip();
    refuseInvalid(cleanName, cleanDescription);
    // one create at a time per owner: the count limit and the slug choice hold under concurrency
    jdbc.sql("select pg_advisory_xact_lock(hashtext(?))")
        .param("apps:" + caller.userId())
        .query()
        .singleValue();
    if (store.countOf(caller.userId()) >= properties.maxAppsPerOwner()) {
      throw new ProblemException(
          HttpStatus.CONFLICT,
          "too-many-apps",
          "Too many apps",
          "An account may have at most "
              + properties.maxAppsPerOwner()
              + " apps; delete one first.");
    }
    UUID id = UUID.randomUUID();
    String slug = freeSlug(caller.userId(), AppNames.slugOf(cleanName), id);
    Instant now = clock.instant();
    String siteName = AppNames.siteNameOf(slug);
    for (int attempt = 0; store.siteNameTaken(siteName); attempt++) {
      if (attempt >= MAX_SLUG_ATTEMPTS) {
        throw new IllegalStateException("no free site name for " + slug);
      }
      siteName = AppNames.withSuffix(slug);
    }
    App app =
        new App(id, caller.userId(), cleanName, cleanDescription, slug, siteName, 0, now, now);
    // a concurrent create of another owner may take the same site name: the unique index refuses
    // it,
    // and the client's retry (Idempotency-Key) gets a fresh suffix
    store.insert(app);
    events.publishEvent(
        new AppCreated(UUID.randomUUID(), now, id.toString(), caller.userId(), slug, cleanName));
    return app;
  }

  @Transactional
  public App update(Caller caller, String appId, String name, String description) {
    App app = lockOwnedBy(caller, appId);
    String newName = name == null ? app.name() : name.strip();
    String newDescription = description == null ? app.description() : description.strip();
    refuseInvalid(newName, newDescription);
    String slug =
        newName.equals(app.name())
            ? app.slug()
            : freeSlug(app.ownerId(), AppNames.slugOf(newName), app.id());
    Instant now = clock.instant();
    store.update(app.id(), newName, newDescription, slug, now);
    if (!newName.equals(app.name()) || !slug.equals(app.slug())) {
      events.publishEvent(
          new AppUpdated(
              UUID.randomUUID(), now, app.id().toString(), app.ownerId(), slug, newName));
    }
    return new App(
        app.id(),
        app.ownerId(),
        newName,
        newDescription,
        slug,
        app.siteName(),
        app.revision(),
        app.createdAt(),
        now);
  }

  /**
   * Deletes the app at once for everyone: its files, chat, evaluations, deployments and live site
   * are gone from the API and the sites origin; its data is erased after {@code purge-after}.
   */
  @Transactional
  public void delete(Caller caller, String appId) {
    App app = lockOwnedBy(caller, appId);
    Instant now = clock.instant();
    if (store.markDeleted(app.id(), now)) {
      store.retireSiteName(app.siteName(), now);
      events.publishEvent(
          new AppDeleted(UUID.randomUUID(), now, app.id().toString(), app.ownerId()));
    }
  }

  private String freeSlug(String ownerId, String slug, UUID self) {
    for (int n = 1; n <= MAX_SLUG_ATTEMPTS; n++) {
      String candidate = AppNames.numbered(slug, n);
      if (!store.slugTaken(ownerId, candidate, self)) {
        return candidate;
      }
    }
    return AppNames.withSuffix(slug);
  }

  private static Optional<UUID> parse(String appId) {
    try {
      return appId == null || appId.length() != 36
          ? Optional.empty()
          : Optional.of(UUID.fromString(appId));
    } catch (IllegalArgumentException notAnId) {
      return Optional.empty();
    }
  }

  /** Every invalid field at once. */
  private static void refuseInvalid(String name, String description) {
    List<ProblemResponses.FieldError> errors = new ArrayList<>();
    AppNames.problemWithName(name)
        .ifPresent(reason -> errors.add(new ProblemResponses.FieldError("name", reason)));
    AppNames.problemWithDescription(description)
        .ifPresent(reason -> errors.add(new ProblemResponses.FieldError("description", reason)));
    if (!errors.isEmpty()) {
      throw new ProblemException(
          HttpStatus.BAD_REQUEST,
          "validation",
          "Invalid request",
          "The request has " + errors.size() + " invalid field(s).",
          Map.of("errors", errors));
    }
  }

  static ProblemException notFound() {
    return new ProblemException(
        HttpStatus.NOT_FOUND, "app-not-found", "App not found", "There is no such app.");
  }
}
