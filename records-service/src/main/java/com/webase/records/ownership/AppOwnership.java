package com.webase.records.ownership;

import com.webase.platform.problem.ProblemException;
import com.webase.platform.security.Caller;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Who owns which app, from the local projection of apps-service's {@code AppCreated} and {@code
 * AppDeleted} (DESIGN §2: no call to apps-service on a request). Every records request starts here:
 * the caller must have the scope for what it does, and own the app.
 *
 * <p>A missing app, a deleted app and another person's app all answer the same 404, so a caller
 * learns nothing about apps that are not theirs. Thread-safe.
 */
@Component
public class AppOwnership {

  public static final String READ = "records:read";
  public static final String WRITE = "records:write";

  /** apps-service's ids are UUIDs; anything of another shape cannot be an app. */
  private static final Pattern APP_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

  private final JdbcClient jdbc;

  AppOwnership(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Checks that {@code caller} may {@code scope} ({@link #READ} or {@link #WRITE}) and owns the
   * live app {@code appId}.
   *
   * @return the owner's user id
   * @throws ProblemException 403 {@code insufficient-scope}, or 404 {@code app-not-found}
   */
  public String requireOwnApp(Caller caller, String appId, String scope) {
    // the gateway checks scopes too; the service does not rely on it (DESIGN §5)
    caller.requireScope(scope);
    if (appId == null || !APP_ID.matcher(appId).matches()) {
      throw notFound();
    }
    Optional<String> owner =
        jdbc.sql("select owner_id from app_owner where app_id = ? and deleted_at is null")
            .param(appId)
            .query(String.class)
            .optional();
    if (owner.isEmpty() || !owner.get().equals(caller.userId())) {
      throw notFound();
    }
    return owner.get();
  }

  /** Records an app as apps-service announced it; an app already known (or deleted) stays. */
  public void appCreated(String appId, String ownerId) {
    jdbc.sql("insert into app_owner (app_id, owner_id) values (?, ?) on conflict do nothing")
        .params(appId, ownerId)
        .update();
  }

  /** Marks an app deleted; an app never seen before is remembered as deleted. */
  public void appDeleted(String appId, String ownerId, Instant at) {
    jdbc.sql(
            """
            insert into app_owner (app_id, owner_id, deleted_at) values (?, ?, ?)
            on conflict (app_id) do update set deleted_at = coalesce(app_owner.deleted_at, ?)
            """)
        .params(appId, ownerId, java.sql.Timestamp.from(at), java.sql.Timestamp.from(at))
        .update();
  }

  private static ProblemException notFound() {
    return new ProblemException(
        HttpStatus.NOT_FOUND,
        "app-not-found",
        "App not found",
        "There is no app with this id that you own.");
  }
}
