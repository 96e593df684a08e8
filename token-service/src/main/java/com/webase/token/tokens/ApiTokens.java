package com.webase.token.tokens;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code api_token} table. */
@Repository
public class ApiTokens {

  private final JdbcClient jdbc;

  ApiTokens(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void insert(ApiToken token) {
    jdbc.sql(
            """
            insert into api_token (id, user_id, kind, name, token_hash, key_id, token_sealed,
                                   last_four, scopes, created_at, expires_at)
            values (:id, :userId, :kind, :name, :hash, :keyId, :sealed, :lastFour,
                    string_to_array(:scopes, ' '), :createdAt, :expiresAt)
            """)
        .param("id", token.id())
        .param("userId", token.userId())
        .param("kind", token.kind().name().toLowerCase())
        .param("name", token.name())
        .param("hash", token.hash())
        .param("keyId", token.keyId())
        .param("sealed", token.sealed())
        .param("lastFour", token.lastFour())
        .param("scopes", String.join(" ", token.scopes()))
        .param("createdAt", Timestamp.from(token.createdAt()))
        .param("expiresAt", token.expiresAt() == null ? null : Timestamp.from(token.expiresAt()))
        .update();
  }

  /** The user's current default token, locked for the rest of the transaction when asked. */
  public Optional<ApiToken> currentDefault(String userId, boolean forUpdate) {
    return jdbc.sql(
            "select * from api_token where user_id = ? and kind = 'default' and replaced_at is null"
                + (forUpdate ? " for update" : ""))
        .param(userId)
        .query(ApiTokens::map)
        .optional();
  }

  public Optional<ApiToken> findByHash(byte[] hash) {
    return jdbc.sql("select * from api_token where token_hash = ?")
        .param(hash)
        .query(ApiTokens::map)
        .optional();
  }

  /** Records when tokens were last used; only ever moves the time forward. */
  public void markUsed(UUID id, Instant at) {
    jdbc.sql(
            "update api_token set last_used_at = ? where id = ? and (last_used_at is null or last_used_at < ?)")
        .params(Timestamp.from(at), id, Timestamp.from(at))
        .update();
  }

  public Optional<ApiToken> find(UUID id) {
    return jdbc.sql("select * from api_token where id = ?")
        .param(id)
        .query(ApiTokens::map)
        .optional();
  }

  /** A page of the user's tokens, newest first, after the given position. */
  public List<ApiToken> page(String userId, Instant beforeCreatedAt, UUID beforeId, int limit) {
    return jdbc.sql(
            """
            select * from api_token
            where user_id = :userId and replaced_at is null
              and (created_at, id) < (:beforeCreatedAt, :beforeId)
            order by created_at desc, id desc
            limit :limit
            """)
        .param("userId", userId)
        .param("beforeCreatedAt", Timestamp.from(beforeCreatedAt))
        .param("beforeId", beforeId)
        .param("limit", limit)
        .query(ApiTokens::map)
        .list();
  }

  public int countActiveNamed(String userId, Instant now) {
    return jdbc.sql(
            """
            select count(*) from api_token
            where user_id = ? and kind = 'named'
              and (revoked_at is null or revoked_at > ?) and (expires_at is null or expires_at > ?)
            """)
        .params(userId, Timestamp.from(now), Timestamp.from(now))
        .query(Integer.class)
        .single();
  }

  /** Marks a default token as replaced now, working until {@code revokedAt}. */
  public void replace(UUID id, Instant now, Instant revokedAt) {
    jdbc.sql("update api_token set replaced_at = ?, revoked_at = ? where id = ?")
        .params(Timestamp.from(now), Timestamp.from(revokedAt), id)
        .update();
  }

  /** Revokes a token from {@code at} on, unless it was revoked earlier. */
  public boolean revoke(UUID id, Instant at) {
    return jdbc.sql(
                "update api_token set revoked_at = ? where id = ? and (revoked_at is null or revoked_at > ?)")
            .params(Timestamp.from(at), id, Timestamp.from(at))
            .update()
        == 1;
  }

  /** The ids of the user's tokens that still work or will work at {@code now}. */
  public List<UUID> activeIdsOf(String userId, Instant now) {
    return jdbc.sql(
            "select id from api_token where user_id = ? and (revoked_at is null or revoked_at > ?)")
        .params(userId, Timestamp.from(now))
        .query(UUID.class)
        .list();
  }

  /** A row to move to another key: what opening and sealing it again needs. */
  public record SealedRow(UUID id, byte[] hash, String keyId, byte[] sealed) {}

  /**
   * Up to {@code limit} rows sealed with one of {@code keyIds}, after {@code afterId} in id order,
   * locked for the rest of the transaction; rows another transaction holds are skipped, so several
   * instances can move rows at once without waiting for each other.
   */
  public List<SealedRow> lockSealedWith(List<String> keyIds, UUID afterId, int limit) {
    return jdbc.sql(
            """
            select id, token_hash, key_id, token_sealed from api_token
            where key_id = any(string_to_array(:keyIds, ' ')) and id > :afterId
            order by id
            limit :limit
            for update skip locked
            """)
        .param("keyIds", String.join(" ", keyIds))
        .param("afterId", afterId)
        .param("limit", limit)
        .query(
            (rs, n) ->
                new SealedRow(
                    rs.getObject("id", UUID.class),
                    rs.getBytes("token_hash"),
                    rs.getString("key_id"),
                    rs.getBytes("token_sealed")))
        .list();
  }

  /** Stores a row's ciphertext sealed again with {@code keyId}, unless it moved meanwhile. */
  public boolean reseal(UUID id, String fromKeyId, String keyId, byte[] sealed) {
    return jdbc.sql("update api_token set key_id = ?, token_sealed = ? where id = ? and key_id = ?")
            .params(keyId, sealed, id, fromKeyId)
            .update()
        == 1;
  }

  /** How many rows each key sealed. */
  public java.util.Map<String, Long> countBySealingKey() {
    java.util.Map<String, Long> counts = new java.util.TreeMap<>();
    jdbc.sql("select key_id, count(*) from api_token group by key_id")
        .query((rs, n) -> counts.put(rs.getString(1), rs.getLong(2)))
        .list();
    return counts;
  }

  private static ApiToken map(ResultSet rs, int row) throws SQLException {
    Array scopes = rs.getArray("scopes");
    ApiToken.Kind kind = ApiToken.Kind.valueOf(rs.getString("kind").toUpperCase());
    return new ApiToken(
        rs.getObject("id", UUID.class),
        rs.getString("user_id"),
        kind,
        rs.getString("name"),
        rs.getBytes("token_hash"),
        rs.getString("key_id"),
        rs.getBytes("token_sealed"),
        rs.getString("last_four"),
        // the default token may do everything, whatever scopes existed when it was made
        kind == ApiToken.Kind.DEFAULT ? Scopes.ALL : Arrays.asList((String[]) scopes.getArray()),
        instant(rs, "created_at"),
        instant(rs, "expires_at"),
        instant(rs, "replaced_at"),
        instant(rs, "revoked_at"),
        instant(rs, "last_used_at"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp value = rs.getTimestamp(column);
    return value == null ? null : value.toInstant();
  }
}
