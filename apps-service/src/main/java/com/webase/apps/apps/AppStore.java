package com.webase.apps.apps;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code app} table. A deleted app (deleted_at set) is found by nothing but the purge. */
@Repository
class AppStore {

  private final JdbcClient jdbc;

  AppStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void insert(App app) {
    jdbc.sql(
            """
            insert into app (id, owner_id, name, description, slug, site_name, current_revision,
                             created_at, updated_at)
            values (:id, :owner, :name, :description, :slug, :site, 0, :now, :now)
            """)
        .param("id", app.id())
        .param("owner", app.ownerId())
        .param("name", app.name())
        .param("description", app.description())
        .param("slug", app.slug())
        .param("site", app.siteName())
        .param("now", Timestamp.from(app.createdAt()))
        .update();
  }

  Optional<App> find(UUID id, boolean forUpdate) {
    return jdbc.sql(
            "select * from app where id = ? and deleted_at is null"
                + (forUpdate ? " for update" : ""))
        .param(id)
        .query(AppStore::map)
        .optional();
  }

  Optional<App> bySiteName(String siteName) {
    return jdbc.sql("select * from app where site_name = ? and deleted_at is null")
        .param(siteName)
        .query(AppStore::map)
        .optional();
  }

  boolean slugTaken(String ownerId, String slug, UUID except) {
    return jdbc.sql(
                "select count(*) from app where owner_id = ? and slug = ? and deleted_at is null"
                    + " and id <> ?")
            .params(ownerId, slug, except)
            .query(Long.class)
            .single()
        > 0;
  }

  /** Whether an app has the name, or had it: a site name is never given twice. */
  boolean siteNameTaken(String siteName) {
    return jdbc.sql(
                "select (select count(*) from app where site_name = :name)"
                    + " + (select count(*) from retired_site_name where site_name = :name)")
            .param("name", siteName)
            .query(Long.class)
            .single()
        > 0;
  }

  long countOf(String ownerId) {
    return jdbc.sql("select count(*) from app where owner_id = ? and deleted_at is null")
        .param(ownerId)
        .query(Long.class)
        .single();
  }

  /** A page of the owner's apps, newest first, after the given position. */
  List<App> page(String ownerId, Instant beforeCreatedAt, UUID beforeId, int limit) {
    return jdbc.sql(
            """
            select * from app
            where owner_id = ? and deleted_at is null and (created_at, id) < (?, ?)
            order by created_at desc, id desc limit ?
            """)
        .params(ownerId, Timestamp.from(beforeCreatedAt), beforeId, limit)
        .query(AppStore::map)
        .list();
  }

  void update(UUID id, String name, String description, String slug, Instant now) {
    jdbc.sql("update app set name = ?, description = ?, slug = ?, updated_at = ? where id = ?")
        .params(name, description, slug, Timestamp.from(now), id)
        .update();
  }

  void setRevision(UUID id, int revision, Instant now) {
    jdbc.sql("update app set current_revision = ?, updated_at = ? where id = ?")
        .params(revision, Timestamp.from(now), id)
        .update();
  }

  void retireSiteName(String siteName, Instant now) {
    jdbc.sql(
            "insert into retired_site_name (site_name, retired_at) values (?, ?)"
                + " on conflict do nothing")
        .params(siteName, Timestamp.from(now))
        .update();
  }

  boolean markDeleted(UUID id, Instant now) {
    return jdbc.sql("update app set deleted_at = ? where id = ? and deleted_at is null")
            .params(Timestamp.from(now), id)
            .update()
        == 1;
  }

  /** Erases apps deleted before {@code before}; their files, chat and the rest go with them. */
  int purgeDeletedBefore(Instant before) {
    return jdbc.sql("delete from app where deleted_at < ?").param(Timestamp.from(before)).update();
  }

  private static App map(ResultSet rs, int row) throws SQLException {
    return new App(
        rs.getObject("id", UUID.class),
        rs.getString("owner_id"),
        rs.getString("name"),
        rs.getString("description"),
        rs.getString("slug"),
        rs.getString("site_name"),
        rs.getInt("current_revision"),
        rs.getTimestamp("created_at").toInstant(),
        rs.getTimestamp("updated_at").toInstant());
  }
}
