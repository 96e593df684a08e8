package com.webase.records.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The one place client data reaches DDL: a new field's default, written as a literal. */
class ModelTablesTest {

  private static final JsonMapper json = new JsonMapper();

  private static String literal(String type, String defaultJson) {
    FieldSpec spec =
        new FieldSpec(
            "f",
            type,
            null,
            null,
            json.readTree(defaultJson),
            null,
            null,
            null,
            null,
            type.equals("enum") ? List.of("a'b", "c") : null);
    FieldRules.Outcome outcome = FieldRules.check(List.of(spec));
    assertThat(outcome.errors()).isEmpty();
    return ModelTables.literal(outcome.fields().getFirst());
  }

  @Test
  void quotesInTextDefaultsAreDoubledAndBackslashesStayLiteral() {
    assertThat(literal("string", "\"it's'); drop table x; --\\\\\""))
        .isEqualTo("'it''s''); drop table x; --\\'");
    assertThat(literal("enum", "\"a'b\"")).isEqualTo("'a''b'");
  }

  @Test
  void typedDefaultsArePrintedByJavaWithTheirType() {
    assertThat(literal("integer", "42")).isEqualTo("42");
    assertThat(literal("number", "2.5")).isEqualTo("2.5::double precision");
    assertThat(literal("boolean", "true")).isEqualTo("true");
    assertThat(literal("date", "\"2024-02-29\"")).isEqualTo("'2024-02-29'");
    assertThat(literal("datetime", "\"2024-01-01T10:00:00+02:00\""))
        .isEqualTo("'2024-01-01T08:00Z'::timestamptz");
    JsonNode doc = json.readTree("{\"q\": \"'\"}");
    assertThat(literal("json", doc.toString())).isEqualTo("'{\"q\":\"''\"}'::jsonb");
  }
}
