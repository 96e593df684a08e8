package com.webase.apps.chat.refining;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The chat-completions messages for one request: instructions and the app's text files (system),
 * the recent conversation, then the new message.
 *
 * <p>Within {@code maxPromptBytes}: the new message always goes; the most recent earlier messages
 * take at most a quarter of the limit; files fill what is left, in path order, each whole or not at
 * all. Files that are not text are never sent; both kinds of left-out file are named to the model,
 * so it knows what it cannot see.
 *
 * <p>Turns are merged so that roles alternate user/assistant, starting and ending with the user:
 * some models' chat templates (Mistral's, for one) refuse anything else.
 *
 * @param messages role and content, in order
 * @param notText files left out because they are not UTF-8 text
 * @param overLimit files left out because the prompt had no room for them
 */
record AiPrompt(List<Message> messages, List<String> notText, List<String> overLimit) {

  record Message(String role, String content) {}

  static final String INSTRUCTIONS =
      """
      You are the builder of a web app on Webase. The user describes in a chat what the app \
      should be or do; you change the app's files to make it so, or answer questions about it.

      The app is a set of text files (HTML, CSS, JavaScript, JSON, Markdown and the like) served \
      as a static website from its root. Paths are relative and '/'-separated, without a leading \
      '/'. The current files are below, each between <file path="..."> and </file>.

      Answer with one JSON object and nothing else:
      {"reply": "a short message to the user: what you changed, or your answer", \
      "files": {"path/of/file": "the file's complete new content", "path/to/delete": null}}

      Rules:
      - In "files", give only the files you create or change, each with its complete new \
      content: not a diff, no placeholders such as "rest unchanged". null deletes the file.
      - When the message needs no change to the files (a question, or a wish that is unclear), \
      answer with "files": {} and use "reply" to answer or to ask.
      - Do not change files that are not shown to you unless the user asks you to replace them \
      entirely.
      - Keep "reply" to a few plain sentences.""";

  static AiPrompt of(RefinementRequest request, int maxPromptBytes) {
    int remaining = maxPromptBytes - bytes(request.message());

    Deque<ChatTurn> recent = new ArrayDeque<>();
    int conversationBudget = Math.min(Math.max(remaining, 0), maxPromptBytes / 4);
    List<ChatTurn> conversation = request.conversation();
    for (int i = conversation.size() - 1; i >= 0; i--) {
      int size = bytes(conversation.get(i).content());
      if (size > conversationBudget) {
        break;
      }
      conversationBudget -= size;
      remaining -= size;
      recent.addFirst(conversation.get(i));
    }
    int earlierNotShown = conversation.size() - recent.size();

    StringBuilder files = new StringBuilder();
    List<String> notText = new ArrayList<>();
    List<String> overLimit = new ArrayList<>();
    for (Map.Entry<String, byte[]> file : request.files().entrySet()) {
      Optional<String> text = TextContent.decode(file.getValue());
      if (text.isEmpty()) {
        notText.add(file.getKey());
      } else if (file.getValue().length > remaining) {
        overLimit.add(file.getKey() + " (" + TextContent.size(file.getValue().length) + ")");
      } else {
        remaining -= file.getValue().length;
        files
            .append("<file path=\"")
            .append(file.getKey())
            .append("\">\n")
            .append(text.get())
            .append(text.get().endsWith("\n") || text.get().isEmpty() ? "" : "\n")
            .append("</file>\n");
      }
    }

    StringBuilder system = new StringBuilder(INSTRUCTIONS).append("\n\n# The app's files\n\n");
    system.append(files.isEmpty() ? "(The app has no text files yet.)\n" : files);
    if (!notText.isEmpty()) {
      system
          .append("\nNot shown because they are not text (images, fonts and the like): ")
          .append(String.join(", ", notText))
          .append('\n');
    }
    if (!overLimit.isEmpty()) {
      system
          .append("\nNot shown because the prompt has no room for them: ")
          .append(String.join(", ", overLimit))
          .append('\n');
    }
    if (earlierNotShown > 0) {
      system
          .append("\n")
          .append(earlierNotShown)
          .append(earlierNotShown == 1 ? " earlier message" : " earlier messages")
          .append(" of this chat are not shown.\n");
    }

    List<Message> messages = new ArrayList<>();
    messages.add(new Message("system", system.toString()));
    for (ChatTurn turn : recent) {
      append(
          messages, ChatTurn.ASSISTANT.equals(turn.role()) ? "assistant" : "user", turn.content());
    }
    append(messages, "user", request.message());
    return new AiPrompt(List.copyOf(messages), List.copyOf(notText), List.copyOf(overLimit));
  }

  /** Adds a turn, merged into the one before when the role repeats; never assistant first. */
  private static void append(List<Message> messages, String role, String content) {
    Message last = messages.getLast();
    if (last.role().equals(role)) {
      messages.set(messages.size() - 1, new Message(role, last.content() + "\n\n" + content));
    } else if (!(last.role().equals("system") && role.equals("assistant"))) {
      messages.add(new Message(role, content));
    }
  }

  private static int bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }
}
