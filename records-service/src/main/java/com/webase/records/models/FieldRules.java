package com.webase.records.models;

import com.webase.platform.problem.ProblemResponses.FieldError;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a model definition may say: checks a client's field list and gives the fields, or every
 * reason it cannot be — each naming its place, e.g. {@code fields[2].maxLength}. Pure and
 * thread-safe.
 */
public final class FieldRules {

  public static final int MAX_FIELDS = 50;
  public static final int MAX_ENUM_VALUES = 100;
  public static final int MAX_ENUM_VALUE_LENGTH = 100;

  private FieldRules() {}

  /**
   * The longest a text-like value may ever be, in characters. A {@code string} stays small enough
   * for its index entry (500 characters ≤ 2,000 bytes, under B-tree's ≈ 2.7 kB).
   */
  public static int lengthCap(FieldType type) {
    return switch (type) {
      case STRING -> 500;
      case TEXT -> 100_000;
      case EMAIL -> 254;
      case URL -> 2_000;
      case ENUM -> MAX_ENUM_VALUE_LENGTH;
      default -> Integer.MAX_VALUE;
    };
  }

  /** The checked fields (without columns), or the errors found, never both. */
  public record Outcome(List<Field> fields, List<FieldError> errors) {}

  public static Outcome check(List<FieldSpec> specs) {
    List<FieldError> errors = new ArrayList<>();
    List<Field> fields = new ArrayList<>();
    if (specs == null) {
      return new Outcome(List.of(), List.of(new FieldError("fields", "is required")));
    }
    if (specs.size() > MAX_FIELDS) {
      return new Outcome(
          List.of(), List.of(new FieldError("fields", "may hold at most " + MAX_FIELDS)));
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < specs.size(); i++) {
      String at = "fields[" + i + "]";
      FieldSpec spec = specs.get(i);
      if (spec == null) {
        errors.add(new FieldError(at, "must be a field definition"));
        continue;
      }
      int before = errors.size();
      String nameProblem = ModelNames.fieldNameProblem(spec.name());
      if (nameProblem != null) {
        errors.add(new FieldError(at + ".name", nameProblem));
      } else if (!names.add(spec.name())) {
        errors.add(new FieldError(at + ".name", "is used by another field"));
      }
      FieldType type = null;
      if (spec.type() == null) {
        errors.add(new FieldError(at + ".type", "is required"));
      } else {
        type = FieldType.ofWireName(spec.type()).orElse(null);
        if (type == null) {
          errors.add(new FieldError(at + ".type", "must be one of " + FieldType.wireNames()));
        }
      }
      if (type == null) {
        continue;
      }
      checkLengths(spec, type, at, errors);
      checkRange(spec, type, at, errors);
      List<String> values = checkValues(spec, type, at, errors);
      boolean unique = Boolean.TRUE.equals(spec.unique());
      if (unique && !type.indexed()) {
        errors.add(new FieldError(at + ".unique", "is not available for " + type.wireName()));
      }
      if (unique && type == FieldType.BOOLEAN) {
        errors.add(new FieldError(at + ".unique", "is not available for boolean"));
      }
      if (errors.size() > before) {
        continue;
      }
      Field field =
          new Field(
              spec.name(),
              type,
              Boolean.TRUE.equals(spec.required()),
              unique,
              null,
              spec.minLength(),
              spec.maxLength(),
              spec.min(),
              spec.max(),
              values,
              null);
      if (spec.defaultValue() != null && !spec.defaultValue().isNull()) {
        try {
          Object stored = FieldValues.toColumn(field, spec.defaultValue());
          field =
              new Field(
                  field.name(),
                  type,
                  field.required(),
                  unique,
                  FieldValues.toJson(type, stored),
                  field.minLength(),
                  field.maxLength(),
                  field.min(),
                  field.max(),
                  values,
                  null);
        } catch (FieldValues.Invalid e) {
          errors.add(new FieldError(at + ".default", e.getMessage()));
          continue;
        }
      }
      fields.add(field);
    }
    return errors.isEmpty() ? new Outcome(fields, List.of()) : new Outcome(List.of(), errors);
  }

