package com.webase.apps.files;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a revision holds: each path and the blob it points to. A revision, an evaluation and a
 * deployment are this manifest of one revision, never a copy of the files. Immutable.
 */
public record Manifest(SortedMap<String, FileEntry> files) {

  public static final Manifest EMPTY = new Manifest(new TreeMap<>());

  public Manifest {
    files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
  }

  public Optional<FileEntry> entry(String path) {
    return Optional.ofNullable(files.get(path));
  }

  public long totalSize() {
    return files.values().stream().mapToLong(FileEntry::size).sum();
  }

  /** A copy of the entries to change. */
  TreeMap<String, FileEntry> mutableCopy() {
    return new TreeMap<>(files);
  }

  static Manifest of(Map<String, FileEntry> files) {
    return new Manifest(new TreeMap<>(files));
  }

  /**
   * One file of a revision.
   *
   * @param sha256 the hex SHA-256 of its content: the blob's address, and its ETag
   * @param size in bytes
   * @param type its content type (from the extension)
   */
  public record FileEntry(String sha256, long size, String type) {

    /** The entity tag of the content (strong: equal tags, equal bytes). */
    public String etag() {
      return "\"" + sha256 + "\"";
    }
  }
}
