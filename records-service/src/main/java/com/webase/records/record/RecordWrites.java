package com.webase.records.record;

import com.webase.events.records.RecordCreated;
import com.webase.events.records.RecordDeleted;
import com.webase.events.records.RecordUpdated;
import com.webase.events.records.RecordsCreated;
import com.webase.platform.problem.ProblemException;
import com.webase.platform.problem.ProblemResponses.FieldError;
import com.webase.records.models.Field;
import com.webase.records.models.ModelDefinition;
import com.webase.records.models.Models;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.postgresql.util.PSQLException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/**
 * Creating, replacing, patching and deleting records, each validated against its model and
 * announced through the outbox in the same transaction ({@code RecordCreated}, {@code
 * RecordUpdated}, {@code RecordDeleted}, keyed by app, so one app's events stay in order).
 *
 * <p>{@code unique} holds under concurrency because the table's unique index decides: the loser of
 * a race gets 409 {@code unique-violation} naming the field. Thread-safe.
 */
@Service
public class RecordWrites {

  public static final int MAX_BULK = 500;

  private final Models models;
  private final RecordTable table;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  RecordWrites(Models models, RecordTable table, ApplicationEventPublisher events, Clock clock) {
    this.models = models;
    this.table = table;
    this.events = events;
    this.clock = clock;
  }

  /** A record with the model it belongs to, ready to be shown. */
  public record Written(ModelDefinition model, StoredRecord record) {}

  @Transactional
  public Written create(String appId, String ownerId, String modelName, JsonNode body) {
    ModelDefinition model = models.forRecords(appId, ownerId, modelName, true);
    RecordValidation.Outcome outcome =
        RecordValidation.check(model, body, RecordValidation.Mode.CREATE, "");
    if (!outcome.valid()) {
      throw invalid(outcome.errors(), null);
    }
    Instant now = now();
    UUID id = RecordIds.next();
    insert(model, List.of(new RecordTable.NewRow(id, outcome.values())), now);
    events.publishEvent(
        new RecordCreated(UUID.randomUUID(), now, appId, ownerId, modelName, id.toString()));
    return new Written(model, stored(id, 1, now, now, outcome.values()));
  }