  private static void checkLengths(
      FieldSpec spec, FieldType type, String at, List<FieldError> errors) {
    boolean lengthy = type == FieldType.STRING || type == FieldType.TEXT;
    if (!lengthy) {
      if (spec.minLength() != null) {
        errors.add(new FieldError(at + ".minLength", "applies only to string and text"));
      }
      if (spec.maxLength() != null) {
        errors.add(new FieldError(at + ".maxLength", "applies only to string and text"));
      }
      return;
    }
    int cap = lengthCap(type);
    if (spec.maxLength() != null && (spec.maxLength() < 1 || spec.maxLength() > cap)) {
      errors.add(new FieldError(at + ".maxLength", "must be between 1 and " + cap));
    }
    if (spec.minLength() != null) {
      int max = spec.maxLength() != null ? spec.maxLength() : cap;
      if (spec.minLength() < 0 || spec.minLength() > max) {
        errors.add(new FieldError(at + ".minLength", "must be between 0 and " + max));
      }
    }
  }

  private static void checkRange(
      FieldSpec spec, FieldType type, String at, List<FieldError> errors) {
    boolean numeric = type == FieldType.INTEGER || type == FieldType.NUMBER;
    if (!numeric) {
      if (spec.min() != null) {
        errors.add(new FieldError(at + ".min", "applies only to integer and number"));
      }
      if (spec.max() != null) {
        errors.add(new FieldError(at + ".max", "applies only to integer and number"));
      }
      return;
    }
    BigDecimal lowest = BigDecimal.valueOf(Long.MIN_VALUE);
    BigDecimal highest = BigDecimal.valueOf(Long.MAX_VALUE);
    for (var bound : List.of(new Object[] {"min", spec.min()}, new Object[] {"max", spec.max()})) {
      BigDecimal value = (BigDecimal) bound[1];
      if (value == null) {
        continue;
      }
      boolean outside =
          type == FieldType.INTEGER
              ? value.stripTrailingZeros().scale() > 0
                  || value.compareTo(lowest) < 0
                  || value.compareTo(highest) > 0
              : value.abs().compareTo(new BigDecimal("1e308")) > 0
                  // PostgreSQL's numeric takes at most 16,383 digits after the point
                  || value.scale() > 1000
                  || (value.signum() != 0 && value.abs().compareTo(new BigDecimal("1e-307")) < 0);
      if (outside) {
        errors.add(
            new FieldError(
                at + "." + bound[0],
                type == FieldType.INTEGER
                    ? "must be a whole number in the 64-bit range"
                    : "must be 0 or a number between 1e-307 and 1e308 in size"));
      }
    }
    if (spec.min() != null && spec.max() != null && spec.min().compareTo(spec.max()) > 0) {
      errors.add(new FieldError(at + ".min", "must not be greater than max"));
    }
  }

  private static List<String> checkValues(
      FieldSpec spec, FieldType type, String at, List<FieldError> errors) {
    if (type != FieldType.ENUM) {
      if (spec.values() != null) {
        errors.add(new FieldError(at + ".values", "applies only to enum"));
      }
      return null;
    }
    if (spec.values() == null || spec.values().isEmpty()) {
      errors.add(new FieldError(at + ".values", "must list the allowed values"));
      return null;
    }
    if (spec.values().size() > MAX_ENUM_VALUES) {
      errors.add(new FieldError(at + ".values", "may hold at most " + MAX_ENUM_VALUES));
      return null;
    }
    Set<String> seen = new LinkedHashSet<>();
    for (int j = 0; j < spec.values().size(); j++) {
      String value = spec.values().get(j);
      if (value == null
          || value.isEmpty()
          || value.codePointCount(0, value.length()) > MAX_ENUM_VALUE_LENGTH
          || FieldValues.hasNul(value)) {
        errors.add(
            new FieldError(
                at + ".values[" + j + "]",
                "must be text of 1 to " + MAX_ENUM_VALUE_LENGTH + " characters"));
      } else if (!seen.add(value)) {
        errors.add(new FieldError(at + ".values[" + j + "]", "is listed twice"));
      }
    }
    return List.copyOf(seen);
  }
}
