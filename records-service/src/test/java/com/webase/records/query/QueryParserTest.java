package com.webase.records.query;

import static com.webase.records.support.TestModels.field;
import static com.webase.records.support.TestModels.model;
import static org.assertj.core.api.Assertions.assertThat;

import com.webase.platform.problem.ProblemException;
import com.webase.platform.problem.ProblemResponses.FieldError;
import com.webase.records.models.FieldType;
import com.webase.records.models.ModelDefinition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class QueryParserTest {

  private static final ModelDefinition MODEL =
      model(
          field("name", FieldType.STRING),
          field("price", FieldType.NUMBER),
          field("qty", FieldType.INTEGER),
          field("flag", FieldType.BOOLEAN),
          field("doc", FieldType.JSON));

  private static Map<String, List<String>> query(String... pairs) {
    Map<String, List<String>> parameters = new LinkedHashMap<>();
    for (String pair : pairs) {
      int eq = pair.indexOf('=');
      parameters
          .computeIfAbsent(pair.substring(0, eq), k -> new java.util.ArrayList<>())
          .add(pair.substring(eq + 1));
    }
    return parameters;
  }

  @SuppressWarnings("unchecked")
  private static List<FieldError> errorsOf(String... pairs) {
    try {
      QueryParser.parse(MODEL, query(pairs));
    } catch (ProblemException e) {
      assertThat(e.status().value()).isEqualTo(400);
      return (List<FieldError>) e.properties().get("errors");
    }
    throw new AssertionError("no problem for " + List.of(pairs));
  }

  @Test
  void filtersSortLimitAndCountAreRead() {
    ListQuery parsed =
        QueryParser.parse(
            MODEL,
            query(
                "filter=price:gte:10",
                "filter=name:in:a\\,b,c",
                "filter=qty:isNull:false",
                "sort=-price",
                "limit=20",
                "count=true"));

    assertThat(parsed.filters()).hasSize(3);
    assertThat(parsed.filters().get(0).values()).containsExactly(10.0);
    assertThat(parsed.filters().get(1).values()).containsExactly("a,b", "c");
    assertThat(parsed.filters().get(2).values()).containsExactly(false);
    assertThat(parsed.sort().spec()).isEqualTo("-price");
    assertThat(parsed.sort().target().column()).isEqualTo("c2");
    assertThat(parsed.limit()).isEqualTo(20);
    assertThat(parsed.count()).isTrue();
  }

  @Test
  void theDefaultIsTheFirstFiftyById() {
    ListQuery parsed = QueryParser.parse(MODEL, Map.of());

    assertThat(parsed.sort().spec()).isEqualTo("id");
    assertThat(parsed.limit()).isEqualTo(50);
    assertThat(parsed.after()).isNull();
  }

  @Test
  void aValueMayHoldColons() {
    ModelDefinition timed = model(field("at", FieldType.DATETIME));
    ListQuery parsed = QueryParser.parse(timed, query("filter=at:lt:2024-01-01T10:00:00Z"));

    assertThat(parsed.filters().getFirst().values().getFirst().toString())
        .isEqualTo("2024-01-01T10:00Z");
  }

  @Test
  void everyMistakeIsNamedByItsParameterAndPosition() {
    List<FieldError> errors =
        errorsOf(
            "filter=price:gte:1",
            "filter=price:gtx:3",
            "filter=prcie:eq:1",
            "filter=qty:eq:1.5",
            "filter=doc:eq:{}",
            "filter=flag:contains:t",
            "filter=name",
            "sort=nope",
            "limit=501",
            "count=yes",
            "page=2");

    assertThat(errors)
        .extracting(FieldError::field)
        .containsExactly(
            "page",
            "filter[1]",
            "filter[2]",
            "filter[3]",
            "filter[4]",
            "filter[5]",
            "filter[6]",
            "sort",
            "limit",
            "count");
    assertThat(errors.get(1).reason()).startsWith("unknown operator 'gtx'; one of eq, ne");
    assertThat(errors.get(2).reason()).startsWith("unknown field 'prcie'");
    assertThat(errors.get(3).reason()).contains("'1.5' is not a whole number (qty is integer)");
  }

  @Test
  void limitsOnFiltersAndInListsHold() {
    String[] many = new String[21];
    java.util.Arrays.fill(many, "filter=qty:eq:1");
    assertThat(errorsOf(many)).extracting(FieldError::field).containsExactly("filter");
    String longList = "filter=qty:in:" + "1,".repeat(100) + "1";
    assertThat(errorsOf(longList))
        .extracting(FieldError::reason)
        .containsExactly("in takes at most 100 values");
  }

  @Test
  void idFiltersTakeCanonicalIdsOnly() {
    UUID id = UUID.randomUUID();
    assertThat(QueryParser.parse(MODEL, query("filter=id:eq:" + id)).filters().getFirst().values())
        .containsExactly(id);
    assertThat(errorsOf("filter=id:eq:1-2-3-4-5"))
        .extracting(FieldError::field)
        .containsExactly("filter[0]");
  }
}
