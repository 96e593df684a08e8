package com.webase.records.models;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * A field as clients write and read it in a model definition, e.g. {@code {"name": "price", "type":
 * "number", "required": true, "min": 0}}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FieldSpec(
    @Schema(description = "The field's name, as records carry it.") String name,
    @Schema(
            description = "Its type.",
            allowableValues = {
              "string",
              "text",
              "integer",
              "number",
              "boolean",
              "date",
              "datetime",
              "email",
              "url",
              "enum",
              "json"
            })
        String type,
    @Schema(description = "Whether every record must have a value.") Boolean required,
    @Schema(description = "Whether no two records may share a value.") Boolean unique,
    @Schema(description = "The value a new record gets when it has none.") @JsonProperty("default")
        JsonNode defaultValue,
    @Schema(description = "For string and text: the shortest value allowed.") Integer minLength,
    @Schema(description = "For string and text: the longest value allowed.") Integer maxLength,
    @Schema(description = "For integer and number: the smallest value allowed.") BigDecimal min,
    @Schema(description = "For integer and number: the largest value allowed.") BigDecimal max,
    @Schema(description = "For enum: the values allowed.") List<String> values) {

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
