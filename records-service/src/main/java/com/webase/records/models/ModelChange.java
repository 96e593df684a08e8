package com.webase.records.models;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What turning a model's fields into a new list takes: which columns are added, dropped or
 * replaced, and which unique indexes change. A field keeps its column while it keeps its type; a
 * retyped field gets a new column (its old values do not fit the new type). Pure.
 *
 * @param fields the new fields, each with its column
 * @param added fields that are new
 * @param removed old fields no longer listed
 * @param retyped old fields whose type changes (their replacements are in {@code added})
 * @param uniqueAdded kept fields that become unique
 * @param uniqueDropped kept fields that stop being unique
 * @param nextColumn the model's column counter after the change
 */
public record ModelChange(
    List<Field> fields,
    List<Field> added,
    List<Field> removed,
    List<Field> retyped,
    List<Field> uniqueAdded,
    List<Field> uniqueDropped,
    int nextColumn) {

  /** Plans the change from {@code old} to {@code wanted} (fields without columns). */
  public static ModelChange plan(List<Field> old, List<Field> wanted, int nextColumn) {
    Map<String, Field> before =
        old.stream().collect(Collectors.toMap(Field::name, Function.identity()));
    List<Field> fields = new ArrayList<>();
    List<Field> added = new ArrayList<>();
    List<Field> retyped = new ArrayList<>();
    List<Field> uniqueAdded = new ArrayList<>();
    List<Field> uniqueDropped = new ArrayList<>();
    int next = nextColumn;
    for (Field want : wanted) {
      Field had = before.get(want.name());
      if (had != null && had.sameStorage(want)) {
        Field kept = want.withColumn(had.column());
        fields.add(kept);
        if (want.unique() && !had.unique()) {
          uniqueAdded.add(kept);
        } else if (!want.unique() && had.unique()) {
          uniqueDropped.add(kept);
        }
        continue;
      }
      if (had != null) {
        retyped.add(had);
      }
      Field fresh = want.withColumn("c" + next++);
      fields.add(fresh);
      added.add(fresh);
    }
    List<String> wantedNames = wanted.stream().map(Field::name).toList();
    List<Field> removed = old.stream().filter(f -> !wantedNames.contains(f.name())).toList();
    return new ModelChange(
        List.copyOf(fields),
        List.copyOf(added),
        removed,
        List.copyOf(retyped),
        List.copyOf(uniqueAdded),
        List.copyOf(uniqueDropped),
        next);
  }

  /** Whether anything changes at all compared with {@code old}. */
  public boolean changes(List<Field> old) {
    return !fields.equals(old);
  }
}
