package com.webase.records.record;

import com.webase.records.models.Field;
import com.webase.records.models.FieldValues;
import com.webase.records.models.ModelDefinition;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A record as its table holds it.
 *
 * @param values column values by field name (absent or null: no value)
 */
public record StoredRecord(
    UUID id, long version, Instant createdAt, Instant updatedAt, Map<String, Object> values) {

  /** What clients see: {@code id}, the model's fields in their order, then the times. */
  public ObjectNode toJson(ModelDefinition model) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("id", id.toString());
    for (Field field : model.fields()) {
      node.set(field.name(), FieldValues.toJson(field.type(), values.get(field.name())));
    }
    node.put("createdAt", createdAt.toString());
    node.put("updatedAt", updatedAt.toString());
    return node;
  }
}
