package com.webase.apps.chat.refining;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a chat-completions response: {@code choices[0].message.content} must hold the JSON object
 * {@code {"reply": "…", "files": {"path": "content" | null}}} — alone, in a {@code ```json} fence,
 * or after a reasoning model's {@code <think>} section or a sentence of prose.
 *
 * <p>Stateless and thread-safe.
 */
final class AiAnswer {

  private static final Pattern THINKING = Pattern.compile("(?s)<think>.*?</think>");
  private static final Pattern FENCED_JSON =
      Pattern.compile("(?s)```(?:json|JSON)?[ \\t]*\\r?\\n(\\s*\\{.*?)\\r?\\n[ \\t]*```");

  /** Why an answer cannot be used, said to the user in parentheses. */
  static final class Unusable extends RuntimeException {
    Unusable(String reason) {
      super(reason, null, false, false);
    }
  }

  private final JsonMapper json;

  AiAnswer(JsonMapper json) {
    this.json = json;
  }

  /**
   * The refinement the answer asks for, checked against the app's files.
   *
   * @throws Unusable when the response or its content is not what the instructions asked for
   */
  Refinement read(String responseBody, Map<String, byte[]> files) {
    JsonNode response = parse(responseBody, "not a chat-completions response");
    JsonNode choice = response.path("choices").path(0);
    JsonNode content = choice.path("message").path("content");
    if ("length".equals(choice.path("finish_reason").asString(""))) {
      throw new Unusable("it was cut off at the model's output limit");
    }
    if (!content.isString()) {
      throw new Unusable("not a chat-completions response");
    }
    JsonNode answer = parse(jsonObjectIn(content.stringValue()), "not the expected JSON");
    JsonNode reply = answer.path("reply");
    JsonNode changedFiles = answer.path("files");
    if (!answer.isObject() || !reply.isString()) {
      throw new Unusable("not the expected JSON");
    }
    if (!changedFiles.isMissingNode() && !changedFiles.isNull() && !changedFiles.isObject()) {
      throw new Unusable("not the expected JSON");
    }
    PendingChange change = new PendingChange(files);
    if (changedFiles.isObject()) {
      for (Map.Entry<String, JsonNode> file : changedFiles.properties()) {
        String path = TextContent.normalisePath(file.getKey());
        JsonNode value = file.getValue();
        if (path.isBlank() || !(value.isString() || value.isNull())) {
          throw new Unusable("not the expected JSON");
        }
        if (value.isString()) {
          change.write(path, TextContent.encode(value.stringValue()));
        } else if (change.exists(path)) {
          change.delete(path);
        }
        // Deleting a file that does not exist is already done; not worth refusing the answer.
      }
    }
    Map<String, byte[]> changes = change.changes();
    String text = reply.stringValue().strip();
    if (changes.isEmpty()) {
      return new Refinement.NoChange(text.isEmpty() ? "Nothing needed changing." : text);
    }
    return new Refinement.Change(
        changes, text.isEmpty() ? "Changed the app: " + change.summary() + "." : text);
  }

  private JsonNode parse(String text, String reason) {
    try {
      JsonNode node = json.readTree(text);
      if (node == null || node.isMissingNode()) {
        throw new Unusable(reason);
      }
      return node;
    } catch (JacksonException notJson) {
      throw new Unusable(reason);
    }
  }

  /** The JSON object in the content, however the model wrapped it. */
  private static String jsonObjectIn(String content) {
    String text = THINKING.matcher(content).replaceAll("").strip();
    if (text.startsWith("{") && text.endsWith("}")) {
      return text;
    }
    Matcher fenced = FENCED_JSON.matcher(text);
    if (fenced.find()) {
      return fenced.group(1);
    }
    int start = text.indexOf('{');
    int end = text.lastIndexOf('}');
    if (start < 0 || end < start) {
      throw new Unusable("not the expected JSON");
    }
    return text.substring(start, end + 1);
  }
}
