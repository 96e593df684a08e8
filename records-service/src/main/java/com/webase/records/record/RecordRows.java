package com.webase.records.record;

import com.webase.records.models.Field;
import com.webase.records.models.FieldValues;
import com.webase.records.models.ModelDefinition;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.postgresql.util.PGobject;

/**
 * Reading and binding the columns of a records table: one place that knows which JDBC type each
 * field type travels as. Pure and thread-safe.
 */
public final class RecordRows {

  private RecordRows() {}

  /** The select list of every column of the model's table. */
  public static String columns(ModelDefinition model) {
    StringBuilder sql = new StringBuilder("id, version, created_at, updated_at");
    for (Field field : model.fields()) {
      sql.append(", ").append(field.column());
    }
    return sql.toString();
  }

  /** The record on the current row of {@code rs}, selected with {@link #columns}. */
  public static StoredRecord read(ResultSet rs, ModelDefinition model) throws SQLException {
    Map<String, Object> values = new HashMap<>();
    for (Field field : model.fields()) {
      Object value =
          switch (field.type()) {
            case STRING, TEXT, EMAIL, URL, ENUM -> rs.getString(field.column());
            case INTEGER -> {
              long l = rs.getLong(field.column());
              yield rs.wasNull() ? null : l;
            }
            case NUMBER -> {
              double d = rs.getDouble(field.column());
              yield rs.wasNull() ? null : d;
            }
            case BOOLEAN -> {
              boolean b = rs.getBoolean(field.column());
              yield rs.wasNull() ? null : b;
            }
            case DATE -> rs.getObject(field.column(), LocalDate.class);
            case DATETIME -> rs.getObject(field.column(), OffsetDateTime.class);
            case JSON -> {
              String json = rs.getString(field.column());
              yield json == null ? null : new FieldValues.JsonText(json);
            }
          };
      if (value != null) {
        values.put(field.name(), value);
      }
    }
    return new StoredRecord(
        rs.getObject("id", UUID.class),
        rs.getLong("version"),
        rs.getObject("created_at", OffsetDateTime.class).toInstant(),
        rs.getObject("updated_at", OffsetDateTime.class).toInstant(),
        values);
  }

  /** Binds a column value (as {@link FieldValues#toColumn} made it, or null). */
  public static void bind(PreparedStatement statement, int index, Object value)
      throws SQLException {
    switch (value) {
      case null -> statement.setNull(index, Types.NULL);
      case FieldValues.JsonText json -> {
        PGobject jsonb = new PGobject();
        jsonb.setType("jsonb");
        jsonb.setValue(json.json());
        statement.setObject(index, jsonb);
      }
      case String s -> statement.setString(index, s);
      case Long l -> statement.setLong(index, l);
      case Double d -> statement.setDouble(index, d);
      case Boolean b -> statement.setBoolean(index, b);
      default -> statement.setObject(index, value);
    }
  }
}
