package com.webase.records.models;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A data model as stored: its fields (with their columns) and the table its records live in.
 *
 * @param version 1 when created, one more with every change
 */
public record ModelDefinition(
    UUID id,
    String appId,
    String ownerId,
    String name,
    int version,
    List<Field> fields,
    String tableName,
    Instant createdAt,
    Instant updatedAt) {

  public Optional<Field> field(String fieldName) {
    return fields.stream().filter(f -> f.name().equals(fieldName)).findFirst();
  }

  /** The field whose column is {@code column}. */
  public Optional<Field> fieldOfColumn(String column) {
    return fields.stream().filter(f -> f.column().equals(column)).findFirst();
  }
}
