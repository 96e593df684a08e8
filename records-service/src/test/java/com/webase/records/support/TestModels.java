package com.webase.records.support;

import com.webase.records.models.Field;
import com.webase.records.models.FieldType;
import com.webase.records.models.ModelDefinition;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Model definitions for unit tests of the rules, without a database. */
public final class TestModels {

  private TestModels() {}

  public static Field field(String name, FieldType type) {
    return new Field(name, type, false, false, null, null, null, null, null, null, null);
  }

  public static Field required(String name, FieldType type) {
    return new Field(name, type, true, false, null, null, null, null, null, null, null);
  }

  public static Field ranged(String name, FieldType type, long min, long max) {
    return new Field(
        name,
        type,
        false,
        false,
        null,
        null,
        null,
        BigDecimal.valueOf(min),
        BigDecimal.valueOf(max),
        null,
        null);
  }

  public static Field enumOf(String name, String... values) {
    return new Field(
        name, FieldType.ENUM, false, false, null, null, null, null, null, List.of(values), null);
  }

  /** A model whose fields get columns c1, c2, … in order. */
  public static ModelDefinition model(Field... fields) {
    List<Field> withColumns = new ArrayList<>();
    for (int i = 0; i < fields.length; i++) {
      withColumns.add(fields[i].withColumn("c" + (i + 1)));
    }
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    return new ModelDefinition(
        UUID.randomUUID(), "app", "owner", "items", 1, withColumns, "r_test", now, now);
  }
}
