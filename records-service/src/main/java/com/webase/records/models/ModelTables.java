package com.webase.records.models;

import java.time.OffsetDateTime;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The DDL of records tables. Every identifier here is made by the service ({@code r_<model id>},
 * {@code c<N>}); the one piece of client data that reaches DDL, a new field's default, is a value
 * already checked and typed by {@link FieldValues} and written as a quoted literal (see {@link
 * #literal}).
 *
 * <p>Each indexed field gets a B-tree on (value, id): the index a keyset-paged sort on that field
 * walks, and the one its filters use. Runs in the caller's transaction (PostgreSQL DDL is
 * transactional).
 */
@Component
class ModelTables {

  private final JdbcTemplate jdbc;

  ModelTables(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  void create(String table, Iterable<Field> fields) {
    jdbc.execute(
        "create table "
            + table
            + " (id uuid primary key, version bigint not null,"
            + " created_at timestamp with time zone not null,"
            + " updated_at timestamp with time zone not null)");
    jdbc.execute("create index " + table + "_created on " + table + " (created_at, id)");
    jdbc.execute("create index " + table + "_updated on " + table + " (updated_at, id)");
    for (Field field : fields) {
      addColumn(table, field);
    }
  }

  void addColumn(String table, Field field) {
    String column = field.column();
    if (field.defaultValue() != null) {
      requireStandardStrings();
      // PostgreSQL stores a constant default once: existing rows take it without a rewrite
      jdbc.execute(
          "alter table "
              + table
              + " add column "
              + column
              + " "
              + field.type().columnType()
              + " default "
              + literal(field));
      jdbc.execute("alter table " + table + " alter column " + column + " drop default");
    } else {
      jdbc.execute(
          "alter table " + table + " add column " + column + " " + field.type().columnType());
    }
    if (field.type().indexed()) {
      jdbc.execute(
          "create index " + table + "_" + column + "_s on " + table + " (" + column + ", id)");
    }
    if (field.unique()) {
      addUnique(table, field);
    }
  }

  void addUnique(String table, Field field) {
    jdbc.execute(
        "create unique index "
            + uniqueIndex(table, field.column())
            + " on "
            + table
            + " ("
            + field.column()
            + ")");
  }

  void dropUnique(String table, Field field) {
    jdbc.execute("drop index if exists " + uniqueIndex(table, field.column()));
  }

  void dropColumn(String table, Field field) {
    // its indexes go with it
    jdbc.execute("alter table " + table + " drop column " + field.column());
  }

  boolean holdsData(String table, Field field) {
    return Boolean.TRUE.equals(
        jdbc.queryForObject(
            "select exists (select 1 from " + table + " where " + field.column() + " is not null)",
            Boolean.class));
  }

  void drop(String table) {
    jdbc.execute("drop table if exists " + table);
  }

  /** The name of the unique index of a column; {@code unique-violation} maps it back. */
  static String uniqueIndex(String table, String column) {
    return table + "_" + column + "_u";
  }

  /**
   * A typed default value as an SQL literal. Strings are quoted with quotes doubled, which is
   * complete with {@code standard_conforming_strings} (on by default since PostgreSQL 9.1, and
   * checked before each use by {@link #requireStandardStrings}); numbers and booleans are printed
   * by Java.
   */
  static String literal(Field field) {
    Object value;
    try {
      value = FieldValues.toColumn(field, field.defaultValue());
    } catch (FieldValues.Invalid e) {
      throw new IllegalStateException("stored default no longer valid: " + e.getMessage());
    }
    return switch (value) {
      case Long l -> l.toString();
      case Double d -> Double.toString(d) + "::double precision";
      case Boolean b -> b.toString();
      case OffsetDateTime t -> quote(t.toString()) + "::timestamptz";
      case FieldValues.JsonText json -> quote(json.json()) + "::jsonb";
      default -> quote(value.toString());
    };
  }

  private static String quote(String text) {
    return "'" + text.replace("'", "''") + "'";
  }

  void requireStandardStrings() {
    String setting = jdbc.queryForObject("show standard_conforming_strings", String.class);
    if (!"on".equals(setting)) {
      throw new IllegalStateException("records-service needs standard_conforming_strings=on");
    }
  }
}
