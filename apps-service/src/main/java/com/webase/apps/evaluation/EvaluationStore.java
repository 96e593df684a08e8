package com.webase.apps.evaluation;

import com.webase.apps.evaluation.checks.Report;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** The {@code evaluation} table. */
@Repository
class EvaluationStore {

  private final JdbcClient jdbc;
  private final JsonMapper json;

  EvaluationStore(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  void insert(Evaluation evaluation) {
    jdbc.sql(
            "insert into evaluation (id, app_id, revision, status, queued_at) values (?, ?, ?, ?, ?)")
        .params(
            evaluation.id(),
            evaluation.appId(),
            evaluation.revision(),
            evaluation.status(),
            Timestamp.from(evaluation.queuedAt()))
        .update();
  }

  Optional<Evaluation> find(UUID appId, UUID id) {
    return jdbc.sql("select * from evaluation where app_id = ? and id = ?")
        .params(appId, id)
        .query(this::map)
        .optional();
  }

  /** Marks a queued (or, after a crash, running) evaluation as running; false when it is done. */
  boolean start(UUID id, Instant now) {
    return jdbc.sql(
                "update evaluation set status = 'running', started_at = ? where id = ?"
                    + " and status in ('queued', 'running')")
            .params(Timestamp.from(now), id)
            .update()
        == 1;
  }

  boolean finish(UUID id, Report report, Instant now) {
    return jdbc.sql(
                "update evaluation set status = ?, report = ?::jsonb, finished_at = ? where id = ?"
                    + " and status in ('queued', 'running')")
            .params(
                report.passed() ? "passed" : "failed",
                json.writeValueAsString(report),
                Timestamp.from(now),
                id)
            .update()
        == 1;
  }

  List<Evaluation> page(UUID appId, Instant before, UUID beforeId, int limit) {
    return jdbc.sql(
            """
            select id, app_id, revision, status, null::text as report, queued_at, started_at,
                   finished_at
            from evaluation where app_id = ? and (queued_at, id) < (?, ?)
            order by queued_at desc, id desc limit ?
            """)
        .params(appId, Timestamp.from(before), beforeId, limit)
        .query(this::map)
        .list();
  }

  private Evaluation map(ResultSet rs, int row) throws SQLException {
    String report = rs.getString("report");
    return new Evaluation(
        rs.getObject("id", UUID.class),
        rs.getObject("app_id", UUID.class),
        rs.getInt("revision"),
        rs.getString("status"),
        report == null ? null : json.readValue(report, Report.class),
        rs.getTimestamp("queued_at").toInstant(),
        instant(rs.getTimestamp("started_at")),
        instant(rs.getTimestamp("finished_at")));
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
