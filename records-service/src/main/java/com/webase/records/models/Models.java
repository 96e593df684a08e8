package com.webase.records.models;

import com.webase.events.records.ModelCreated;
import com.webase.events.records.ModelDeleted;
import com.webase.events.records.ModelUpdated;
import com.webase.platform.problem.ProblemException;
import com.webase.platform.problem.ProblemResponses.FieldError;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The data models of apps: create, read, change (versioned), delete. The caller has already been
 * checked for scope and ownership ({@code AppOwnership}); this class keeps the models' own rules.
 *
 * <p>A change that would lose data — removing or retyping a field that holds values — is refused
 * with 409 {@code field-holds-data} unless forced. Thread-safe.
 */
@Service
public class Models {

  public static final int MAX_MODELS_PER_APP = 100;

  /** Columns a model's table may ever have had (PostgreSQL counts dropped ones up to 1,600). */
  static final int MAX_COLUMNS = 1000;

  private static final TypeReference<List<Field>> FIELD_LIST = new TypeReference<>() {};

  private final JdbcClient jdbc;
  private final ModelTables tables;
  private final JsonMapper json;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  Models(
      JdbcClient jdbc,
      ModelTables tables,
      JsonMapper json,
      ApplicationEventPublisher events,
      Clock clock) {
    this.jdbc = jdbc;
    this.tables = tables;
    this.json = json;
    this.events = events;
    this.clock = clock;
  }

  @Transactional
  public ModelDefinition create(String appId, String ownerId, String name, List<FieldSpec> specs) {
    List<FieldError> errors = new ArrayList<>();
    if (!ModelNames.isModelName(name)) {
      errors.add(
          new FieldError(
              "name",
              name == null
                  ? "is required"
                  : "must start with a-z and hold only a-z, 0-9 and _ (at most 63)"));
    }
    FieldRules.Outcome outcome = FieldRules.check(specs);
    errors.addAll(outcome.errors());
    if (!errors.isEmpty()) {
      throw invalid(errors);
    }
    // one app's model creations queue here, so the count below holds
    jdbc.sql("select pg_advisory_xact_lock(hashtext(?))").param("models:" + appId).query().rowSet();
    int existing =
        jdbc.sql("select count(*) from data_model where app_id = ?")
            .param(appId)
            .query(Integer.class)
            .single();
    if (existing >= MAX_MODELS_PER_APP) {
      throw new ProblemException(
          HttpStatus.CONFLICT,
          "too-many-models",
          "Too many models",
          "An app may have at most " + MAX_MODELS_PER_APP + " models.");
    }
    UUID id = UUID.randomUUID();
    String table = "r_" + id.toString().replace("-", "");
    List<Field> fields = new ArrayList<>();
    for (int i = 0; i < outcome.fields().size(); i++) {
      fields.add(outcome.fields().get(i).withColumn("c" + (i + 1)));
    }
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    try {
      jdbc.sql(
              """
              insert into data_model
                (id, app_id, name, version, fields, next_column, table_name, created_at, updated_at)
              values (?, ?, ?, 1, ?::jsonb, ?, ?, ?, ?)
              """)
          .params(
              id,
              appId,
              name,
              json.writeValueAsString(fields),
              fields.size() + 1,
              table,
              Timestamp.from(now),
              Timestamp.from(now))
          .update();
    } catch (DuplicateKeyException e) {
      throw new ProblemException(
          HttpStatus.CONFLICT,
          "model-exists",
          "Model exists",
          "This app already has a model named " + name + ".",
          Map.of("errors", List.of(new FieldError("name", "is already used by another model"))));
    }
    recordVersion(id, 1, fields, now, ownerId);
    tables.create(table, fields);
    events.publishEvent(new ModelCreated(UUID.randomUUID(), now, appId, ownerId, name));
    return new ModelDefinition(id, appId, ownerId, name, 1, List.copyOf(fields), table, now, now);
  }

  /** The model, or 404 {@code model-not-found}. */
  @Transactional(readOnly = true)
  public ModelDefinition get(String appId, String ownerId, String name) {
    return find(appId, ownerId, name, false).orElseThrow(Models::notFound);
  }

