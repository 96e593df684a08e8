package com.webase.apps.chat;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code chat_message} table. */
@Repository
class ChatStore {

  private final JdbcClient jdbc;

  ChatStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void insert(ChatMessage message) {
    jdbc.sql(
            """
            insert into chat_message (id, app_id, role, content, revision, reply_to, created_at)
            values (?, ?, ?, ?, ?, ?, ?)
            """)
        .params(
            message.id(),
            message.appId(),
            message.role(),
            message.content(),
            message.revision(),
            message.replyTo(),
            Timestamp.from(message.createdAt()))
        .update();
  }

  Optional<ChatMessage> find(UUID appId, UUID id) {
    return jdbc.sql("select * from chat_message where app_id = ? and id = ?")
        .params(appId, id)
        .query(ChatStore::map)
        .optional();
  }

  /** A page of the app's messages, newest first, after the given position. */
  List<ChatMessage> page(UUID appId, Instant before, UUID beforeId, int limit) {
    return jdbc.sql(
            """
            select * from chat_message where app_id = ? and (created_at, id) < (?, ?)
            order by created_at desc, id desc limit ?
            """)
        .params(appId, Timestamp.from(before), beforeId, limit)
        .query(ChatStore::map)
        .list();
  }

  private static ChatMessage map(ResultSet rs, int row) throws SQLException {
    int revision = rs.getInt("revision");
    boolean noRevision = rs.wasNull();
    return new ChatMessage(
        rs.getObject("id", UUID.class),
        rs.getObject("app_id", UUID.class),
        rs.getString("role"),
        rs.getString("content"),
        noRevision ? null : revision,
        rs.getObject("reply_to", UUID.class),
        rs.getTimestamp("created_at").toInstant());
  }
}
