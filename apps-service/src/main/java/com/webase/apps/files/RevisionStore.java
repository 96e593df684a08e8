package com.webase.apps.files;

import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The {@code revision} table: each revision of an app's files, as a manifest (JSONB). */
@Repository
class RevisionStore {

  private static final TypeReference<LinkedHashMap<String, Manifest.FileEntry>> ENTRIES =
      new TypeReference<>() {};

  private final JdbcClient jdbc;
  private final JsonMapper json;

  RevisionStore(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  void insert(UUID appId, Revision revision) {
    jdbc.sql(
            """
            insert into revision (app_id, number, manifest, file_count, total_size, source,
                                  summary, created_at)
            values (?, ?, ?::jsonb, ?, ?, ?, ?, ?)
            """)
        .params(
            appId,
            revision.number(),
            json.writeValueAsString(revision.manifest().files()),
            revision.manifest().files().size(),
            revision.manifest().totalSize(),
            revision.source(),
            revision.summary(),
            Timestamp.from(revision.createdAt()))
        .update();
  }

  Optional<Manifest> manifest(UUID appId, int number) {
    if (number == 0) {
      return Optional.of(Manifest.EMPTY);
    }
    return jdbc.sql("select manifest::text from revision where app_id = ? and number = ?")
        .params(appId, number)
        .query(String.class)
        .optional()
        .map(text -> Manifest.of(json.readValue(text, ENTRIES)));
  }

  Optional<Revision> find(UUID appId, int number) {
    return jdbc.sql(
            "select number, manifest::text as manifest, source, summary, created_at from revision"
                + " where app_id = ? and number = ?")
        .params(appId, number)
        .query(
            (rs, row) ->
                new Revision(
                    rs.getInt("number"),
                    Manifest.of(json.readValue(rs.getString("manifest"), ENTRIES)),
                    rs.getString("source"),
                    rs.getString("summary"),
                    rs.getTimestamp("created_at").toInstant()))
        .optional();
  }
}
