package com.webase.records.models;

import static org.assertj.core.api.Assertions.assertThat;

import com.webase.platform.problem.ProblemResponses.FieldError;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

class FieldRulesTest {

  private static final JsonNodeFactory nodes = JsonNodeFactory.instance;

  private static FieldSpec spec(String name, String type) {
    return new FieldSpec(name, type, null, null, null, null, null, null, null, null);
  }

  @Test
  void everyTypeIsAcceptedByItsWireName() {
    List<FieldSpec> specs =
        List.of(
            spec("a", "string"),
            spec("b", "text"),
            spec("c", "integer"),
            spec("d", "number"),
            spec("e", "boolean"),
            spec("f", "date"),
            spec("g", "datetime"),
            spec("h", "email"),
            spec("i", "url"),
            new FieldSpec("j", "enum", null, null, null, null, null, null, null, List.of("x")),
            spec("k", "json"));

    FieldRules.Outcome outcome = FieldRules.check(specs);

    assertThat(outcome.errors()).isEmpty();
    assertThat(outcome.fields()).extracting(Field::type).containsExactly(FieldType.values());
  }

  @Test
  void reservedNamesAreRefusedInAnyCase() {
    FieldRules.Outcome outcome =
        FieldRules.check(
            List.of(spec("id", "string"), spec("CreatedAt", "string"), spec("updatedAT", "date")));

    assertThat(outcome.errors())
        .extracting(FieldError::field)
        .containsExactly("fields[0].name", "fields[1].name", "fields[2].name");
  }

  @Test
  void optionsOfOtherTypesAreRefused() {
    FieldRules.Outcome outcome =
        FieldRules.check(
            List.of(
                new FieldSpec("a", "integer", null, null, null, 1, 5, null, null, List.of("x")),
                new FieldSpec(
                    "b", "string", null, null, null, null, null, BigDecimal.ONE, null, null)));

    assertThat(outcome.errors())
        .extracting(FieldError::field)
        .containsExactlyInAnyOrder(
            "fields[0].minLength", "fields[0].maxLength", "fields[0].values", "fields[1].min");
  }

  @Test
  void aDefaultMustBeAValidValueOfTheField() {
    FieldRules.Outcome refused =
        FieldRules.check(
            List.of(
                new FieldSpec(
                    "n",
                    "integer",
                    null,
                    null,
                    nodes.numberNode(50),
                    null,
                    null,
                    BigDecimal.ZERO,
                    BigDecimal.TEN,
                    null)));
    FieldRules.Outcome accepted =
        FieldRules.check(
            List.of(
                new FieldSpec(
                    "at",
                    "datetime",
                    null,
                    null,
                    nodes.stringNode("2024-01-01T12:00:00+01:00"),
                    null,
                    null,
                    null,
                    null,
                    null)));

    assertThat(refused.errors()).extracting(FieldError::field).containsExactly("fields[0].default");
    assertThat(accepted.fields().getFirst().defaultValue().asString())
        .isEqualTo("2024-01-01T11:00:00Z");
  }

  @Test
  void aStringCannotBeLongerThanItsIndexCanHoldAndTextCannotBeUnique() {
    FieldRules.Outcome outcome =
        FieldRules.check(
            List.of(
                new FieldSpec("s", "string", null, null, null, null, 501, null, null, null),
                new FieldSpec("t", "text", null, true, null, null, null, null, null, null)));

    assertThat(outcome.errors())
        .extracting(FieldError::field)
        .containsExactly("fields[0].maxLength", "fields[1].unique");
  }

  @Test
  void duplicateNamesAndDuplicateEnumValuesAreNamed() {
    FieldRules.Outcome outcome =
        FieldRules.check(
            List.of(
                spec("a", "string"),
                new FieldSpec(
                    "a", "enum", null, null, null, null, null, null, null, List.of("x", "x"))));

    assertThat(outcome.errors())
        .extracting(FieldError::field)
        .containsExactly("fields[1].name", "fields[1].values[1]");
  }

  @Test
  void aModelHasAtMostFiftyFields() {
    List<FieldSpec> many =
        java.util.stream.IntStream.range(0, 51).mapToObj(i -> spec("f" + i, "string")).toList();

    assertThat(FieldRules.check(many).errors())
        .extracting(FieldError::field)
        .containsExactly("fields");
  }
}
