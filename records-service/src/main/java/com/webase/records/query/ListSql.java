package com.webase.records.query;

import com.webase.records.models.ModelDefinition;
import com.webase.records.query.ListQuery.Filter;
import com.webase.records.query.ListQuery.Position;
import com.webase.records.query.ListQuery.Sort;
import com.webase.records.query.ListQuery.Target;
import com.webase.records.record.RecordRows;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The SQL of a list: filters ANDed as bound parameters, ordered by (sort value, id) so the (value,
 * id) index of the field is walked in order, and the page after a cursor found by a row comparison
 * {@code (value, id) > (?, ?)} that the same index answers — keyset pagination, as fast at page
 * 10,000 as at page 1.
 *
 * <p>Records without a value sort after all values ascending, and before them descending
 * (PostgreSQL's own order, so the index serves both directions). A row comparison never matches no
 * value, so a page that crosses from values into no-values is read in two parts: see {@link
 * #pages}. Pure.
 */
final class ListSql {

  /** One statement and its parameters (column values). */
  record Statement(String sql, List<Object> parameters) {}

  private ListSql() {}

  /**
   * The statements that give the next page, to run in order until {@code limit} rows are read: one,
   * or two when the page may run from rows with values into rows without.
   */
  static List<Statement> pages(ModelDefinition model, ListQuery query, int limit) {
    Sort sort = query.sort();
    Target target = sort.target();
    String column = target.column();
    Position after = query.after();
    String asc = sort.descending() ? "desc" : "asc";
    String byValue = " order by " + column + " " + asc + ", id " + asc;
    String byId = " order by id " + asc;
    String cmp = sort.descending() ? "<" : ">";
    if (target.isId()) {
      return after == null
          ? List.of(select(model, query, List.of(), List.of(), byId, limit))
          : List.of(
              select(model, query, List.of("id " + cmp + " ?"), List.of(after.id()), byId, limit));
    }
    if (after == null) {
      return List.of(select(model, query, List.of(), List.of(), byValue, limit));
    }
    List<Statement> statements = new ArrayList<>();
    if (after.value() != null) {
      statements.add(
          select(
              model,
              query,
              List.of("(" + column + ", id) " + cmp + " (?, ?)"),
              List.of(after.value(), after.id()),
              byValue,
              limit));
      if (!sort.descending() && target.nullable()) {
        statements.add(select(model, query, List.of(column + " is null"), List.of(), byId, limit));
      }
    } else {
      statements.add(
          select(
              model,
              query,
              List.of(column + " is null", "id " + cmp + " ?"),
              List.of(after.id()),
              byId,
              limit));
      if (sort.descending()) {
        statements.add(
            select(model, query, List.of(column + " is not null"), List.of(), byValue, limit));
      }
    }
    return statements;
  }

  static Statement count(ModelDefinition model, ListQuery query) {
    List<Object> parameters = new ArrayList<>();
    String where = where(query, List.of(), List.of(), parameters);
    return new Statement(
        "select count(*) from " + model.tableName() + where, List.copyOf(parameters));
  }

  private static Statement select(
      ModelDefinition model,
      ListQuery query,
      List<String> position,
      List<Object> positionValues,
      String orderBy,
      int limit) {
    List<Object> parameters = new ArrayList<>();
    String where = where(query, position, positionValues, parameters);
    parameters.add((long) limit);
    return new Statement(
        "select "
            + RecordRows.columns(model)
            + " from "
            + model.tableName()
            + where
            + orderBy
            + " limit ?",
        Collections.unmodifiableList(parameters));
  }

  private static String where(
      ListQuery query, List<String> position, List<Object> positionValues, List<Object> out) {
    List<String> conditions = new ArrayList<>();
    for (Filter filter : query.filters()) {
      conditions.add(condition(filter, out));
    }
    conditions.addAll(position);
    out.addAll(positionValues);
    return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
  }

  private static String condition(Filter filter, List<Object> out) {
    String column = filter.target().column();
    List<Object> values = filter.values();
    return switch (filter.operator()) {
      case EQ -> bind(out, values.getFirst(), column + " = ?");
      // "ne" matches records without a value too: no value is not the value asked about
      case NE -> bind(out, values.getFirst(), column + " is distinct from ?");
      case GT -> bind(out, values.getFirst(), column + " > ?");
      case GTE -> bind(out, values.getFirst(), column + " >= ?");
      case LT -> bind(out, values.getFirst(), column + " < ?");
      case LTE -> bind(out, values.getFirst(), column + " <= ?");
      case IN -> {
        out.addAll(values);
        yield column + " in (" + String.join(", ", Collections.nCopies(values.size(), "?")) + ")";
      }
      case CONTAINS ->
          bind(out, "%" + escapeLike((String) values.getFirst()) + "%", column + " ilike ?");
      case STARTS_WITH -> startsWith(column, (String) values.getFirst(), out);
      case IS_NULL -> column + ((Boolean) values.getFirst() ? " is null" : " is not null");
    };
  }

  /**
   * A prefix as a range, {@code value >= 'abc' and value < 'abd'}: in the "C" collation (byte
   * order) that is exactly the values starting with "abc", and the field's index answers it.
   */
  private static String startsWith(String column, String prefix, List<Object> out) {
    String upper = successor(prefix);
    out.add(prefix);
    if (upper == null) {
      out.add(prefix);
      return "(" + column + " >= ? and starts_with(" + column + ", ?))";
    }
    out.add(upper);
    return "(" + column + " >= ? and " + column + " < ?)";
  }

  /** The least string greater than every string starting with {@code prefix}, if there is one. */
  static String successor(String prefix) {
    int last = prefix.codePointBefore(prefix.length());
    int next = last + 1;
    if (next >= Character.MIN_SURROGATE && next <= Character.MAX_SURROGATE) {
      next = Character.MAX_SURROGATE + 1;
    }
    if (next > Character.MAX_CODE_POINT) {
      return null;
    }
    return prefix.substring(0, prefix.length() - Character.charCount(last))
        + new String(Character.toChars(next));
  }

  private static String escapeLike(String text) {
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }

  private static String bind(List<Object> out, Object value, String sql) {
    out.add(value);
    return sql;
  }
}
