package com.webase.apps.files;

import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code blob} table: file contents by app and SHA-256, each stored once however many revisions
 * point to it. Blobs are per app: no app can learn, by timing or by reference, what another app
 * holds.
 */
@Repository
class BlobStore {

  private static final HexFormat HEX = HexFormat.of();

  private final JdbcClient jdbc;

  BlobStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Stores a content unless the app has it already. */
  void put(UUID appId, String sha256, byte[] content) {
    jdbc.sql(
            """
            insert into blob (app_id, sha256, size, content) values (?, ?, ?, ?)
            on conflict do nothing
            """)
        .params(appId, HEX.parseHex(sha256), content.length, content)
        .update();
  }

  Optional<byte[]> get(UUID appId, String sha256) {
    return jdbc.sql("select content from blob where app_id = ? and sha256 = ?")
        .params(appId, HEX.parseHex(sha256))
        .query(byte[].class)
        .optional();
  }

  /** The contents of these blobs, by hex SHA-256. */
  Map<String, byte[]> getAll(UUID appId, Collection<String> sha256s) {
    Map<String, byte[]> contents = new LinkedHashMap<>();
    if (sha256s.isEmpty()) {
      return contents;
    }
    List<byte[]> keys = sha256s.stream().distinct().map(HEX::parseHex).toList();
    jdbc.sql("select sha256, content from blob where app_id = :app and sha256 in (:keys)")
        .param("app", appId)
        .param("keys", keys)
        .query(
            (rs, row) -> contents.put(HEX.formatHex(rs.getBytes("sha256")), rs.getBytes("content")))
        .list();
    return contents;
  }
}