  /**
   * Creates up to {@link #MAX_BULK} records, all or none. Every invalid item is named by its index
   * ({@code records[17].price}); a value of a unique field that repeats within the request or is
   * already stored is a 409 naming the item.
   */
  @Transactional
  public List<Written> createAll(String appId, String ownerId, String modelName, JsonNode body) {
    JsonNode items = bulkItems(body);
    ModelDefinition model = models.forRecords(appId, ownerId, modelName, true);
    List<FieldError> errors = new ArrayList<>();
    List<Map<Field, Object>> rows = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      RecordValidation.Outcome outcome =
          RecordValidation.check(
              model, items.get(i), RecordValidation.Mode.CREATE, "records[" + i + "].");
      errors.addAll(outcome.errors());
      rows.add(outcome.values());
    }
    if (!errors.isEmpty()) {
      throw invalid(errors, "Nothing was written.");
    }
    List<FieldError> clashes = uniqueClashes(model, rows);
    if (!clashes.isEmpty()) {
      throw uniqueViolation(clashes);
    }
    Instant now = now();
    List<RecordTable.NewRow> newRows = new ArrayList<>(rows.size());
    rows.forEach(values -> newRows.add(new RecordTable.NewRow(RecordIds.next(), values)));
    insert(model, newRows, now);
    List<Written> written = new ArrayList<>(newRows.size());
    for (RecordTable.NewRow row : newRows) {
      written.add(new Written(model, stored(row.id(), 1, now, now, row.values())));
    }
    // one event for the whole request: a bulk of 500 is one outbox row, not 500
    events.publishEvent(
        new RecordsCreated(
            UUID.randomUUID(),
            now,
            appId,
            ownerId,
            modelName,
            newRows.stream().map(row -> row.id().toString()).toList()));
    return written;
  }

  @Transactional(readOnly = true)
  public Written get(String appId, String ownerId, String modelName, String id) {
    ModelDefinition model = models.forRecords(appId, ownerId, modelName, false);
    UUID recordId = RecordIds.parse(id).orElseThrow(RecordWrites::notFound);
    return new Written(model, table.find(model, recordId).orElseThrow(RecordWrites::notFound));
  }

  /** PUT: the body is the whole record; absent fields take their default or no value. */
  @Transactional
  public Written replace(
      String appId,
      String ownerId,
      String modelName,
      String id,
      JsonNode body,
      Long expectedVersion) {
    return change(
        appId, ownerId, modelName, id, body, expectedVersion, RecordValidation.Mode.REPLACE);
  }

  /** PATCH: a JSON merge patch; only the fields given change. */
  @Transactional
  public Written patch(
      String appId,
      String ownerId,
      String modelName,
      String id,
      JsonNode body,
      Long expectedVersion) {
    return change(
        appId, ownerId, modelName, id, body, expectedVersion, RecordValidation.Mode.PATCH);
  }

  @Transactional
  public void delete(
      String appId, String ownerId, String modelName, String id, Long expectedVersion) {
    ModelDefinition model = models.forRecords(appId, ownerId, modelName, true);
    UUID recordId = RecordIds.parse(id).orElseThrow(RecordWrites::notFound);
    if (!table.delete(model, recordId, expectedVersion)) {
      throw staleOrMissing(model, recordId);
    }
    events.publishEvent(new RecordDeleted(UUID.randomUUID(), now(), appId, ownerId, modelName, id));
  }

  private Written change(
      String appId,
      String ownerId,
      String modelName,
      String id,
      JsonNode body,
      Long expectedVersion,
      RecordValidation.Mode mode) {
    ModelDefinition model = models.forRecords(appId, ownerId, modelName, true);
    UUID recordId = RecordIds.parse(id).orElseThrow(RecordWrites::notFound);
    RecordValidation.Outcome outcome = RecordValidation.check(model, body, mode, "");
    if (!outcome.valid()) {
      throw invalid(outcome.errors(), null);
    }
    Instant now = now();
    Optional<StoredRecord> updated;
    try {
      updated = table.update(model, recordId, outcome.values(), expectedVersion, now);
    } catch (DuplicateKeyException e) {
      throw uniqueViolation(List.of(clashOf(model, e)));
    }
    StoredRecord record = updated.orElseThrow(() -> staleOrMissing(model, recordId));
    events.publishEvent(new RecordUpdated(UUID.randomUUID(), now, appId, ownerId, modelName, id));
    return new Written(model, record);
  }

  private void insert(ModelDefinition model, List<RecordTable.NewRow> rows, Instant now) {
    try {
      table.insert(model, rows, now);
    } catch (DuplicateKeyException e) {
      throw uniqueViolation(List.of(clashOf(model, e)));
    }
  }

  /** A bulk body: {@code {"records": [ ... ]}} with 1 to 500 items. */
  private static JsonNode bulkItems(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw invalid(List.of(new FieldError("(body)", "must be {\"records\": [...]}")), null);
    }
    List<FieldError> errors = new ArrayList<>();
    for (String name : body.propertyNames()) {
      if (!name.equals("records")) {
        errors.add(new FieldError(name, "is not a known field"));
      }
    }
    JsonNode items = body.get("records");
    if (items == null || !items.isArray()) {
      errors.add(new FieldError("records", "must be an array of records"));
    } else if (items.isEmpty() || items.size() > MAX_BULK) {
      errors.add(new FieldError("records", "must hold 1 to " + MAX_BULK + " records"));
    }
    if (!errors.isEmpty()) {
      throw invalid(errors, null);
    }
    return items;
  }

  /** Values of unique fields that repeat within the batch or are already stored. */
  private List<FieldError> uniqueClashes(ModelDefinition model, List<Map<Field, Object>> rows) {
    List<FieldError> clashes = new ArrayList<>();
    for (Field field : model.fields()) {
      if (!field.unique()) {
        continue;
      }
      Map<Object, Integer> firstIndex = new HashMap<>();
      Map<Object, Integer> toCheck = new LinkedHashMap<>();
      for (int i = 0; i < rows.size(); i++) {
        Object value = rows.get(i).get(field);
        if (value == null) {
          continue;
        }
        Integer first = firstIndex.putIfAbsent(value, i);
        if (first != null) {
          clashes.add(
              new FieldError(
                  "records[" + i + "]." + field.name(),
                  "repeats the value of records[" + first + "]." + field.name()));
        } else {
          toCheck.put(value, i);
        }
      }
      for (Object taken : table.existing(model, field, new ArrayList<>(toCheck.keySet()))) {
        Integer index = toCheck.get(taken);
        clashes.add(
            new FieldError(
                (index == null ? "records" : "records[" + index + "]") + "." + field.name(),
                "is already used by another record"));
      }
    }
    return clashes;
  }

  private ProblemException staleOrMissing(ModelDefinition model, UUID id) {
    Optional<StoredRecord> current = table.find(model, id);
    if (current.isEmpty()) {
      return notFound();
    }
    return new ProblemException(
            HttpStatus.PRECONDITION_FAILED,
            "precondition-failed",
            "Precondition failed",
            "The record changed since you read it (its ETag is now \""
                + current.get().version()
                + "\").")
        .withHeader("ETag", "\"" + current.get().version() + "\"");
  }

  /** The field whose unique index refused the write, from PostgreSQL's constraint name. */
  private static FieldError clashOf(ModelDefinition model, DuplicateKeyException e) {
    String constraint = null;
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
        constraint = psql.getServerErrorMessage().getConstraint();
        break;
      }
    }
    String prefix = model.tableName() + "_";
    if (constraint != null && constraint.startsWith(prefix) && constraint.endsWith("_u")) {
      String column = constraint.substring(prefix.length(), constraint.length() - 2);
      Optional<Field> field = model.fieldOfColumn(column);
      if (field.isPresent()) {
        return new FieldError(field.get().name(), "is already used by another record");
      }
    }
    return new FieldError("id", "is already used by another record");
  }

  private static ProblemException uniqueViolation(List<FieldError> clashes) {
    return new ProblemException(
        HttpStatus.CONFLICT,
        "unique-violation",
        "Value already used",
        "A value of a unique field is already used by another record; nothing was written.",
        Map.of("errors", clashes));
  }

  private static ProblemException invalid(List<FieldError> errors, String more) {
    return new ProblemException(
        HttpStatus.BAD_REQUEST,
        "validation",
        "Invalid request",
        "The request has "
            + errors.size()
            + " invalid field(s)."
            + (more == null ? "" : " " + more),
        Map.of("errors", errors));
  }

  private static ProblemException notFound() {
    return new ProblemException(
        HttpStatus.NOT_FOUND,
        "record-not-found",
        "Record not found",
        "This model has no record with that id.");
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  private static StoredRecord stored(
      UUID id, long version, Instant created, Instant updated, Map<Field, Object> values) {
    Map<String, Object> byName = new HashMap<>();
    values.forEach(
        (field, value) -> {
          if (value != null) {
            byName.put(field.name(), value);
          }
        });
    return new StoredRecord(id, version, created, updated, byName);
  }
}
