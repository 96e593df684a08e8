package com.webase.apps.chat.refining;

import java.util.List;
import java.util.Optional;

/**
 * What a unified diff does to one file.
 *
 * @param operation what happens to the file
 * @param oldPath the file the diff starts from (null when it creates one)
 * @param newPath the file the diff ends with (null when it deletes one)
 * @param hunks the changes to the content, in order (may be empty for an empty new file, a deletion
 *     without content or a pure rename)
 * @param binary the diff says the file is binary ({@code Binary files … differ}, {@code GIT binary
 *     patch}) and holds no text hunks for it
 */
record FilePatch(
    Operation operation, String oldPath, String newPath, List<Hunk> hunks, boolean binary) {

  FilePatch {
    hunks = List.copyOf(hunks);
  }

  enum Operation {
    CREATE,
    DELETE,
    MODIFY,
    RENAME,
    COPY,
    /** A mode change without content: nothing to do, since apps' files have no modes. */
    NONE
  }

  /**
   * Applies this file's change to the files as the message has left them so far.
   *
   * @throws CannotApply when the file to change or delete does not exist, the file to create does,
   *     the file is not text, or a hunk does not apply
   */
  void applyTo(PendingChange files) {
    switch (operation) {
      case NONE -> {}
      case CREATE -> {
        if (files.exists(newPath)) {
          throw new CannotApply(newPath + " already exists, so the diff cannot create it");
        }
        files.write(newPath, patched(TextLines.empty(), newPath));
      }
      case DELETE -> {
        byte[] content = existing(files, oldPath, "delete");
        if (!hunks.isEmpty()) {
          TextLines lines = TextLines.of(text(content, oldPath));
          lines.apply(hunks, oldPath);
          if (lines.size() > 0) {
            throw new CannotApply(
                "the diff deletes %s, but %s has %d more lines than the diff removes"
                    .formatted(oldPath, oldPath, lines.size()));
          }
        }
        files.delete(oldPath);
      }
      case MODIFY -> {
        String path = modifiedPath(files);
        byte[] content = existing(files, path, "modify");
        if (binary) {
          throw binaryPatch(path);
        }
        files.write(path, patched(TextLines.of(text(content, path)), path));
      }
      case RENAME, COPY -> {
        byte[] content =
            existing(files, oldPath, operation == Operation.RENAME ? "rename" : "copy");
        if (!newPath.equals(oldPath) && files.exists(newPath)) {
          throw new CannotApply(
              "%s already exists, so the diff cannot %s %s to it"
                  .formatted(newPath, operation == Operation.RENAME ? "rename" : "copy", oldPath));
        }
        if (binary) {
          throw binaryPatch(oldPath);
        }
        byte[] result =
            hunks.isEmpty() ? content : patched(TextLines.of(text(content, oldPath)), oldPath);
        if (operation == Operation.RENAME) {
          files.delete(oldPath);
        }
        files.write(newPath, result);
      }
    }
  }

  /**
   * The file a modification is about when its two names differ ({@code --- index.html.orig}, {@code
   * +++ index.html}): the new name if that file exists, like {@code patch} picks an existing file.
   */
  private String modifiedPath(PendingChange files) {
    return oldPath.equals(newPath) || !files.exists(newPath) ? oldPath : newPath;
  }

  private byte[] patched(TextLines lines, String path) {
    lines.apply(hunks, path);
    return TextContent.encode(lines.text());
  }

  private static byte[] existing(PendingChange files, String path, String verb) {
    Optional<byte[]> content = files.content(path);
    if (content.isEmpty()) {
      throw new CannotApply("%s does not exist, so the diff cannot %s it".formatted(path, verb));
    }
    return content.get();
  }

  private static String text(byte[] content, String path) {
    return TextContent.decode(content)
        .orElseThrow(
            () ->
                new CannotApply(
                    path + " is not a text file (not valid UTF-8), so a diff cannot change it"));
  }

  private static CannotApply binaryPatch(String path) {
    return new CannotApply(
        "the diff for %s is a binary patch, which cannot be applied from a chat message"
            .formatted(path));
  }
}
