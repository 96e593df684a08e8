package com.webase.records.models;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Names a client chooses. Model names go into URLs: lower-case identifiers. Field names go into
 * JSON: identifiers that may use camelCase. Neither ever becomes SQL (tables and columns have
 * service-made names); the patterns keep them readable and unambiguous.
 */
public final class ModelNames {

  public static final Pattern MODEL = Pattern.compile("[a-z][a-z0-9_]{0,62}");
  public static final Pattern FIELD = Pattern.compile("[a-zA-Z][a-zA-Z0-9_]{0,62}");

  /** System fields of every record; no field may take their names, in any case. */
  public static final Set<String> RESERVED = Set.of("id", "createdat", "updatedat");

  private ModelNames() {}

  public static boolean isModelName(String name) {
    return name != null && MODEL.matcher(name).matches();
  }

  /** Why {@code name} cannot be a field name, or null when it can. */
  public static String fieldNameProblem(String name) {
    if (name == null || name.isEmpty()) {
      return "is required";
    }
    if (!FIELD.matcher(name).matches()) {
      return "must start with a letter and hold only letters, digits and _ (at most 63)";
    }
    if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
      return "is reserved for a system field (id, createdAt, updatedAt)";
    }
    return null;
  }
}
