package com.webase.records.query;

import com.webase.platform.problem.ProblemException;
import com.webase.records.models.ModelDefinition;
import com.webase.records.models.Models;
import com.webase.records.record.RecordRows;
import com.webase.records.record.StoredRecord;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Lists records: parses the query, runs its statements, and makes the next cursor from the last row
 * of the page. A list statement gets at most {@link #STATEMENT_TIMEOUT_SECONDS} seconds (a filter
 * no index serves, such as {@code contains} on a million rows, is a scan) and answers 503 beyond
 * it.
 */
@Service
class RecordLists {

  static final int STATEMENT_TIMEOUT_SECONDS = 5;

  private final Models models;
  private final JdbcTemplate jdbc;

  RecordLists(Models models, JdbcTemplate jdbc) {
    this.models = models;
    // the driver cancels a statement past the timeout itself: no extra round trip per list
    this.jdbc = new JdbcTemplate(jdbc.getDataSource());
    this.jdbc.setQueryTimeout(STATEMENT_TIMEOUT_SECONDS);
    // rows arrive in chunks (inside the read-only transaction), so a page cut short by its size
    // never holds the rest in memory
    this.jdbc.setFetchSize(50);
  }

  /**
   * What one page may hold, about: records can be large (a text field may have 100,000 characters),
   * so a page of 500 ends early, with its cursor, when it reaches this size.
   */
  static final long MAX_PAGE_CHARS = 4_000_000;

  /** A page: the records, the cursor of the next page (null on the last), and the total asked. */
  record Page(ModelDefinition model, List<StoredRecord> records, String nextCursor, Long total) {}

  @Transactional(readOnly = true)
  public Page list(
      String appId, String ownerId, String modelName, Map<String, List<String>> parameters) {
    ModelDefinition model = models.forRecords(appId, ownerId, modelName, false);
    ListQuery query = QueryParser.parse(model, parameters);
    try {
      List<StoredRecord> rows = new ArrayList<>();
      long[] budget = {MAX_PAGE_CHARS};
      for (ListSql.Statement statement : ListSql.pages(model, query, query.limit() + 1)) {
        int wanted = query.limit() + 1 - rows.size();
        if (wanted <= 0 || budget[0] <= 0) {
          break;
        }
        rows.addAll(run(model, statement, wanted, budget));
      }
      boolean cutBySize = budget[0] <= 0 && rows.size() <= query.limit();
      String next = null;
      if (rows.size() > query.limit() || cutBySize) {
        rows = rows.subList(0, Math.min(rows.size(), query.limit()));
        StoredRecord last = rows.getLast();
        next =
            ListCursor.encode(
                query.sort(), new ListQuery.Position(sortValue(query, last), last.id()));
      }
      Long total = null;
      if (query.count()) {
        ListSql.Statement count = ListSql.count(model, query);
        total =
            jdbc.query(
                count.sql(),
                ps -> bindAll(ps, count.parameters()),
                rs -> {
                  rs.next();
                  return rs.getLong(1);
                });
      }
      return new Page(model, rows, next, total);
    } catch (BadSqlGrammarException e) {
      // the model was changed or deleted between reading it and listing (reads take no lock)
      throw new ProblemException(
          HttpStatus.CONFLICT,
          "model-changed",
          "Model changed",
          "The model changed while the list was read; ask again.");
    } catch (QueryTimeoutException e) {
      throw new ProblemException(
          HttpStatus.SERVICE_UNAVAILABLE,
          "query-timeout",
          "Query took too long",
          "The list took longer than "
              + STATEMENT_TIMEOUT_SECONDS
              + " s; narrow it with a filter that an index serves (eq, ranges, in, startsWith).");
    }
  }

  /** Up to {@code wanted} rows, fewer when they use up what is left of the page's budget. */
  private List<StoredRecord> run(
      ModelDefinition model, ListSql.Statement statement, int wanted, long[] budget) {
    List<Object> parameters = new ArrayList<>(statement.parameters());
    parameters.set(parameters.size() - 1, (long) wanted);
    return jdbc.query(
        statement.sql(),
        ps -> bindAll(ps, parameters),
        rs -> {
          List<StoredRecord> read = new ArrayList<>();
          while (budget[0] > 0 && rs.next()) {
            StoredRecord record = RecordRows.read(rs, model);
            budget[0] -= sizeOf(record);
            read.add(record);
          }
          return read;
        });
  }

  private static long sizeOf(StoredRecord record) {
    long size = 100;
    for (Object value : record.values().values()) {
      size += value == null ? 4 : value.toString().length() + 16;
    }
    return size;
  }

  private static void bindAll(java.sql.PreparedStatement ps, List<Object> parameters)
      throws java.sql.SQLException {
    for (int i = 0; i < parameters.size(); i++) {
      RecordRows.bind(ps, i + 1, parameters.get(i));
    }
  }

  private static Object sortValue(ListQuery query, StoredRecord last) {
    ListQuery.Target target = query.sort().target();
    return switch (target.name()) {
      case "id" -> null;
      case "createdAt" -> last.createdAt().atOffset(ZoneOffset.UTC);
      case "updatedAt" -> last.updatedAt().atOffset(ZoneOffset.UTC);
      default -> last.values().get(target.name());
    };
  }
}
