package com.webase.apps.chat.refining;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** What to do: change files, or nothing — with the assistant's reply either way. */
public sealed interface Refinement {

  /** The assistant's answer to show in the chat. */
  String reply();

  /**
   * Files to write and delete, as one revision.
   *
   * @param changes path → new content, or null to delete the file; applied atomically by the caller
   *     (copied, unmodifiable, in the order given)
   * @param reply what changed, in words for the user
   */
  record Change(Map<String, byte[]> changes, String reply) implements Refinement {
    public Change {
      Objects.requireNonNull(changes, "changes");
      Objects.requireNonNull(reply, "reply");
      // LinkedHashMap rather than Map.copyOf: a null value (deletion) must be allowed.
      changes = Collections.unmodifiableMap(new LinkedHashMap<>(changes));
    }
  }

  /**
   * Nothing changes.
   *
   * @param reply the answer, or the reason nothing was changed
   */
  record NoChange(String reply) implements Refinement {
    public NoChange {
      Objects.requireNonNull(reply, "reply");
    }
  }
}
