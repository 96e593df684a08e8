package com.webase.notification.inapp;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The in-app notifications of each person. */
@Repository
public class Notifications {

  private final JdbcClient jdbc;

  Notifications(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Adds one, once per event and kind. */
  public void add(
      String accountId,
      UUID eventId,
      String kind,
      String title,
      String body,
      String link,
      Instant at) {
    jdbc.sql(
            """
            insert into notification (id, account_id, event_id, kind, title, body, link, created_at)
            values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (event_id, kind) do nothing
            """)
        .params(UUID.randomUUID(), accountId, eventId, kind, title, body, link, Timestamp.from(at))
        .update();
  }

  /** Forgets everything of a deleted account. */
  public void deleteAll(String accountId) {
    jdbc.sql("delete from notification where account_id = ?").param(accountId).update();
  }

  record Item(
      UUID id,
      String kind,
      String title,
      String body,
      String link,
      Instant createdAt,
      Instant readAt) {}

  List<Item> page(String accountId, Instant before, UUID beforeId, int limit) {
    return jdbc.sql(
            """
            select id, kind, title, body, link, created_at, read_at from notification
            where account_id = ? and (created_at, id) < (?, ?)
            order by created_at desc, id desc limit ?
            """)
        .params(accountId, Timestamp.from(before), beforeId, limit)
        .query(Item.class)
        .list();
  }

  int unread(String accountId) {
    return jdbc.sql("select count(*) from notification where account_id = ? and read_at is null")
        .param(accountId)
        .query(Integer.class)
        .single();
  }

  /**
   * Marks one of the account's notifications read (again: no change).
   *
   * @return false when the account has no notification with this id
   */
  boolean markRead(String accountId, UUID id, Instant at) {
    return jdbc.sql(
                """
                update notification set read_at = coalesce(read_at, ?)
                where id = ? and account_id = ?
                """)
            .params(Timestamp.from(at), id, accountId)
            .update()
        == 1;
  }
}
