package com.webase.records.record;

import com.webase.records.models.Field;
import com.webase.records.models.ModelDefinition;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads and writes the rows of one model's table. Table and column names come from the model (made
 * by the service); every value is a bound parameter.
 */
@Component
class RecordTable {

  private final JdbcTemplate jdbc;

  RecordTable(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** A new record to insert. */
  record NewRow(UUID id, Map<Field, Object> values) {}

  /**
   * Inserts all rows in one statement (multi-row VALUES): for a bulk of 500, one round trip and one
   * plan instead of 500.
   */
  void insert(ModelDefinition model, List<NewRow> rows, Instant now) {
    List<Field> fields = model.fields();
    StringBuilder sql =
        new StringBuilder("insert into ")
            .append(model.tableName())
            .append(" (id, version, created_at, updated_at");
    fields.forEach(f -> sql.append(", ").append(f.column()));
    sql.append(") values ");
    String tuple = "(?, 1, ?, ?" + ", ?".repeat(fields.size()) + ")";
    for (int i = 0; i < rows.size(); i++) {
      sql.append(i == 0 ? "" : ", ").append(tuple);
    }
    Timestamp at = Timestamp.from(now);
    jdbc.update(
        sql.toString(),
        (PreparedStatement ps) -> {
          int p = 1;
          for (NewRow row : rows) {
            ps.setObject(p++, row.id());
            ps.setTimestamp(p++, at);
            ps.setTimestamp(p++, at);
            for (Field field : fields) {
              RecordRows.bind(ps, p++, row.values().get(field));
            }
          }
        });
  }

  Optional<StoredRecord> find(ModelDefinition model, UUID id) {
    return jdbc
        .query(
            "select " + RecordRows.columns(model) + " from " + model.tableName() + " where id = ?",
            (rs, n) -> RecordRows.read(rs, model),
            id)
        .stream()
        .findFirst();
  }

  /**
   * Sets the given columns of a record and moves it to its next version.
   *
   * @param expectedVersion the version it must still have, or null for any
   * @return the record as it is now, or empty when it does not exist (at that version)
   */
  Optional<StoredRecord> update(
      ModelDefinition model,
      UUID id,
      Map<Field, Object> values,
      Long expectedVersion,
      Instant now) {
    StringBuilder sql =
        new StringBuilder("update ")
            .append(model.tableName())
            .append(" set version = version + 1, updated_at = ?");
    List<Object> params = new ArrayList<>();
    params.add(Timestamp.from(now));
    values.forEach(
        (field, value) -> {
          sql.append(", ").append(field.column()).append(" = ?");
          params.add(value);
        });
    sql.append(" where id = ?");
    params.add(id);
    if (expectedVersion != null) {
      sql.append(" and version = ?");
      params.add(expectedVersion);
    }
    sql.append(" returning ").append(RecordRows.columns(model));
    return jdbc
        .query(
            sql.toString(),
            ps -> {
              for (int i = 0; i < params.size(); i++) {
                RecordRows.bind(ps, i + 1, params.get(i));
              }
            },
            (rs, n) -> RecordRows.read(rs, model))
        .stream()
        .findFirst();
  }

  /** Deletes a record (at the expected version, when given); whether a row went. */
  boolean delete(ModelDefinition model, UUID id, Long expectedVersion) {
    if (expectedVersion == null) {
      return jdbc.update("delete from " + model.tableName() + " where id = ?", id) == 1;
    }
    return jdbc.update(
            "delete from " + model.tableName() + " where id = ? and version = ?",
            id,
            expectedVersion)
        == 1;
  }

  /** Which of {@code values} a unique field's column already holds. */
  List<Object> existing(ModelDefinition model, Field field, List<Object> values) {
    if (values.isEmpty()) {
      return List.of();
    }
    String sql =
        "select "
            + field.column()
            + " from "
            + model.tableName()
            + " where "
            + field.column()
            + " in ("
            + String.join(", ", java.util.Collections.nCopies(values.size(), "?"))
            + ")";
    return jdbc.query(
        sql,
        ps -> {
          for (int i = 0; i < values.size(); i++) {
            RecordRows.bind(ps, i + 1, values.get(i));
          }
        },
        (rs, n) -> readValue(rs, field));
  }

  private static Object readValue(java.sql.ResultSet rs, Field field) throws java.sql.SQLException {
    return switch (field.type()) {
      case INTEGER -> rs.getLong(1);
      case NUMBER -> rs.getDouble(1);
      case DATE -> rs.getObject(1, java.time.LocalDate.class);
      case DATETIME ->
          rs.getObject(1, java.time.OffsetDateTime.class)
              .withOffsetSameInstant(java.time.ZoneOffset.UTC);
      default -> rs.getString(1);
    };
  }
}
