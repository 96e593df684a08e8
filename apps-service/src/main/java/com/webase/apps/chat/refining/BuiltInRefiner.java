package com.webase.apps.chat.refining;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The default refiner: applies an explicit change carried in the message, without any network.
 *
 * <p>The message may hold, in fenced code blocks:
 *
 * <ul>
 *   <li>a unified diff ({@code ```diff} or {@code ```patch}, or a bare {@code ```} block starting
 *       with {@code --- } or {@code diff --git}): one or more files, several hunks each, creation
 *       from and deletion to {@code /dev/null}, git renames; see {@link UnifiedDiff} and {@link
 *       TextLines} for how hunks are placed;
 *   <li>a JSON object of path → full new content, or null to delete ({@code ```json}).
 * </ul>
 *
 * Several blocks combine into one change, each applied to what the ones before it left. Other
 * blocks (```js, ```html) are ignored. Either the whole message applies or nothing does: any
 * problem is a {@link Refinement.NoChange} whose reply names the block, file, hunk and line.
 *
 * <p>Limits: a message of at most {@value #MAX_MESSAGE_BYTES} bytes and at most {@value
 * #MAX_HUNK_LINES} hunk lines in all its diffs. Paths are normalised (no leading {@code /} or
 * {@code ./}) and otherwise left for the caller to validate, as are sizes.
 *
 * <p>Stateless and thread-safe.
 */
public final class BuiltInRefiner implements Refiner {

  /** 1 MB: far more than any hand-written change, small enough to parse in milliseconds. */
  public static final int MAX_MESSAGE_BYTES = 1_000_000;

  public static final int MAX_HUNK_LINES = 10_000;

  static final String HOW_TO =
      "Nothing was changed: I apply only changes written out in the message. Put a unified diff"
          + " in a ```diff block (`--- a/index.html`, `+++ b/index.html`, then `@@` hunks), or a"
          + " JSON object of path → full new content (null deletes the file) in a ```json block.";

  private static final Logger log = LoggerFactory.getLogger(BuiltInRefiner.class);

  private final JsonMapper json =
      JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  @Override
  public Refinement refine(RefinementRequest request) {
    try {
      return applyBlocks(request);
    } catch (CannotApply refused) {
      return new Refinement.NoChange("Nothing was changed: " + refused.reason() + ".");
    } catch (RuntimeException bug) {
      // The contract is a reply, never an exception; this is a fault in this class, so log it.
      log.error("Built-in refiner failed on a message for app {}", request.appId(), bug);
      return new Refinement.NoChange(
          "Nothing was changed: the change could not be applied because of an internal error.");
    }
  }

  private Refinement applyBlocks(RefinementRequest request) {
    String message = request.message();
    if (message.length() > MAX_MESSAGE_BYTES
        || message.getBytes(StandardCharsets.UTF_8).length > MAX_MESSAGE_BYTES) {
      throw new CannotApply(
          "the message is larger than %s, more than is applied from a chat message"
              .formatted(TextContent.size(MAX_MESSAGE_BYTES)));
    }
    List<Block> blocks = recognised(FencedBlock.in(message));
    if (blocks.isEmpty()) {
      return new Refinement.NoChange(HOW_TO);
    }
    PendingChange files = new PendingChange(request.files());
    int hunkLineBudget = MAX_HUNK_LINES;
    for (int i = 0; i < blocks.size(); i++) {
      Block block = blocks.get(i);
      try {
        switch (block.format()) {
          case DIFF -> {
            List<FilePatch> patches = UnifiedDiff.parse(block.content(), hunkLineBudget);
            hunkLineBudget -= UnifiedDiff.hunkLines(patches);
            patches.forEach(patch -> patch.applyTo(files));
          }
          case JSON -> applyFileSet(block.content(), files);
        }
      } catch (CannotApply refused) {
        if (blocks.size() == 1) {
          throw refused;
        }
        throw new CannotApply(
            "in block %d of %d (%s), %s"
                .formatted(i + 1, blocks.size(), block.format().fence, refused.reason()));
      }
    }
    Map<String, byte[]> changes = files.changes();
    if (changes.isEmpty()) {
      return new Refinement.NoChange(
          "Nothing was changed: the files already have the content this message gives them.");
    }
    return new Refinement.Change(changes, "Applied the change: " + files.summary() + ".");
  }

  private static List<Block> recognised(List<FencedBlock> fenced) {
    List<Block> blocks = new ArrayList<>();
    for (FencedBlock block : fenced) {
      switch (block.language()) {
        case "diff", "patch", "udiff" -> blocks.add(new Block(Format.DIFF, block.content()));
        case "json" -> blocks.add(new Block(Format.JSON, block.content()));
        case "" -> {
          String start = block.content().stripLeading();
          if (start.startsWith("--- ") || start.startsWith("diff --git ")) {
            blocks.add(new Block(Format.DIFF, block.content()));
          }
        }
        default -> {}
      }
    }
    return blocks;
  }

  /** A ```json block: {@code {"path": "full content" | null, …}}. */
  private void applyFileSet(String content, PendingChange files) {
    JsonNode root;
    try {
      root = json.readTree(content);
    } catch (JacksonException invalid) {
      throw new CannotApply(
          "the JSON block is not valid JSON (%s at line %d, column %d)"
              .formatted(
                  firstSentence(invalid.getOriginalMessage()),
                  invalid.getLocation() == null ? 0 : invalid.getLocation().getLineNr(),
                  invalid.getLocation() == null ? 0 : invalid.getLocation().getColumnNr()));
    }
    if (root == null || root.isMissingNode()) {
      throw new CannotApply("the JSON block is empty");
    }
    if (!root.isObject()) {
      throw new CannotApply(
          "the JSON block is %s, not an object of path → content".formatted(describe(root)));
    }
    if (root.isEmpty()) {
      throw new CannotApply("the JSON block names no files");
    }
    for (Map.Entry<String, JsonNode> entry : root.properties()) {
      JsonNode value = entry.getValue();
      if (!value.isString() && !value.isNull()) {
        throw new CannotApply(
            "in the JSON block, \"%s\" is %s; each path needs its full content as a string, or null to delete it"
                .formatted(entry.getKey(), describe(value)));
      }
    }
    for (Map.Entry<String, JsonNode> entry : root.properties()) {
      String path = TextContent.normalisePath(entry.getKey());
      if (path.isBlank()) {
        throw new CannotApply(
            "the JSON block names the path \"%s\", which is not a file".formatted(entry.getKey()));
      }
      if (entry.getValue().isNull()) {
        if (!files.exists(path)) {
          throw new CannotApply(path + " does not exist, so the JSON block cannot delete it");
        }
        files.delete(path);
      } else {
        files.write(path, TextContent.encode(entry.getValue().stringValue()));
      }
    }
  }

  private static String describe(JsonNode node) {
    return switch (node.getNodeType()) {
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case STRING -> "a string";
      case NULL -> "null";
      default -> "not text";
    };
  }

  private static String firstSentence(String message) {
    if (message == null) {
      return "unreadable";
    }
    String firstLine = message.lines().findFirst().orElse(message);
    return firstLine.length() > 120 ? firstLine.substring(0, 120) + "…" : firstLine;
  }

  private enum Format {
    DIFF("```diff"),
    JSON("```json");

    final String fence;

    Format(String fence) {
      this.fence = fence;
    }
  }

  private record Block(Format format, String content) {}
}
