package com.webase.records.models;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * A field as clients write and read it in a model definition, e.g. {@code {"name": "price", "type":
 * "number", "required": true, "min": 0}}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FieldSpec(
    String name,
    String type,
    Boolean required,
    Boolean unique,
    @JsonProperty("default") JsonNode defaultValue,
    Integer minLength,
    Integer maxLength,
    BigDecimal min,
    BigDecimal max,
    List<String> values) {

  static FieldSpec of(Field field) {
    return new FieldSpec(
        field.name(),
        field.type().wireName(),
        field.required(),
        field.unique(),
        field.defaultValue(),
        field.minLength(),
        field.maxLength(),
        field.min(),
        field.max(),
        field.values());
  }
}
