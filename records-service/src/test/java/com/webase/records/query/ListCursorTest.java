package com.webase.records.query;

import static com.webase.records.support.TestModels.field;
import static com.webase.records.support.TestModels.model;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.webase.platform.problem.ProblemException;
import com.webase.records.models.FieldType;
import com.webase.records.models.ModelDefinition;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ListCursorTest {

  private static final ModelDefinition MODEL =
      model(field("price", FieldType.NUMBER), field("at", FieldType.DATETIME));

  private static ListQuery.Sort sort(String spec) {
    return QueryParser.parse(MODEL, Map.of("sort", List.of(spec))).sort();
  }

  @Test
  void aCursorGivesBackThePositionItWasMadeFrom() {
    UUID id = UUID.randomUUID();
    OffsetDateTime at = OffsetDateTime.parse("2024-03-01T10:00:00.123456Z");

    assertThat(
            ListCursor.decode(
                ListCursor.encode(sort("-price"), new ListQuery.Position(12.5, id)),
                sort("-price")))
        .isEqualTo(new ListQuery.Position(12.5, id));
    assertThat(
            ListCursor.decode(
                ListCursor.encode(sort("at"), new ListQuery.Position(at, id)), sort("at")))
        .isEqualTo(new ListQuery.Position(at, id));
    assertThat(
            ListCursor.decode(
                ListCursor.encode(sort("price"), new ListQuery.Position(null, id)), sort("price")))
        .isEqualTo(new ListQuery.Position(null, id));
  }

  @Test
  void aCursorOfAnotherSortIsRefused() {
    String cursor =
        ListCursor.encode(sort("price"), new ListQuery.Position(1.0, UUID.randomUUID()));

    assertThatThrownBy(() -> ListCursor.decode(cursor, sort("-price")))
        .isInstanceOf(ProblemException.class)
        .hasMessageContaining("1 invalid field");
  }

  @Test
  void anAlteredOrMadeUpCursorIsRefused() {
    String cursor =
        ListCursor.encode(sort("price"), new ListQuery.Position(1.0, UUID.randomUUID()));
    String altered = (cursor.charAt(0) == 'e' ? 'f' : 'e') + cursor.substring(1);

    for (String bad : List.of(altered, "garbage", "", ".", cursor + "x", "e30.AAAA")) {
      assertThatThrownBy(() -> ListCursor.decode(bad, sort("price")))
          .as(bad)
          .isInstanceOf(ProblemException.class);
    }
  }
}
