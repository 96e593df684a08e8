package com.webase.records.query;

import static com.webase.records.support.TestModels.field;
import static com.webase.records.support.TestModels.model;
import static org.assertj.core.api.Assertions.assertThat;

import com.webase.records.models.FieldType;
import com.webase.records.models.ModelDefinition;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ListSqlTest {

  private static final ModelDefinition MODEL =
      model(field("name", FieldType.STRING), field("price", FieldType.NUMBER));

  private static ListQuery query(Map<String, List<String>> parameters, ListQuery.Position after) {
    ListQuery parsed = QueryParser.parse(MODEL, parameters);
    return new ListQuery(parsed.filters(), parsed.sort(), parsed.limit(), after, parsed.count());
  }

  @Test
  void valuesAreBoundAndNamesComeFromTheModel() {
    ListSql.Statement statement =
        ListSql.pages(
                MODEL,
                query(
                    Map.of("filter", List.of("name:eq:x' or 1=1 --"), "sort", List.of("-price")),
                    null),
                51)
            .getFirst();

    assertThat(statement.sql())
        .isEqualTo(
            "select id, version, created_at, updated_at, c1, c2 from r_test where c1 = ?"
                + " order by c2 desc, id desc limit ?");
    assertThat(statement.parameters()).containsExactly("x' or 1=1 --", 51L);
  }

  @Test
  void aPageAfterAValueAscendingGoesOnIntoTheRecordsWithoutAValue() {
    UUID id = UUID.randomUUID();
    List<ListSql.Statement> statements =
        ListSql.pages(
            MODEL, query(Map.of("sort", List.of("price")), new ListQuery.Position(5.0, id)), 11);

    assertThat(statements)
        .extracting(ListSql.Statement::sql)
        .containsExactly(
            "select id, version, created_at, updated_at, c1, c2 from r_test where (c2, id) > (?, ?) order by c2 asc, id asc limit ?",
            "select id, version, created_at, updated_at, c1, c2 from r_test where c2 is null order by id asc limit ?");
  }

  @Test
  void aPageAfterNoValueDescendingGoesOnIntoTheValues() {
    UUID id = UUID.randomUUID();
    List<ListSql.Statement> statements =
        ListSql.pages(
            MODEL, query(Map.of("sort", List.of("-price")), new ListQuery.Position(null, id)), 11);

    assertThat(statements)
        .extracting(ListSql.Statement::sql)
        .containsExactly(
            "select id, version, created_at, updated_at, c1, c2 from r_test where c2 is null and id < ? order by id desc limit ?",
            "select id, version, created_at, updated_at, c1, c2 from r_test where c2 is not null order by c2 desc, id desc limit ?");
  }

  @Test
  void aPrefixBecomesARangeAndLikeWildcardsAreEscaped() {
    ListSql.Statement prefix =
        ListSql.pages(MODEL, query(Map.of("filter", List.of("name:startsWith:ab")), null), 2)
            .getFirst();
    ListSql.Statement contains =
        ListSql.pages(MODEL, query(Map.of("filter", List.of("name:contains:50%_off")), null), 2)
            .getFirst();

    assertThat(prefix.sql()).contains("(c1 >= ? and c1 < ?)");
    assertThat(prefix.parameters()).containsExactly("ab", "ac", 2L);
    assertThat(contains.parameters()).containsExactly("%50\\%\\_off%", 2L);
    assertThat(ListSql.successor("a\uD7FF")).isEqualTo("a\uE000");
  }
}
