package com.webase.apps.deployment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code deployment} table. At most one row per app is {@code live} (a unique index). */
@Repository
class DeploymentStore {

  private final JdbcClient jdbc;

  DeploymentStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void insert(Deployment deployment) {
    jdbc.sql(
            "insert into deployment (id, app_id, revision, status, created_at) values (?, ?, ?, ?, ?)")
        .params(
            deployment.id(),
            deployment.appId(),
            deployment.revision(),
            deployment.status(),
            Timestamp.from(deployment.createdAt()))
        .update();
  }

  Optional<Deployment> find(UUID appId, UUID id) {
    return jdbc.sql("select * from deployment where app_id = ? and id = ?")
        .params(appId, id)
        .query(DeploymentStore::map)
        .optional();
  }

  Optional<Deployment> live(UUID appId) {
    return jdbc.sql("select * from deployment where app_id = ? and status = 'live'")
        .param(appId)
        .query(DeploymentStore::map)
        .optional();
  }

  /** Marks a queued (or, after a crash, building) deployment as building; false when it is done. */
  boolean startBuilding(UUID id, Instant now) {
    return jdbc.sql(
                "update deployment set status = 'building', started_at = ? where id = ?"
                    + " and status in ('queued', 'building')")
            .params(Timestamp.from(now), id)
            .update()
        == 1;
  }

  boolean fail(UUID id, String reason, Instant now) {
    return jdbc.sql(
                "update deployment set status = 'failed', reason = ?, finished_at = ? where id = ?"
                    + " and status in ('queued', 'building')")
            .params(reason, Timestamp.from(now), id)
            .update()
        == 1;
  }

  /**
   * Makes this deployment the app's live one and retires the one before, in the caller's
   * transaction: the site switches from one to the other at commit, never through nothing.
   */
  void makeLive(UUID appId, UUID id, Instant now, boolean finishing) {
    jdbc.sql("update deployment set status = 'retired' where app_id = ? and status = 'live'")
        .param(appId)
        .update();
    jdbc.sql(
            "update deployment set status = 'live', live_since = ?"
                + (finishing ? ", finished_at = ?" : "")
                + " where id = ?")
        .params(
            finishing
                ? new Object[] {Timestamp.from(now), Timestamp.from(now), id}
                : new Object[] {Timestamp.from(now), id})
        .update();
  }

  /** Whether a deployment asked for after this one has gone live already. */
  boolean newerWentLive(UUID appId, UUID id) {
    return jdbc.sql(
                """
                select count(*) from deployment d, deployment self
                where self.id = :id and d.app_id = :app and d.live_since is not null
                  and (d.created_at, d.id) > (self.created_at, self.id)
                """)
            .param("id", id)
            .param("app", appId)
            .query(Long.class)
            .single()
        > 0;
  }

  List<Deployment> page(UUID appId, Instant before, UUID beforeId, int limit) {
    return jdbc.sql(
            """
            select * from deployment where app_id = ? and (created_at, id) < (?, ?)
            order by created_at desc, id desc limit ?
            """)
        .params(appId, Timestamp.from(before), beforeId, limit)
        .query(DeploymentStore::map)
        .list();
  }

  private static Deployment map(ResultSet rs, int row) throws SQLException {
    return new Deployment(
        rs.getObject("id", UUID.class),
        rs.getObject("app_id", UUID.class),
        rs.getInt("revision"),
        rs.getString("status"),
        rs.getString("reason"),
        rs.getTimestamp("created_at").toInstant(),
        instant(rs.getTimestamp("started_at")),
        instant(rs.getTimestamp("finished_at")),
        instant(rs.getTimestamp("live_since")));
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
