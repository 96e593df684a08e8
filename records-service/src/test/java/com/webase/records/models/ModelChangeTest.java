package com.webase.records.models;

import static com.webase.records.support.TestModels.field;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ModelChangeTest {

  private static final List<Field> OLD =
      List.of(
          field("title", FieldType.STRING).withColumn("c1"),
          field("qty", FieldType.INTEGER).withColumn("c2"),
          field("note", FieldType.TEXT).withColumn("c3"));

  @Test
  void aFieldThatKeepsItsTypeKeepsItsColumnAndANewFieldGetsTheNextOne() {
    ModelChange change =
        ModelChange.plan(
            OLD,
            List.of(
                field("title", FieldType.STRING),
                field("qty", FieldType.INTEGER),
                field("note", FieldType.TEXT),
                field("due", FieldType.DATE)),
            4);

    assertThat(change.fields()).extracting(Field::column).containsExactly("c1", "c2", "c3", "c4");
    assertThat(change.added()).extracting(Field::name).containsExactly("due");
    assertThat(change.removed()).isEmpty();
    assertThat(change.retyped()).isEmpty();
    assertThat(change.nextColumn()).isEqualTo(5);
  }

  @Test
  void aRetypedFieldGetsANewColumnAndAnUnlistedFieldIsRemoved() {
    ModelChange change =
        ModelChange.plan(
            OLD, List.of(field("title", FieldType.STRING), field("qty", FieldType.NUMBER)), 4);

    assertThat(change.retyped()).extracting(Field::column).containsExactly("c2");
    assertThat(change.added()).extracting(Field::column).containsExactly("c4");
    assertThat(change.removed()).extracting(Field::name).containsExactly("note");
  }

  @Test
  void makingAFieldUniqueOrNotIsPlannedWithoutANewColumn() {
    Field uniqueTitle =
        new Field("title", FieldType.STRING, false, true, null, null, null, null, null, null, null);

    ModelChange change =
        ModelChange.plan(
            OLD,
            List.of(uniqueTitle, field("qty", FieldType.INTEGER), field("note", FieldType.TEXT)),
            4);

    assertThat(change.uniqueAdded()).extracting(Field::column).containsExactly("c1");
    assertThat(change.added()).isEmpty();
    assertThat(change.changes(OLD)).isTrue();
    assertThat(
            ModelChange.plan(
                    OLD,
                    List.of(
                        field("title", FieldType.STRING),
                        field("qty", FieldType.INTEGER),
                        field("note", FieldType.TEXT)),
                    4)
                .changes(OLD))
        .isFalse();
  }
}
