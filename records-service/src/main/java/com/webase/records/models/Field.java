package com.webase.records.models;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * One field of a data model, as stored with the model and shown to clients (without {@code
 * column}). Limits are null where not set; the type's own caps apply always (see {@link
 * FieldRules}).
 *
 * @param name the client's name for it, an identifier (see {@link ModelNames})
 * @param column the records table's column, {@code c<N>}: made by the service, never from input
 * @param defaultValue the value a create takes when the field is absent, already valid
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Field(
    String name,
    FieldType type,
    boolean required,
    boolean unique,
    JsonNode defaultValue,
    Integer minLength,
    Integer maxLength,
    BigDecimal min,
    BigDecimal max,
    List<String> values,
    String column) {

  /** The effective maximum length of a text-like value. */
  public int maxLengthOrCap() {
    return maxLength != null ? maxLength : FieldRules.lengthCap(type);
  }

  public Field withColumn(String newColumn) {
    return new Field(
        name,
        type,
        required,
        unique,
        defaultValue,
        minLength,
        maxLength,
        min,
        max,
        values,
        newColumn);
  }

  /** Whether two definitions differ only in what applies to new writes (not the stored type). */
  public boolean sameStorage(Field other) {
    return type == other.type;
  }
}
