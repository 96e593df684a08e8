package com.webase.records.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.webase.records.support.Api;
import com.webase.records.support.RecordsServiceTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Filters, sorts and cursor paging over 1,200 records, each result compared with the same query
 * computed here, in Java, from the records as the service returned them at creation.
 */
@RecordsServiceTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecordQueriesIT {

  private static final String[] CATEGORIES = {"a", "b", "c", "d"};
  private static final String[] TAGS = {"red", "green", "blue"};

  @LocalServerPort int port;

  private Api api;
  private String records;
  private final List<JsonNode> fixture = new ArrayList<>();

  @BeforeAll
  void twelveHundredRecords() {
    api = Api.newUser(port);
    String app = api.newApp();
    api.newModel(
        app,
        "items",
        """
        [{"name": "name", "type": "string"},
         {"name": "price", "type": "number"},
         {"name": "qty", "type": "integer"},
         {"name": "category", "type": "enum", "values": ["a", "b", "c", "d"]},
         {"name": "day", "type": "date"},
         {"name": "flag", "type": "boolean"},
         {"name": "tag", "type": "string"}]
        """);
    records = "/api/v1/apps/" + app + "/models/items/records";
    Random random = new Random(20261201);
    for (int batch = 0; batch < 3; batch++) {
      StringBuilder body = new StringBuilder("{\"records\":[");
      for (int i = 0; i < 400; i++) {
        body.append(i == 0 ? "" : ",")
            .append("{\"name\":\"")
            .append(random.nextInt(5) == 0 ? "item-" : "Item-")
            .append(random.nextInt(300))
            .append("\",\"price\":")
            .append(random.nextInt(10) == 0 ? "null" : String.valueOf(random.nextInt(2000) / 20.0))
            .append(",\"qty\":")
            .append(random.nextInt(40))
            .append(",\"category\":\"")
            .append(CATEGORIES[random.nextInt(4)])
            .append("\",\"day\":\"2024-0")
            .append(1 + random.nextInt(9))
            .append("-1")
            .append(random.nextInt(10))
            .append("\",\"flag\":")
            .append(random.nextBoolean())
            .append(",\"tag\":")
            .append(random.nextInt(4) == 0 ? "null" : "\"" + TAGS[random.nextInt(3)] + "\"")
            .append("}");
      }
      var created = api.post(records + "/bulk", body.append("]}").toString());
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      Api.json(created).get("items").forEach(fixture::add);
    }
  }

  @Test
  void everyRecordSortedByPriceDescendingWithNoValuesFirst() {
    assertPagesMatch("sort=-price", r -> true, by("price", true));
  }

  @Test
  void inAndGteFiltersSortedByPrice() {
    assertPagesMatch(
        "filter=category:in:a,b&filter=qty:gte:10&sort=price",
        r -> Set.of("a", "b").contains(text(r, "category")) && r.get("qty").asLong() >= 10,
        by("price", false));
  }

  @Test
  void startsWithIsCaseSensitiveAndSortsByDateDescending() {
    assertPagesMatch(
        "filter=name:startsWith:Item-1&sort=-day",
        r -> text(r, "name").startsWith("Item-1"),
        by("day", true));
  }

  @Test
  void containsIgnoresCaseAndTiesOnCreationTimeGoById() {
    assertPagesMatch(
        "filter=name:contains:M-2&sort=-createdAt",
        r -> text(r, "name").toLowerCase().contains("m-2"),
        by("createdAt", true));
  }

  @Test
  void isNullAndLtAndEqOnBooleansCombineWithAnd() {
    assertPagesMatch(
        "filter=tag:isNull:true&filter=price:lt:50&filter=flag:eq:true&sort=qty",
        r ->
            r.get("tag").isNull()
                && !r.get("price").isNull()
                && r.get("price").asDouble() < 50
                && r.get("flag").asBoolean(),
        by("qty", false));
  }

  @Test
  void neMatchesRecordsWithoutAValueAndSortsByNameThenId() {
    assertPagesMatch(
        "filter=tag:ne:red&filter=day:lte:2024-05-15&sort=name",
        r -> !"red".equals(text(r, "tag")) && text(r, "day").compareTo("2024-05-15") <= 0,
        by("name", false));
  }

  @Test
  void defaultOrderIsByIdAndCountGivesTheTotal() {
    Predicate<JsonNode> tagBlue = r -> "blue".equals(text(r, "tag"));
    assertPagesMatch("filter=tag:eq:blue", tagBlue, by("id", false));
    JsonNode counted = Api.json(api.get(records + "?filter=tag:eq:blue&count=true&limit=1"));
    assertThat(counted.get("total").asLong()).isEqualTo(fixture.stream().filter(tagBlue).count());
  }

  @Test
  void pagingWhileInsertingShowsEveryEarlierRecordOnceAndNoDuplicates() {
    List<String> seen = new ArrayList<>();
    String cursor = null;
    int inserted = 0;
    Random random = new Random(7);
    do {
      JsonNode page =
          Api.json(
              api.get(
                  records + "?sort=price&limit=50" + (cursor == null ? "" : "&cursor=" + cursor)));
      page.get("items").forEach(item -> seen.add(item.get("id").asString()));
      cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
      for (int i = 0; i < 3; i++) {
        var created =
            api.post(
                records,
                "{\"name\":\"late\",\"price\":"
                    + (random.nextInt(10) == 0 ? "null" : random.nextInt(2000) / 20.0)
                    + "}");
        assertThat(created.statusCode()).isEqualTo(201);
        inserted++;
      }
    } while (cursor != null);

    assertThat(new HashSet<>(seen)).hasSize(seen.size());
    assertThat(seen).containsAll(fixture.stream().map(r -> text(r, "id")).toList());
    assertThat(inserted).isGreaterThan(60);
  }

  @Test
  void aCursorIsBoundToItsSortAndRefusedWhenAltered() {
    String cursor = Api.json(api.get(records + "?sort=price&limit=5")).get("nextCursor").asString();

    var otherSort = api.get(records + "?sort=qty&cursor=" + cursor);
    char flipped = cursor.charAt(3) == 'A' ? 'B' : 'A';
    var altered =
        api.get(
            records
                + "?sort=price&cursor="
                + cursor.substring(0, 3)
                + flipped
                + cursor.substring(4));

    assertThat(otherSort.statusCode()).isEqualTo(400);
    assertThat(otherSort.body()).contains("\"field\":\"cursor\"");
    assertThat(altered.statusCode()).isEqualTo(400);
    assertThat(altered.body()).contains("\"field\":\"cursor\"");
  }

  private void assertPagesMatch(
      String query, Predicate<JsonNode> filter, Comparator<JsonNode> order) {
    List<String> expected =
        fixture.stream().filter(filter).sorted(order).map(r -> text(r, "id")).toList();
    List<String> actual = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      JsonNode page =
          Api.json(
              api.get(
                  records
                      + "?"
                      + query
                      + "&limit=37"
                      + (cursor == null
                          ? ""
                          : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8))));
      assertThat(page.get("items").size()).isLessThanOrEqualTo(37);
      page.get("items").forEach(item -> actual.add(item.get("id").asString()));
      cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
      pages++;
    } while (cursor != null && pages < 100);

    assertThat(expected).hasSizeGreaterThan(20);
    assertThat(actual).containsExactlyElementsOf(expected);
  }

  /**
   * The list order: by the field, records without a value last ascending and first descending, ties
   * by id in the same direction. Text compares by UTF-16 unit, which for this ASCII fixture is
   * PostgreSQL's "C" byte order; ids compare as their lower-case hex, as uuid does.
   */
  private static Comparator<JsonNode> by(String field, boolean descending) {
    Comparator<JsonNode> byValue =
        (x, y) -> {
          JsonNode a = x.get(field);
          JsonNode b = y.get(field);
          if (a.isNull() || b.isNull()) {
            return Boolean.compare(a.isNull(), b.isNull());
          }
          return a.isNumber()
              ? Double.compare(a.asDouble(), b.asDouble())
              : a.asString().compareTo(b.asString());
        };
    Comparator<JsonNode> order = byValue.thenComparing(r -> text(r, "id"));
    return descending ? order.reversed() : order;
  }

  private static String text(JsonNode record, String field) {
    JsonNode value = record.get(field);
    return value == null || value.isNull() ? null : value.asString();
  }
}
