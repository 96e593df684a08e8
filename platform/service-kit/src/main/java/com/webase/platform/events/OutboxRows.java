package com.webase.platform.events;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code outbox_event} table. {@link #insert} joins the caller's transaction; everything else
 * commits on its own.
 *
 * <p>Thread-safe.
 */
final class OutboxRows {

  private static final TypeReference<LinkedHashMap<String, String>> HEADERS =
      new TypeReference<>() {};

  private final JdbcTemplate jdbc;
  private final JsonMapper json;

  OutboxRows(JdbcTemplate jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /**
   * Writes the events of a transaction, in one batch, inside it. Each is claimed by this instance
   * until {@code claimedUntil}: its own send after commit normally deletes it long before.
   */
  void insert(List<OutgoingEvent> events, Instant now, Instant claimedUntil) {
    jdbc.batchUpdate(
        """
        insert into outbox_event (id, topic, event_key, headers, payload, created_at, claimed_until)
        values (?, ?, ?, ?, ?, ?, ?)
        """,
        events,
        500,
        (statement, event) -> {
          statement.setObject(1, event.id());
          statement.setString(2, event.topic());
          statement.setString(3, event.key());
          statement.setString(4, json.writeValueAsString(event.headers()));
          statement.setBytes(5, event.payload());
          statement.setTimestamp(6, Timestamp.from(now));
          statement.setTimestamp(7, Timestamp.from(claimedUntil));
        });
  }

  /** The broker has these: they are done. */
  void delete(Collection<UUID> ids) {
    withIds("delete from outbox_event where id = any(?)", ids);
  }

  /** Their send failed: due again at once, for the next sweep. */
  void release(Collection<UUID> ids) {
    withIds("update outbox_event set claimed_until = now() where id = any(?)", ids);
  }

  /** Kafka refused these for good: they stay, for an operator, but are never sent again. */
  void park(Collection<UUID> ids, String reason) {
    if (ids.isEmpty()) {
      return;
    }
    jdbc.update(
        connection -> {
          PreparedStatement statement =
              connection.prepareStatement(
                  "update outbox_event set parked_at = now(), parked_reason = ? where id = any(?)");
          statement.setString(1, reason);
          statement.setArray(2, connection.createArrayOf("uuid", ids.toArray()));
          return statement;
        });
  }

  /**
   * Claims up to {@code limit} rows that are due — never acknowledged, and no longer claimed by
   * anyone — until {@code leaseEnd}, oldest first. Rows another instance is claiming right now are
   * skipped, not waited for.
   */
  List<OutgoingEvent> claimDue(int limit, Instant now, Instant leaseEnd) {
    List<Due> due =
        jdbc.query(
            """
            update outbox_event set claimed_until = ?, attempts = attempts + 1
            where id in (select id from outbox_event where claimed_until <= ? and parked_at is null
                         order by created_at limit ? for update skip locked)
            returning id, topic, event_key, headers, payload, created_at
            """,
            (ResultSet rs, int row) ->
                new Due(
                    new OutgoingEvent(
                        rs.getObject("id", UUID.class),
                        rs.getString("topic"),
                        rs.getString("event_key"),
                        json.readValue(rs.getString("headers"), HEADERS),
                        rs.getBytes("payload"),
                        null),
                    rs.getTimestamp("created_at").toInstant()),
            Timestamp.from(leaseEnd),
            Timestamp.from(now),
            limit);
    return due.stream().sorted(Comparator.comparing(Due::createdAt)).map(Due::event).toList();
  }

  /** How many rows wait, since when the oldest (null when none), and how many are parked. */
  Backlog backlog() {
    return jdbc.queryForObject(
        "select count(*) filter (where parked_at is null),"
            + " min(created_at) filter (where parked_at is null),"
            + " count(*) filter (where parked_at is not null) from outbox_event",
        (rs, row) ->
            new Backlog(
                rs.getLong(1),
                rs.getTimestamp(2) == null ? null : rs.getTimestamp(2).toInstant(),
                rs.getLong(3)));
  }

  record Backlog(long rows, Instant oldest, long parked) {
    Duration ageAt(Instant now) {
      return oldest == null ? Duration.ZERO : Duration.between(oldest, now);
    }
  }

  private record Due(OutgoingEvent event, Instant createdAt) {}

  private void withIds(String sql, Collection<UUID> ids) {
    if (ids.isEmpty()) {
      return;
    }
    jdbc.update(
        connection -> {
          PreparedStatement statement = connection.prepareStatement(sql);
          Array array = connection.createArrayOf("uuid", ids.toArray());
          statement.setArray(1, array);
          return statement;
        });
  }
}
