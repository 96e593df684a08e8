package com.webase.records.record;

import com.webase.platform.problem.ProblemResponses.FieldError;
import com.webase.records.models.Field;
import com.webase.records.models.FieldValues;
import com.webase.records.models.ModelDefinition;
import com.webase.records.models.ModelNames;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Checks a record body against its model and gives the column values to write — or every field
 * error at once (never only the first). Pure and thread-safe.
 *
 * <ul>
 *   <li>create and replace: every field is set; an absent one takes its default, or no value; an
 *       absent or null required field is an error;
 *   <li>patch (JSON merge patch, RFC 7396): only the fields given change; null clears one, except a
 *       required one.
 * </ul>
 *
 * Names that are not fields are refused, the system fields ({@code id}, {@code createdAt}, {@code
 * updatedAt}) too: the service sets them.
 */
public final class RecordValidation {

  public enum Mode {
    CREATE,
    REPLACE,
    PATCH
  }

  /**
   * @param values column values by field, in model order; null means no value
   */
  public record Outcome(Map<Field, Object> values, List<FieldError> errors) {
    public boolean valid() {
      return errors.isEmpty();
    }
  }

  private RecordValidation() {}

  /**
   * @param prefix put before each error's field, e.g. {@code records[3].} in a bulk write
   */
  public static Outcome check(ModelDefinition model, JsonNode body, Mode mode, String prefix) {
    List<FieldError> errors = new ArrayList<>();
    Map<Field, Object> values = new LinkedHashMap<>();
    if (body == null || !body.isObject()) {
      String at = prefix.isEmpty() ? "(body)" : prefix.substring(0, prefix.length() - 1);
      return new Outcome(Map.of(), List.of(new FieldError(at, "must be a JSON object")));
    }
    for (String name : body.propertyNames()) {
      if (model.field(name).isEmpty()) {
        errors.add(
            new FieldError(
                prefix + name,
                ModelNames.RESERVED.contains(name.toLowerCase(Locale.ROOT))
                    ? "is set by the service and cannot be written"
                    : "is not a field of model " + model.name()));
      }
    }
    for (Field field : model.fields()) {
      JsonNode given = body.get(field.name());
      boolean absent = given == null;
      if (absent && mode == Mode.PATCH) {
        continue;
      }
      if (absent && field.defaultValue() != null) {
        given = field.defaultValue();
      }
      if (given == null || given.isNull()) {
        if (field.required()) {
          errors.add(new FieldError(prefix + field.name(), "is required"));
        } else {
          values.put(field, null);
        }
        continue;
      }
      try {
        values.put(field, FieldValues.toColumn(field, given));
      } catch (FieldValues.Invalid e) {
        errors.add(new FieldError(prefix + field.name(), e.getMessage()));
      }
    }
    return errors.isEmpty()
        ? new Outcome(values, List.of())
        : new Outcome(Map.of(), List.copyOf(errors));
  }
}