  /**
   * The model for a records request. With {@code forWrite} the model row is share-locked until the
   * transaction ends, so a model change waits for the write, and a write that waited reads the
   * changed model (READ COMMITTED re-reads a locked row).
   */
  public ModelDefinition forRecords(String appId, String ownerId, String name, boolean forWrite) {
    return find(appId, ownerId, name, forWrite).orElseThrow(Models::notFound);
  }

  /** One page of an app's models, by name. */
  @Transactional(readOnly = true)
  public List<ModelDefinition> list(String appId, String ownerId, String afterName, int limit) {
    return jdbc.sql("select * from data_model where app_id = ? and name > ? order by name limit ?")
        .params(appId, afterName == null ? "" : afterName, limit)
        .query((rs, n) -> map(rs, ownerId))
        .list();
  }

  /**
   * Changes a model's fields to {@code specs}: fields not listed are removed, new names added,
   * others changed in place.
   *
   * @param expectedVersion from {@code If-Match}, or null
   * @param force whether removing or retyping a field that holds data may drop its values
   */
  @Transactional
  public ModelDefinition update(
      String appId,
      String ownerId,
      String name,
      List<FieldSpec> specs,
      Integer expectedVersion,
      boolean force) {
    ModelDefinition model =
        find(appId, ownerId, name, true, "for update").orElseThrow(Models::notFound);
    if (expectedVersion != null && expectedVersion != model.version()) {
      throw preconditionFailed(model.version());
    }
    FieldRules.Outcome outcome = FieldRules.check(specs);
    if (!outcome.errors().isEmpty()) {
      throw invalid(outcome.errors());
    }
    int nextColumn =
        jdbc.sql("select next_column from data_model where id = ?")
            .param(model.id())
            .query(Integer.class)
            .single();
    ModelChange change = ModelChange.plan(model.fields(), outcome.fields(), nextColumn);
    if (change.nextColumn() > MAX_COLUMNS) {
      // every retype takes a new column and PostgreSQL keeps dropped ones counted (1,600 at most)
      throw new ProblemException(
          HttpStatus.CONFLICT,
          "model-too-many-changes",
          "The model has changed too often",
          "This model's fields were added or retyped "
              + MAX_COLUMNS
              + " times; create a new model and move its records.");
    }
    if (!change.changes(model.fields())) {
      return model;
    }
    String table = model.tableName();
    if (!force) {
      List<FieldError> losing = new ArrayList<>();
      for (Field removed : change.removed()) {
        if (tables.holdsData(table, removed)) {
          losing.add(new FieldError(removed.name(), "holds data; removing it needs force=true"));
        }
      }
      for (Field retyped : change.retyped()) {
        if (tables.holdsData(table, retyped)) {
          losing.add(
              new FieldError(
                  retyped.name(),
                  "holds data of type "
                      + retyped.type().wireName()
                      + "; retyping it clears its values and needs force=true"));
        }
      }
      if (!losing.isEmpty()) {
        throw new ProblemException(
            HttpStatus.CONFLICT,
            "field-holds-data",
            "Field holds data",
            "The change would lose stored values; send it again with force=true to accept that.",
            Map.of("errors", losing));
      }
    }
    for (Field gone : change.removed()) {
      tables.dropColumn(table, gone);
    }
    for (Field gone : change.retyped()) {
      tables.dropColumn(table, gone);
    }
    for (Field dropped : change.uniqueDropped()) {
      tables.dropUnique(table, dropped);
    }
    try {
      for (Field added : change.added()) {
        tables.addColumn(table, added);
      }
      for (Field unique : change.uniqueAdded()) {
        tables.addUnique(table, unique);
      }
    } catch (DuplicateKeyException e) {
      throw new ProblemException(
          HttpStatus.CONFLICT,
          "unique-violation",
          "Values are not unique",
          "Existing records share a value of a field that would become unique.",
          Map.of(
              "errors",
              List.of(
                  new FieldError(
                      "fields",
                      "existing records share a value (or a default) of a field marked unique"))));
    }
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    int version = model.version() + 1;
    jdbc.sql(
            """
            update data_model set version = ?, fields = ?::jsonb, next_column = ?, updated_at = ?
            where id = ?
            """)
        .params(
            version,
            json.writeValueAsString(change.fields()),
            change.nextColumn(),
            Timestamp.from(now),
            model.id())
        .update();
    recordVersion(model.id(), version, change.fields(), now, ownerId);
    events.publishEvent(new ModelUpdated(UUID.randomUUID(), now, appId, ownerId, name));
    return new ModelDefinition(
        model.id(), appId, ownerId, name, version, change.fields(), table, model.createdAt(), now);
  }

