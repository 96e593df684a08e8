package com.webase.records.query;

import com.webase.records.models.FieldType;
import java.util.List;
import java.util.UUID;

/**
 * A parsed list request: what {@link QueryParser} made of the query string, ready for {@link
 * ListSql}.
 *
 * @param after where the previous page ended, or null for the first page
 */
record ListQuery(List<Filter> filters, Sort sort, int limit, Position after, boolean count) {

  /**
   * What a filter or sort is about: a field's column or a system column.
   *
   * @param type the field type; null for {@code id}
   * @param nullable whether the column may hold no value (fields may; system columns never)
   */
  record Target(String name, String column, FieldType type, boolean nullable) {
    boolean isId() {
      return type == null;
    }
  }

  enum Operator {
    EQ("eq"),
    NE("ne"),
    GT("gt"),
    GTE("gte"),
    LT("lt"),
    LTE("lte"),
    IN("in"),
    CONTAINS("contains"),
    STARTS_WITH("startsWith"),
    IS_NULL("isNull");

    final String wire;

    Operator(String wire) {
      this.wire = wire;
    }
  }

  /**
   * One condition. {@code values} holds column values: one for most operators, the list for {@code
   * in}, {@code Boolean} for {@code isNull}.
   */
  record Filter(Target target, Operator operator, List<Object> values) {}

  record Sort(Target target, boolean descending) {
    /** How the sort is written in a query, e.g. {@code -price}: a cursor is bound to it. */
    String spec() {
      return (descending ? "-" : "") + target.name();
    }
  }

  /** The sort value (a column value, or null for none) and id of the last row of a page. */
  record Position(Object value, UUID id) {}
}
