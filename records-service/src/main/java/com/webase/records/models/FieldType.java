package com.webase.records.models;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The types a field can have, each with the PostgreSQL column that holds it. Text-like columns use
 * the "C" collation: byte order, so sorting is the same everywhere and a prefix filter is a range
 * scan on the field's index.
 */
public enum FieldType {
  STRING("text collate \"C\"", true),
  TEXT("text collate \"C\"", false),
  INTEGER("bigint", true),
  NUMBER("double precision", true),
  BOOLEAN("boolean", true),
  DATE("date", true),
  DATETIME("timestamp with time zone", true),
  EMAIL("text collate \"C\"", true),
  URL("text collate \"C\"", true),
  ENUM("text collate \"C\"", true),
  JSON("jsonb", false);

  private final String columnType;
  private final boolean indexed;

  FieldType(String columnType, boolean indexed) {
    this.columnType = columnType;
    this.indexed = indexed;
  }

  /** The SQL type of the field's column. */
  public String columnType() {
    return columnType;
  }

  /**
   * Whether the field gets a (value, id) index for filters and keyset-paged sorts. Long text and
   * JSON do not: their values may exceed what a B-tree entry holds (≈ 2.7 kB).
   */
  public boolean indexed() {
    return indexed;
  }

  /** Whether values are text (the string operators apply). */
  public boolean textual() {
    return this == STRING || this == TEXT || this == EMAIL || this == URL || this == ENUM;
  }

  /** Whether values have an order (gt, gte, lt, lte). */
  public boolean ordered() {
    return this != BOOLEAN && this != JSON;
  }

  /** How clients write it: lower case. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<FieldType> ofWireName(String name) {
    return Arrays.stream(values()).filter(t -> t.wireName().equals(name)).findFirst();
  }

  public static String wireNames() {
    return Arrays.stream(values()).map(FieldType::wireName).collect(Collectors.joining(", "));
  }
}