  /** Deletes a model and its records (the table is dropped: constant time at any size). */
  @Transactional
  public void delete(String appId, String ownerId, String name, Integer expectedVersion) {
    ModelDefinition model =
        find(appId, ownerId, name, true, "for update").orElseThrow(Models::notFound);
    if (expectedVersion != null && expectedVersion != model.version()) {
      throw preconditionFailed(model.version());
    }
    jdbc.sql("delete from data_model where id = ?").param(model.id()).update();
    tables.drop(model.tableName());
    events.publishEvent(new ModelDeleted(UUID.randomUUID(), clock.instant(), appId, ownerId, name));
  }

  /**
   * Removes every model of a deleted app with its records, in the caller's transaction. Dropping a
   * table takes the same time for a million rows as for one, so a consumer is not held up.
   *
   * @return how many models went
   */
  @Transactional
  public int deleteAllOf(String appId, String ownerId) {
    List<String> tablesOfApp =
        jdbc.sql("delete from data_model where app_id = ? returning table_name")
            .param(appId)
            .query(String.class)
            .list();
    tablesOfApp.forEach(tables::drop);
    return tablesOfApp.size();
  }

  private Optional<ModelDefinition> find(String appId, String ownerId, String name, boolean lock) {
    return find(appId, ownerId, name, lock, "for key share");
  }

  private Optional<ModelDefinition> find(
      String appId, String ownerId, String name, boolean lock, String lockClause) {
    if (!ModelNames.isModelName(name)) {
      return Optional.empty();
    }
    return jdbc.sql(
            "select * from data_model where app_id = ? and name = ? " + (lock ? lockClause : ""))
        .params(appId, name)
        .query((rs, n) -> map(rs, ownerId))
        .optional();
  }

  private void recordVersion(UUID id, int version, List<Field> fields, Instant at, String by) {
    jdbc.sql(
            """
            insert into data_model_version (model_id, version, fields, changed_at, changed_by)
            values (?, ?, ?::jsonb, ?, ?)
            """)
        .params(id, version, json.writeValueAsString(fields), Timestamp.from(at), by)
        .update();
  }

  private ModelDefinition map(ResultSet rs, String ownerId) throws SQLException {
    return new ModelDefinition(
        rs.getObject("id", UUID.class),
        rs.getString("app_id"),
        ownerId,
        rs.getString("name"),
        rs.getInt("version"),
        List.copyOf(json.readValue(rs.getString("fields"), FIELD_LIST)),
        rs.getString("table_name"),
        rs.getTimestamp("created_at").toInstant(),
        rs.getTimestamp("updated_at").toInstant());
  }

  static ProblemException invalid(List<FieldError> errors) {
    return new ProblemException(
        HttpStatus.BAD_REQUEST,
        "validation",
        "Invalid request",
        "The request has " + errors.size() + " invalid field(s).",
        Map.of("errors", errors));
  }

  private static ProblemException preconditionFailed(int current) {
    return new ProblemException(
        HttpStatus.PRECONDITION_FAILED,
        "precondition-failed",
        "Precondition failed",
        "The model changed since you read it (it is now version " + current + ").");
  }

  private static ProblemException notFound() {
    return new ProblemException(
        HttpStatus.NOT_FOUND,
        "model-not-found",
        "Model not found",
        "This app has no model of that name.");
  }
}
