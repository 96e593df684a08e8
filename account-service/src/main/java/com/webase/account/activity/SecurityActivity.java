package com.webase.account.activity;

import io.swagger.v3.oas.annotations.media.Schema;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The security events a person sees in settings: profile, email and password changes made here and
 * token regenerations learned from token-service's events. Written in the transaction of the change
 * it records.
 */
@Service
public class SecurityActivity {

  private final JdbcClient jdbc;

  SecurityActivity(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Records one entry.
   *
   * @param kind a stable slug, e.g. {@code password-changed}
   * @param detail what a person needs to recognise it (an address, never a secret); may be null
   */
  public void record(String accountId, String kind, String detail, Instant at) {
    jdbc.sql(
            """
            insert into security_activity (id, account_id, kind, detail, occurred_at)
            values (?, ?, ?, ?, ?)
            """)
        .params(UUID.randomUUID(), accountId, kind, detail, Timestamp.from(at))
        .update();
  }

  /** Records an entry reported by another service's event, once per event. */
  void recordOnce(UUID eventId, String accountId, String kind, String detail, Instant at) {
    jdbc.sql(
            """
            insert into security_activity (id, account_id, kind, detail, occurred_at, event_id)
            values (?, ?, ?, ?, ?, ?) on conflict (event_id) do nothing
            """)
        .params(UUID.randomUUID(), accountId, kind, detail, Timestamp.from(at), eventId)
        .update();
  }

  /** Entries older than the position {@code (before, beforeId)}, newest first. */
  List<Entry> page(String accountId, Instant before, UUID beforeId, int limit) {
    return jdbc.sql(
            """
            select id, kind, detail, occurred_at from security_activity
            where account_id = ? and (occurred_at, id) < (?, ?)
            order by occurred_at desc, id desc limit ?
            """)
        .params(accountId, Timestamp.from(before), beforeId, limit)
        .query(Entry.class)
        .list();
  }

  /** Forgets everything of a deleted account. */
  public void deleteAll(String accountId) {
    jdbc.sql("delete from security_activity where account_id = ?").param(accountId).update();
  }

  public record Entry(
      @Schema(description = "The entry's id.") UUID id,
      @Schema(
              description =
                  "What happened, e.g. password-changed, email-changed, token-regenerated.")
          String kind,
      @Schema(description = "More about it, when there is more; absent otherwise.") String detail,
      @Schema(description = "When it happened.") Instant occurredAt) {}
}
